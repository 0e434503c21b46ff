/**
 * What the map's downloads carry besides the picture: the shown year's values as value rows
 * (unit, indicator, value, unit of measure, dataset, status, source, grade…) and the source
 * lines printed under the PNG, the same as the other pages' exports (lib/provenance.ts).
 */
import type { Series } from "../../api/analytics.js";
import { fetchProvenance } from "../../api/provenance.js";
import type { ValueRow } from "../../lib/csv.js";
import { measureUnitText, type Locale, type Measure } from "../../lib/format.js";
import type { Translate } from "../../lib/i18n.js";
import { pointProvenance, seriesValueRows, sourceLine } from "../../lib/provenance.js";

export interface MapExportInput {
  series: Series[];
  indicator: { code: string; name: string; measure: Measure };
  year: number;
  locale: Locale;
  t: Translate;
  unitName: (code: string) => string;
}

export async function mapExport(
  input: MapExportInput,
): Promise<{ values: ValueRow[]; sources: string[] }> {
  const { indicator, year, locale, t, unitName } = input;
  const series = input.series.map(s => ({
    unit: s.unit,
    points: s.points.filter(p => p.year === year),
  }));
  // A harmonised value is a sum over former units: their own values carry the sources.
  const units = new Set(series.map(s => s.unit.code));
  for (const s of series) {
    for (const p of s.points) for (const c of p.components ?? []) units.add(c);
  }
  const index = await fetchProvenance({
    indicators: [indicator.code],
    units: [...units],
    yearFrom: year,
    yearTo: year,
  });
  const values = seriesValueRows({
    locale,
    indicator: { code: indicator.code, name: indicator.name },
    unitOfMeasure: measureUnitText(indicator.measure, locale),
    unitName,
    series,
    index,
    years: [year],
  });
  const used = new Map<string, string>();
  for (const s of series) {
    for (const p of s.points) {
      const own = pointProvenance(index, indicator.code, s.unit.code, p, unitName);
      for (const v of [own, ...(own?.derivedFrom ?? []).map(d => d.provenance)]) {
        if (v?.source) {
          used.set(
            v.source.code,
            `${sourceLine(v.source, locale, false)} (${t("grade")} ${v.grade ?? v.source.grade})`,
          );
        }
      }
    }
  }
  const sources = used.size ? [`${t("sources")}:`, ...[...used.values()].map(l => `– ${l}`)] : [];
  return { values, sources };
}
