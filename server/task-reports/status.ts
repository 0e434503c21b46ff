/**
 * Whether a body has reported for a year, pure (no database, no clock): the caller passes today.
 * A programme's yearly deadline is a month and day ("12-20": before 20 December of each year).
 */

export type ReportingState = "REPORTED" | "NOT_REPORTED" | "OVERDUE";

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isMonthDay(value: string): boolean {
  return MONTH_DAY.test(value);
}

/** The deadline of a year as an ISO date, or null when the programme sets none. */
export function deadlineIn(year: number, dueMonthDay: string | null | undefined): string | null {
  if (!dueMonthDay || !isMonthDay(dueMonthDay)) return null;
  return `${year}-${dueMonthDay}`;
}

export interface StateInput {
  year: number;
  /** "MM-DD" or null: without a deadline nothing is ever overdue. */
  dueMonthDay: string | null | undefined;
  /** Today as an ISO date (YYYY-MM-DD). */
  today: string;
  /** A report for the year exists that is not rejected (a draft counts: it was sent). */
  reported: boolean;
  /** The last day the body existed (ISO date), if it has ended. */
  bodyEndedOn?: string | null;
}

/**
 * REPORTED once a report was sent (awaiting review or approved); OVERDUE when none was and the
 * year's deadline has passed; NOT_REPORTED otherwise. A body that ceased before the deadline
 * (Hải Dương's departments ended on 2025-06-30) is never overdue for that year: nobody was left
 * to report, and calling it late would blame a body that no longer exists.
 */
export function reportingState(input: StateInput): ReportingState {
  if (input.reported) return "REPORTED";
  const deadline = deadlineIn(input.year, input.dueMonthDay);
  if (!deadline || input.today <= deadline) return "NOT_REPORTED";
  if (input.bodyEndedOn && input.bodyEndedOn < deadline) return "NOT_REPORTED";
  return "OVERDUE";
}

/** Today's date in Việt Nam (UTC+7), as YYYY-MM-DD: deadlines are local dates. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
