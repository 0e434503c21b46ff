/**
 * Shared chart styling. Series colours follow the Okabe-Ito palette, which stays distinct for
 * the common forms of colour blindness; the nation is always black so it reads as the reference.
 */

export const SERIES_COLOURS = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#8c6d1f",
  "#F0E442",
];
export const NATION_COLOUR = "#000000";
export const FONT_FAMILY = 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

/** Colour for the i-th unit; the nation keeps black wherever it appears in the list. */
export function unitColour(code: string, index: number): string {
  return code === "vn" ? NATION_COLOUR : SERIES_COLOURS[index % SERIES_COLOURS.length];
}

/** Options every chart shares: no animation (stable screenshots), accessible description. */
export function baseOption(description: string) {
  return {
    animation: false,
    textStyle: { fontFamily: FONT_FAMILY },
    aria: { enabled: true, label: { enabled: true, description } },
  };
}

/** Tooltip rows 'label: value' joined for ECharts' HTML tooltip; values are escaped. */
export function tooltipHtml(title: string, rows: [string, string][]): string {
  const line = ([label, value]: [string, string]) =>
    `${escapeHtml(label)}: <b>${escapeHtml(value)}</b>`;
  return [`<b>${escapeHtml(title)}</b>`, ...rows.map(line)].join("<br/>");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, ch => `&#${ch.charCodeAt(0)};`);
}
