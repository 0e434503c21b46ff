import { describe, expect, it } from "vitest";
import { pick, t } from "../../../web/src/lib/i18n.js";
import { en, vi } from "../../../web/src/lib/messages.js";
import { PROGRESS_STATUSES, statusLabel, statusStyle } from "../../../web/src/lib/status.js";

describe("i18n", () => {
  it("has the same keys in both languages and no empty text", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const text of [...Object.values(vi), ...Object.values(en)]) {
      expect(text.trim()).not.toBe("");
    }
  });

  it("uses the Vietnamese page names with diacritics", () => {
    expect([t("page.overview", "vi"), t("page.compare", "vi"), t("page.programme", "vi")]).toEqual([
      "Tổng quan",
      "So sánh",
      "Chương trình",
    ]);
    expect(t("page.monitoring", "vi")).toBe("Quan trắc & khám sức khỏe");
    expect(t("page.map", "vi")).toBe("Bản đồ");
    expect(t("page.briefing", "vi")).toBe("Báo cáo tóm tắt");
    expect([
      t("noData", "vi"),
      t("illustrative", "vi"),
      t("downloadCsv", "vi"),
      t("downloadPng", "vi"),
    ]).toEqual(["Không có số liệu", "Dữ liệu minh họa", "Tải CSV", "Tải PNG"]);
  });

  it("fills placeholders", () => {
    expect(
      t("sentence.notAssessable", "en", { indicator: "Fatal accidents", reason: "no data." }),
    ).toBe("Fatal accidents cannot be assessed yet: no data.");
    expect(t("sentence.notAssessable", "vi", { indicator: "X" })).toBe(
      "Chưa đánh giá được X: {reason}",
    );
  });

  it("picks API names by language with fallback", () => {
    expect(pick({ nameVi: "Hải Phòng", nameEn: "Hai Phong" }, "en")).toBe("Hai Phong");
    expect(pick({ nameVi: "Hải Phòng", nameEn: null }, "en")).toBe("Hải Phòng");
  });
});

describe("status", () => {
  it("labels every status in Vietnamese", () => {
    expect(PROGRESS_STATUSES.map(s => statusLabel(s, "vi"))).toEqual([
      "Đạt mục tiêu",
      "Đúng tiến độ",
      "Cần tăng tốc",
      "Tiến triển hạn chế",
      "Xấu đi",
      "Chưa đạt",
      "Không đủ dữ liệu để đánh giá",
    ]);
  });

  it("gives every status a distinct colour and a symbol", () => {
    const colours = PROGRESS_STATUSES.map(s => statusStyle(s).color);
    expect(new Set(colours).size).toBe(colours.length);
    for (const s of PROGRESS_STATUSES) expect(statusStyle(s).symbol).not.toBe("");
  });

  it("never shows a blank status", () => {
    expect(statusLabel(null, "en")).toBe("Not enough data to assess");
    expect(statusLabel("SOMETHING_NEW", "en")).toBe("SOMETHING_NEW");
  });
});
