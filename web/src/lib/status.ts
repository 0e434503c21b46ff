/**
 * Progress statuses as the API returns them, with a colour-blind-safe palette (Okabe-Ito)
 * and the words that must always accompany the colour. Pure data.
 */
import type { ProgressStatus } from "../api/graphql.js";
import type { Locale } from "./format.js";

export const PROGRESS_STATUSES = [
  "TARGET_ACHIEVED",
  "ON_TRACK",
  "ACCELERATION_NEEDED",
  "LIMITED_PROGRESS",
  "DETERIORATION",
  "NOT_ACHIEVED",
  "NOT_ASSESSABLE",
] as const satisfies readonly ProgressStatus[];

// Every status of the schema is in the list (a new one fails the typecheck here).
const everyStatus: Exclude<ProgressStatus, (typeof PROGRESS_STATUSES)[number]> extends never
  ? true
  : never = true;
void everyStatus;

export type { ProgressStatus };

interface StatusStyle {
  /** Fill colour (Okabe-Ito). */
  color: string;
  /** Text colour readable on `color` (WCAG AA for the label size we use). */
  textColor: string;
  /** A symbol so the status does not rest on colour alone, even in a grey print. */
  symbol: string;
  label: Record<Locale, string>;
}

export const STATUS_STYLE: Record<ProgressStatus, StatusStyle> = {
  TARGET_ACHIEVED: {
    color: "#009E73",
    textColor: "#ffffff",
    symbol: "✔",
    label: { vi: "Đạt mục tiêu", en: "Target achieved" },
  },
  ON_TRACK: {
    color: "#56B4E9",
    textColor: "#00263a",
    symbol: "↗",
    label: { vi: "Đúng tiến độ", en: "On track" },
  },
  ACCELERATION_NEEDED: {
    color: "#E69F00",
    textColor: "#2b1d00",
    symbol: "»",
    label: { vi: "Cần tăng tốc", en: "Acceleration needed" },
  },
  LIMITED_PROGRESS: {
    color: "#F0E442",
    textColor: "#2b2800",
    symbol: "→",
    label: { vi: "Tiến triển hạn chế", en: "Limited progress" },
  },
  DETERIORATION: {
    color: "#D55E00",
    textColor: "#ffffff",
    symbol: "↘",
    label: { vi: "Xấu đi", en: "Deterioration" },
  },
  NOT_ACHIEVED: {
    color: "#CC79A7",
    textColor: "#2a0c1e",
    symbol: "✖",
    label: { vi: "Chưa đạt", en: "Not achieved" },
  },
  NOT_ASSESSABLE: {
    color: "#BBBBBB",
    textColor: "#1a1a1a",
    symbol: "?",
    label: { vi: "Không đủ dữ liệu để đánh giá", en: "Not enough data to assess" },
  },
};

export function isProgressStatus(value: unknown): value is ProgressStatus {
  return typeof value === "string" && (PROGRESS_STATUSES as readonly string[]).includes(value);
}

/** Text of a status; unknown statuses (a newer API) fall back to their code, never to blank. */
export function statusLabel(status: string | null | undefined, locale: Locale): string {
  if (!status) return STATUS_STYLE.NOT_ASSESSABLE.label[locale];
  return isProgressStatus(status) ? STATUS_STYLE[status].label[locale] : status;
}

export function statusStyle(status: string | null | undefined): StatusStyle {
  return isProgressStatus(status) ? STATUS_STYLE[status] : STATUS_STYLE.NOT_ASSESSABLE;
}

/**
 * Why a target cannot be assessed, in the page's language: the API's words (Progress.reasonVi /
 * reasonEn, lower-case, to go inside a sentence); the code when the words were not asked for.
 */
export function reasonLabel(
  progress: { reason: string | null; reasonVi?: string | null; reasonEn?: string | null },
  locale: Locale,
): string | null {
  if (!progress.reason) return null;
  return (locale === "vi" ? progress.reasonVi : progress.reasonEn) || progress.reason;
}
