/**
 * Provenance in the monitoring page's chart tooltips, as the other charts show it (lib/provenance.ts
 * lines, components/provenance.ts style). Monitoring and check-up totals are sums over
 * establishment records, which carry no source of their own: an official total says so and how it
 * was made; a generated one says it is illustrative. Pure.
 */
import type { ECOption } from "../../charts/echarts.js";
import type { Locale } from "../../lib/format.js";
import { provenanceLines } from "../../lib/provenance.js";

const SUMMED = {
  monitoring: {
    vi: "Tổng hợp từ hồ sơ quan trắc môi trường lao động của các cơ sở",
    en: "Summed from the establishments' working-environment monitoring records",
  },
  checkup: {
    vi: "Tổng hợp từ hồ sơ khám sức khỏe của các cơ sở",
    en: "Summed from the establishments' health check-up records",
  },
} as const;

/** The tooltip lines of a monitoring (or check-up) total: illustrative, or derived from records. */
export function totalProvenanceLines(
  illustrative: boolean,
  records: keyof typeof SUMMED,
  locale: Locale,
): string[] {
  if (illustrative) return provenanceLines({ status: "ILLUSTRATIVE" }, locale, String, true);
  return [...provenanceLines({ status: "DERIVED" }, locale, String, true), SUMMED[records][locale]];
}

/**
 * The option with `block(params)` under each tooltip (components/provenance.ts's
 * provenanceTooltipHtml of the lines: kept out of here so this file needs no DOM).
 */
export function withTooltipProvenance(
  option: ECOption,
  block: (params: unknown) => string,
): ECOption {
  const tooltip = (option.tooltip ?? {}) as { formatter?: (params: unknown) => string };
  const own = tooltip.formatter;
  return {
    ...option,
    tooltip: {
      ...tooltip,
      formatter: (params: unknown) => `${own ? own(params) : ""}${block(params)}`,
    },
  };
}
