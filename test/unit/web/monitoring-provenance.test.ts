import { describe, expect, it } from "vitest";
import type { ECOption } from "../../../web/src/charts/echarts.js";
import {
  totalProvenanceLines,
  withTooltipProvenance,
} from "../../../web/src/pages/monitoring/provenance.js";

describe("monitoring tooltip provenance", () => {
  it("marks generated totals as illustrative, in Vietnamese and English", () => {
    expect(totalProvenanceLines(true, "monitoring", "vi")).toEqual([
      "Trạng thái: minh họa",
      "Số liệu do máy tạo để minh họa, không phải số liệu thật",
    ]);
    expect(totalProvenanceLines(true, "checkup", "en")[0]).toBe("Status: illustrative");
  });

  it("says an official total is derived from establishment records that name no source", () => {
    expect(totalProvenanceLines(false, "monitoring", "vi")).toEqual([
      "Trạng thái: tính toán",
      "Nguồn: không rõ nguồn",
      "Tổng hợp từ hồ sơ quan trắc môi trường lao động của các cơ sở",
    ]);
    expect(totalProvenanceLines(false, "checkup", "en").at(-1)).toBe(
      "Summed from the establishments' health check-up records",
    );
  });

  it("adds the block under the chart's own tooltip and keeps the rest of the tooltip", () => {
    const option = {
      tooltip: { trigger: "item", formatter: (p: unknown) => `row ${(p as { i: number }).i}` },
    } as unknown as ECOption;
    const wrapped = withTooltipProvenance(option, p => `<i>${(p as { i: number }).i}</i>`);
    const tooltip = wrapped.tooltip as { trigger: string; formatter: (p: unknown) => string };
    expect(tooltip.formatter({ i: 2 })).toBe("row 2<i>2</i>");
    expect(tooltip.trigger).toBe("item");
  });
});
