import { describe, expect, it } from "vitest";
import {
  deadlineIn,
  isMonthDay,
  reportingState,
  todayInVietnam,
} from "../../../server/task-reports/status.js";

describe("task report deadlines", () => {
  it("reads MM-DD and places it in a year", () => {
    expect(deadlineIn(2024, "12-20")).toBe("2024-12-20");
    expect(deadlineIn(2024, null)).toBeNull();
    expect(deadlineIn(2024, "20-12")).toBeNull();
    expect(isMonthDay("02-29")).toBe(true);
    expect(isMonthDay("13-01")).toBe(false);
    expect(isMonthDay("1-5")).toBe(false);
  });

  it("is reported once a report was sent, whatever the date", () => {
    for (const today of ["2024-06-01", "2024-12-21", "2030-01-01"]) {
      expect(reportingState({ year: 2024, dueMonthDay: "12-20", today, reported: true })).toBe(
        "REPORTED",
      );
    }
  });

  it("is overdue only after the deadline day itself", () => {
    const s = (today: string) =>
      reportingState({ year: 2024, dueMonthDay: "12-20", today, reported: false });
    expect(s("2024-12-19")).toBe("NOT_REPORTED");
    expect(s("2024-12-20")).toBe("NOT_REPORTED");
    expect(s("2024-12-21")).toBe("OVERDUE");
    expect(s("2026-11-30")).toBe("OVERDUE");
  });

  it("is never overdue without a deadline (the Hải Phòng plan sets none)", () => {
    expect(
      reportingState({ year: 2023, dueMonthDay: null, today: "2030-01-01", reported: false }),
    ).toBe("NOT_REPORTED");
  });

  it("does not blame a body that ceased before the deadline", () => {
    const base = { year: 2025, dueMonthDay: "12-20", today: "2026-01-10", reported: false };
    expect(reportingState({ ...base, bodyEndedOn: "2025-06-30" })).toBe("NOT_REPORTED");
    expect(reportingState({ ...base, bodyEndedOn: "2025-12-31" })).toBe("OVERDUE");
    expect(reportingState({ ...base, year: 2024, bodyEndedOn: "2025-06-30" })).toBe("OVERDUE");
  });

  it("takes today in Việt Nam (UTC+7)", () => {
    expect(todayInVietnam(new Date("2024-12-20T16:59:00Z"))).toBe("2024-12-20");
    expect(todayInVietnam(new Date("2024-12-20T17:00:00Z"))).toBe("2024-12-21");
  });
});
