/** Compare: one indicator, several units, actual series vs the required trajectory and the national target. */
import { fetchComparison } from "../../api/analytics.js";
import { fetchIndicators, fetchUnits } from "../../api/catalog.js";
import type { Comparison } from "../../api/analytics.js";
import type { PageContext, PageHandle } from "../../app/page.js";
import { buildCompareOption, yearsBetween } from "../../charts/compare/option.js";
import { createChartPanel } from "../../components/chart-panel.js";
import {
  checkboxField,
  toolbar,
  yearField,
  basisToggle,
  datasetToggle,
} from "../../components/controls.js";
import { h } from "../../components/dom.js";
import { indicatorLink } from "../../components/indicator-link.js";
import { indicatorPicker } from "../../components/indicator-picker.js";
import { showEmpty, showLoading } from "../../components/states.js";
import { fetchProvenance } from "../../api/provenance.js";
import { provenanceTooltipHtml } from "../../components/provenance.js";
import { formatMeasure, measureUnitText } from "../../lib/format.js";
import {
  pointProvenance,
  provenanceColumns,
  provenanceLines,
  seriesValueRows,
  sourceLine,
  type ValueProvenance,
} from "../../lib/provenance.js";
import { pick } from "../../lib/i18n.js";
import type { TableModel } from "../../lib/table.js";
import { targetValueText } from "../../lib/targets.js";
import { basisParam, datasetParam, intParam } from "../../lib/url-state.js";
import { FOCUS_UNITS, focusUnitsParam, unitLabeller } from "../../lib/units.js";

export const DEFAULT_INDICATOR = "oa-fatal-frequency";
const LEVEL_KINDS = ["LEVEL", "ALL", "MILESTONE"];

export async function render(ctx: PageContext): Promise<PageHandle> {
  const { root, t, locale, state } = ctx;
  const params = state.params;
  const basis = basisParam(params);
  const { data, datasets } = datasetParam(params, "official");
  const selectedUnits = focusUnitsParam(params);
  const from = intParam(params, "from", 2016, 2000, 2030);
  const to = Math.max(from, intParam(params, "to", 2025, 2000, 2030));
  showLoading(root, t);
  const [indicators, units] = await Promise.all([fetchIndicators(), fetchUnits()]);
  const indicator =
    indicators.find(i => i.code === params.indicator) ??
    indicators.find(i => i.code === DEFAULT_INDICATOR) ??
    indicators[0];
  const unitLabel = unitLabeller(units, locale);

  root.replaceChildren(
    h("h1", { class: "page-title" }, t("compare.title")),
    toolbar(
      indicatorPicker({
        label: t("indicator"),
        indicators,
        value: indicator?.code ?? "",
        locale,
        onCommit: v => ctx.setParams({ indicator: v }),
      }),
      checkboxField(
        t("compare.pickUnits"),
        "units",
        FOCUS_UNITS.map(c => ({ value: c, label: unitLabel(c) })),
        selectedUnits,
        v => ctx.setParams({ units: v.join(",") || undefined }),
      ),
      yearField(t("from"), "from", from, 2000, 2030, y => ctx.setParams({ from: String(y) })),
      yearField(t("to"), "to", to, 2000, 2030, y => ctx.setParams({ to: String(y) })),
      basisToggle(t, basis, v => ctx.setParams({ basis: v })),
      datasetToggle(t, data, v => ctx.setParams({ data: v })),
    ),
  );
  if (indicator) {
    root.append(
      h(
        "p",
        { class: "page-intro" },
        `${t("indicator.open")}: `,
        indicatorLink(indicator.code, pick(indicator, locale), locale),
      ),
    );
  }
  if (!indicator || selectedUnits.length === 0) {
    showEmpty(root.appendChild(h("div")), t);
    return { dispose() {} };
  }
  const comparison = await fetchComparison({
    indicator: indicator.code,
    units: selectedUnits,
    basis,
    datasets,
    yearFrom: from,
    yearTo: to,
  });
  const hasValues = comparison.series.some(s => s.points.some(p => p.value !== null));
  if (!hasValues) {
    showEmpty(root.appendChild(h("div")), t);
    return { dispose() {} };
  }
  const target = comparison.target;
  const nationalTarget =
    target && LEVEL_KINDS.includes(target.kind)
      ? { value: target.value, label: t("nationalTarget") }
      : null;
  const title = `${pick(indicator, locale)} · ${from}–${to}`;
  const withoutData = comparison.series
    .filter(s => s.points.every(p => p.value === null))
    .map(s => unitLabel(s.unit.code));
  const notes = [
    withoutData.length ? `${t("noData")}: ${withoutData.join(", ")}` : null,
    target
      ? `${t("requiredPath")}: ${t("target")} ${target.label}, ${pick(target.programme, locale)} (${targetValueText(target, locale)})`
      : null,
    basis === "HARMONISED" ? t("harmonisedHint") : null,
  ].filter(Boolean);
  // Where each value comes from: the official values' sources (one query), the parts of a rate.
  const num = comparison.indicator.numerator;
  const den = comparison.indicator.denominator;
  const parts =
    num && den
      ? [
          { indicator: num.code, label: pick(num, locale) },
          { indicator: den.code, label: pick(den, locale) },
        ]
      : undefined;
  const index = await fetchProvenance({
    indicators: [indicator.code, ...(parts ?? []).map(p => p.indicator)],
    units: [
      ...new Set(
        comparison.series.flatMap(s => [s.unit.code, ...s.points.flatMap(p => p.components)]),
      ),
    ],
    yearFrom: from,
    yearTo: to,
  });
  const measure = indicator.measure;
  const formatValue = (v: number) => formatMeasure(v, measure, locale);
  const provenanceOf = (seriesIndex: number, year: number): ValueProvenance | null => {
    const s = comparison.series[seriesIndex];
    const point = s?.points.find(p => p.year === year);
    return point
      ? pointProvenance(index, indicator.code, s.unit.code, point, unitLabel, parts)
      : null;
  };
  const usedSources = new Map<string, string>();
  comparison.series.forEach((s, i) =>
    s.points.forEach(p => {
      const prov = provenanceOf(i, p.year);
      for (const v of [prov, ...(prov?.derivedFrom ?? []).map(d => d.provenance)]) {
        if (v?.source) {
          usedSources.set(
            v.source.code,
            // No URL on the image (too long to read there); the CSV has it.
            `${sourceLine(v.source, locale, false)} (${t("grade")} ${v.grade ?? v.source.grade})`,
          );
        }
      }
    }),
  );
  const table = compareTable(comparison, ctx, from, to, unitLabel);
  table.columns.push({ key: "source", label: t("provenance") });
  for (const row of table.rows) {
    const year = Number(row.year);
    row.source = comparison.series
      .map((s, i) => {
        const p = s.points.find(x => x.year === year);
        if (p?.value == null) return null;
        const c = provenanceColumns(provenanceOf(i, year), locale);
        // Notes in the seeds are English: on screen only in English (the CSV keeps them).
        const what = [c.source, c.grade, locale === "en" ? c.note : null]
          .filter(Boolean)
          .join(", ");
        return `${unitLabel(s.unit.code)}: ${what || c.status}`;
      })
      .filter(Boolean)
      .join(" | ");
  }
  const panel = createChartPanel(root, {
    id: "compare",
    title,
    note: notes.join(" · ") || undefined,
    locale,
    t,
    height: 420,
    option: buildCompareOption({
      locale,
      measure: indicator.measure,
      indicatorName: pick(indicator, locale),
      fromYear: from,
      toYear: to,
      series: comparison.series.map(s => ({
        code: s.unit.code,
        label: unitLabel(s.unit.code),
        points: s.points,
        illustrative: s.containsIllustrative,
      })),
      trajectories: comparison.trajectories.map(tr => ({
        code: tr.unit.code,
        label: unitLabel(tr.unit.code),
        points: tr.points,
      })),
      nationalTarget,
      provenanceHtml: (i, year) =>
        provenanceTooltipHtml(provenanceLines(provenanceOf(i, year), locale, formatValue, true)),
    }),
    table,
    values: seriesValueRows({
      locale,
      indicator: { code: indicator.code, name: pick(indicator, locale) },
      unitOfMeasure: measureUnitText(measure, locale),
      unitName: unitLabel,
      series: comparison.series,
      index,
      years: yearsBetween(from, to),
      parts,
    }),
    png: {
      subtitle: `${t("unitOfMeasure")}: ${measureUnitText(measure, locale) || "—"} · ${from}–${to}`,
      sources: usedSources.size
        ? [`${t("sources")}:`, ...[...usedSources.values()].map(l => `– ${l}`)]
        : [],
    },
  });
  return { dispose: () => panel.dispose() };
}

/** Years as rows; for each unit its value and, where a target applies, its required path. */
function compareTable(
  comparison: Comparison,
  ctx: PageContext,
  from: number,
  to: number,
  unitLabel: (code: string) => string,
): TableModel {
  const { t, locale } = ctx;
  const measure = comparison.indicator.measure;
  const columns = [{ key: "year", label: t("year") }];
  for (const s of comparison.series) {
    columns.push({
      key: `v:${s.unit.code}`,
      label: unitLabel(s.unit.code),
      numeric: true,
    } as (typeof columns)[number]);
  }
  for (const tr of comparison.trajectories) {
    columns.push({
      key: `p:${tr.unit.code}`,
      label: `${t("requiredPath")}: ${unitLabel(tr.unit.code)}`,
      numeric: true,
    } as (typeof columns)[number]);
  }
  const rows = yearsBetween(from, to).map(year => {
    const row: Record<string, string | null> = { year: String(year) };
    for (const s of comparison.series) {
      const point = s.points.find(p => p.year === year);
      if (point?.value == null) {
        // A harmonised value is unknown when one of the merged provinces has no figure: say which.
        const missing = point?.missingFrom ?? [];
        row[`v:${s.unit.code}`] = missing.length
          ? `${t("noData")} (${t("missingFrom")}: ${missing.map(unitLabel).join(", ")})`
          : null;
      } else {
        row[`v:${s.unit.code}`] =
          formatMeasure(point.value, measure, locale) +
          (point.illustrative ? ` (${t("illustrative")})` : "");
      }
    }
    for (const tr of comparison.trajectories) {
      const point = tr.points.find(p => p.year === year);
      row[`p:${tr.unit.code}`] = point ? formatMeasure(point.value, measure, locale) : "—";
    }
    return row;
  });
  return { columns, rows, illustrative: comparison.containsIllustrative };
}
