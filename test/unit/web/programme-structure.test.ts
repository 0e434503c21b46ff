import { describe, expect, it } from "vitest";
import {
  compactInstruments,
  gradeText,
  instrumentDateText,
  instrumentKindText,
  itemAmountText,
  notePeriodText,
  sectionsInOrder,
} from "../../../web/src/pages/programme/structure.js";

describe("programme document helpers", () => {
  it("writes a stated amount in billion VND, Vietnamese style", () => {
    expect(itemAmountText(1234.5, "FUNDING", "vi")).toBe("1.234,5 tỷ đồng");
    expect(itemAmountText(1234.5, "FUNDING", "en")).toBe("1,234.5 bn VND");
    expect(itemAmountText(0.25, "FUNDING", "vi")).toBe("0,25 tỷ đồng");
  });

  it("says the plan states no amount instead of 0, and only for funding items", () => {
    expect(itemAmountText(null, "FUNDING", "vi")).toBe("Kế hoạch không nêu số tiền");
    expect(itemAmountText(undefined, "FUNDING", "en")).toBe("The plan states no amount");
    expect(itemAmountText(null, "TASKS", "vi")).toBeNull();
    // A stated 0 is a real amount and is written as such.
    expect(itemAmountText(0, "FUNDING", "vi")).toBe("0 tỷ đồng");
  });

  it("writes dates dd/mm/yyyy in Vietnamese and says when the date is unknown", () => {
    expect(instrumentDateText("2024-04-12", "vi")).toBe("12/04/2024");
    expect(instrumentDateText("2024-04-12", "en")).toBe("12 Apr 2024");
    expect(instrumentDateText(null, "vi")).toBe("chưa rõ ngày");
    expect(instrumentDateText(null, "en")).toBe("date not known");
  });

  it("translates instrument kinds and keeps an unknown kind visible", () => {
    expect(instrumentKindText("OFFICIAL_LETTER", "vi")).toBe("Công văn");
    expect(instrumentKindText("CIRCULAR", "vi")).toBe("Thông tư");
    expect(instrumentKindText("OFFICIAL_LETTER", "en")).toBe("Official letter");
    expect(instrumentKindText("ORDINANCE", "vi")).toBe("ORDINANCE");
  });

  it("gives each grade its meaning", () => {
    expect(gradeText("A", "vi")).toBe("A: văn bản chính thức");
    expect(gradeText("B", "vi")).toBe("B: báo chí dẫn cơ quan");
    expect(gradeText("C", "en")).toBe("C: aggregator");
  });

  it("orders sections by position and writes periods and instrument lists compactly", () => {
    expect(
      sectionsInOrder([{ position: 3 }, { position: 1 }, { position: 2 }]).map(s => s.position),
    ).toEqual([1, 2, 3]);
    expect(notePeriodText({ periodText: "2016-2020", year: 2016 }, "vi")).toBe("2016-2020");
    expect(notePeriodText({ periodText: null, year: 2024 }, "vi")).toBe("2024");
    expect(notePeriodText({ periodText: null, year: null }, "en")).toBe("No data");
    expect(compactInstruments([{ number: "19/NQ-CP" }, { number: "39/2016/NĐ-CP" }])).toBe(
      "19/NQ-CP; 39/2016/NĐ-CP",
    );
    expect(compactInstruments([])).toBe("—");
  });
});
