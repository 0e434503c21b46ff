/** Monitoring & check-ups: samples over limits by factor and sector; examined vs cases by disease. */
import { fetchUnits } from "../../api/catalog.js";
import {
  fetchCheckupSummary,
  fetchMonitoringSummary,
  type MonitoringGroup,
} from "../../api/monitoring.js";
import type { PageContext, PageHandle } from "../../app/page.js";
import { buildCheckupOption } from "../../charts/checkup/option.js";
import { buildOverLimitOption, shareOverLimit } from "../../charts/monitoring/option.js";
import { createChartPanel, type ChartPanel } from "../../components/chart-panel.js";
import {
  checkboxField,
  selectField,
  toolbar,
  yearField,
  datasetToggle,
} from "../../components/controls.js";
import { h } from "../../components/dom.js";
import { provenanceTooltipHtml } from "../../components/provenance.js";
import { showEmpty, showLoading } from "../../components/states.js";
import type { ValueRow } from "../../lib/csv.js";
import { formatNumber, formatPercent } from "../../lib/format.js";
import { datasetParam, enumParam, intParam, listParam } from "../../lib/url-state.js";
import { DISEASES, FACTORS, SECTORS, term } from "../../lib/vocab.js";
import {
  FOCUS_UNITS,
  HAI_DUONG_OLD,
  HAI_PHONG_NEW,
  HAI_PHONG_OLD,
  unitLabeller,
} from "../../lib/units.js";
import {
  checkupSeries,
  overLimitSeries,
  type OverLimitCategory,
  type OverLimitData,
} from "./aggregate.js";
import { totalProvenanceLines, withTooltipProvenance } from "./provenance.js";

const UNIT_CHOICES = FOCUS_UNITS.filter(c => c !== "vn");
const KINDS = ["OD_SCREENING", "PERIODIC", "ALL"] as const;

export async function render(ctx: PageContext): Promise<PageHandle> {
  const { root, t, locale, state } = ctx;
  const params = state.params;
  const selectedUnits = listParam(params, "units", [
    HAI_PHONG_OLD,
    HAI_DUONG_OLD,
    HAI_PHONG_NEW,
  ]).filter(c => UNIT_CHOICES.includes(c));
  const from = intParam(params, "from", 2021, 2000, 2030);
  const to = Math.max(from, intParam(params, "to", 2025, 2000, 2030));
  // Official by default, like every page; the illustrative data is one obvious switch away.
  const { data, datasets } = datasetParam(params, "official");
  const kind = enumParam(params, "kind", KINDS, "OD_SCREENING");

  showLoading(root, t);
  const filter = { units: selectedUnits, yearFrom: from, yearTo: to, datasets };
  const checkupKind = kind === "ALL" ? null : kind;
  const categories: OverLimitCategory[] = ["factor", "sector", "year"];
  const monitoring = (group: MonitoringGroup) => fetchMonitoringSummary([group, "UNIT"], filter);
  const [units, byFactor, bySector, byYear, examined, cases] = await Promise.all([
    fetchUnits(),
    monitoring("FACTOR"),
    monitoring("SECTOR"),
    monitoring("YEAR"),
    fetchCheckupSummary(["YEAR"], checkupKind, filter),
    fetchCheckupSummary(["YEAR", "DISEASE"], checkupKind, filter),
  ]);
  const label = unitLabeller(units, locale);

  root.replaceChildren(
    h("h1", { class: "page-title" }, t("page.monitoring")),
    toolbar(
      checkboxField(
        t("units"),
        "units",
        UNIT_CHOICES.map(c => ({ value: c, label: label(c) })),
        selectedUnits,
        v => ctx.setParams({ units: v.join(",") || undefined }),
      ),
      yearField(t("from"), "from", from, 2000, 2030, y => ctx.setParams({ from: String(y) })),
      yearField(t("to"), "to", to, 2000, 2030, y => ctx.setParams({ to: String(y) })),
      datasetToggle(t, data, v => ctx.setParams({ data: v })),
    ),
  );

  const hasAny = [byFactor, bySector, byYear].some(rows => rows.length > 0) || examined.length > 0;
  if (!hasAny && data === "official") {
    root.append(
      h(
        "section",
        { class: "panel", "data-empty": "official" },
        h("p", { class: "state state-empty", role: "status" }, t("monitoring.officialEmpty")),
        h(
          "button",
          {
            type: "button",
            class: "btn btn-primary",
            "data-action": "show-illustrative",
            onclick: () => ctx.setParams({ data: "all" }),
          },
          t("monitoring.showIllustrative"),
        ),
      ),
    );
    return { dispose() {} };
  }
  const panels: ChartPanel[] = [];
  const selected = selectedUnits.map(code => ({ code, label: label(code) }));
  const grid = root.appendChild(h("div", { class: "grid-2" }));
  // Codes from the API (dust, textiles, silicosis) become words here, so charts, tables and CSV
  // all show the same labels.
  const summaries = { factor: byFactor, sector: bySector, year: byYear };
  const categoryLabel = {
    factor: (c: string) => term(FACTORS, c, locale),
    sector: (c: string) => term(SECTORS, c, locale),
    year: (c: string) => c,
  };
  for (const category of categories) {
    const aggregated = overLimitSeries(
      summaries[category],
      category,
      selected,
      categoryLabel[category],
    );
    const title = t(
      `monitoring.by${category === "factor" ? "Factor" : category === "sector" ? "Sector" : "Year"}`,
    );
    if (aggregated.series.length === 0) {
      showEmpty(
        grid
          .appendChild(h("section", { class: "panel" }, h("h2", { class: "panel-title" }, title)))
          .appendChild(h("div")),
        t,
      );
      continue;
    }
    const missing = selected
      .filter(u => !aggregated.series.some(s => s.code === u.code))
      .map(u => u.label);
    const note = missing.length ? `${t("noData")}: ${missing.join(", ")}` : undefined;
    panels.push(
      overLimitPanel(grid, ctx, `monitoring-${category}`, title, aggregated, note, `${from}–${to}`),
    );
  }

  const checkupData = checkupSeries(examined, cases, code => term(DISEASES, code, locale));
  const kindLabel = (k: (typeof KINDS)[number]) => t(`checkup.kind.${k}`);
  const kindSelect = selectField(
    t("kind"),
    "kind",
    KINDS.map(k => ({ value: k, label: kindLabel(k) })),
    kind,
    v => ctx.setParams({ kind: v }),
  );
  if (checkupData.years.length === 0) {
    const section = root.appendChild(
      h(
        "section",
        { class: "panel" },
        h("h2", { class: "panel-title" }, t("checkup.byDisease")),
        kindSelect,
      ),
    );
    showEmpty(section.appendChild(h("div")), t);
  } else {
    const title = `${t("checkup.byDisease")} · ${kindLabel(kind)}`;
    panels.push(
      createChartPanel(root, {
        id: "checkups",
        title,
        note: [
          selectedUnits.map(label).join(", "),
          checkupData.diseases.length === 0 ? t("checkup.noCases") : null,
        ]
          .filter(Boolean)
          .join(" · "),
        locale,
        t,
        controls: [kindSelect],
        option: withTooltipProvenance(buildCheckupOption({ locale, title, ...checkupData }), () =>
          provenanceTooltipHtml(totalProvenanceLines(checkupData.illustrative, "checkup", locale)),
        ),
        values: checkupData.years.flatMap((year, yi) => {
          const unitCode = selectedUnits.join("+");
          const unitName = selectedUnits.map(label).join(" + ");
          const row = (code: string, name: string, value: number | null, note: string) =>
            monitoringRow(ctx, checkupData.illustrative, {
              unitCode,
              unitName,
              indicatorCode: code,
              indicatorName: name,
              year,
              value,
              unitOfMeasure: locale === "vi" ? "người" : "persons",
              note,
            });
          return [
            row(
              "od-workers-examined",
              t("checkup.examined"),
              checkupData.examined[yi],
              kindLabel(kind),
            ),
            ...checkupData.diseases.map(d =>
              row(
                "od-cases",
                `${t("checkup.byDisease")}: ${d.label}`,
                d.cases[yi],
                kindLabel(kind),
              ),
            ),
          ];
        }),
        table: {
          illustrative: checkupData.illustrative,
          columns: [
            { key: "year", label: t("year") },
            { key: "examined", label: t("checkup.examined"), numeric: true },
            ...checkupData.diseases.map((d, i) => ({
              key: `d${i}`,
              label: d.label,
              numeric: true,
            })),
          ],
          rows: checkupData.years.map((year, yi) => ({
            year: String(year),
            examined: formatNumber(checkupData.examined[yi], locale, { digits: 0 }),
            ...Object.fromEntries(
              checkupData.diseases.map((d, i) => [
                `d${i}`,
                formatNumber(d.cases[yi], locale, { digits: 0 }),
              ]),
            ),
          })),
        },
      }),
    );
  }
  return { dispose: () => panels.forEach(p => p.dispose()) };
}

/**
 * A CSV row of a monitoring or check-up total: these are sums over establishment records, so
 * they have no source of their own; the status says whether the records are illustrative.
 */
function monitoringRow(
  { locale }: PageContext,
  illustrative: boolean,
  row: Omit<ValueRow, "dataset" | "status" | "source" | "grade" | "disputed">,
): ValueRow {
  const summed = locale === "vi" ? "tổng hợp từ hồ sơ cơ sở" : "summed from establishment records";
  const generated =
    locale === "vi"
      ? "số liệu do máy tạo để minh họa, không phải số liệu thật"
      : "machine-generated for demonstration, not real figures";
  return {
    ...row,
    dataset: illustrative ? "ILLUSTRATIVE" : "OFFICIAL",
    status: illustrative ? "ILLUSTRATIVE" : "DERIVED",
    source: "",
    grade: "",
    disputed: false,
    note: [row.note, illustrative ? generated : summed].filter(Boolean).join("; "),
  };
}

function overLimitPanel(
  host: HTMLElement,
  ctx: PageContext,
  id: string,
  title: string,
  data: OverLimitData,
  note?: string,
  years?: string,
): ChartPanel {
  const { t, locale } = ctx;
  return createChartPanel(host, {
    id,
    title,
    note,
    locale,
    t,
    height: Math.max(260, 80 + data.categories.length * data.series.length * 18),
    option: withTooltipProvenance(
      buildOverLimitOption({ locale, title, categories: data.categories, series: data.series }),
      params => {
        const series = data.series[(params as { seriesIndex: number }).seriesIndex];
        return provenanceTooltipHtml(
          totalProvenanceLines(Boolean(series?.illustrative), "monitoring", locale),
        );
      },
    ),
    values: data.categories.flatMap((category, ci) =>
      data.series.flatMap(s => {
        const cell = s.cells[ci];
        const byYear = id.endsWith("year");
        const row = (code: string, name: string, value: number | null, measure: string) =>
          monitoringRow(ctx, Boolean(s.illustrative), {
            unitCode: s.code,
            unitName: s.label,
            indicatorCode: code,
            indicatorName: name,
            year: byYear ? Number(category) : (years ?? ""),
            value,
            unitOfMeasure: measure,
            note: byYear ? "" : `${title}: ${category}`,
          });
        const count = locale === "vi" ? "số mẫu" : "samples";
        const share = shareOverLimit(cell);
        return [
          row("wem-samples", t("monitoring.samples"), cell.samples, count),
          row("wem-samples-not-meeting", t("monitoring.overLimit"), cell.overLimit, count),
          row(
            "wem-samples-not-meeting-share",
            t("monitoring.shareOver"),
            share === null ? null : Math.round(share * 100) / 100,
            "%",
          ),
        ];
      }),
    ),
    table: {
      illustrative: data.illustrative,
      columns: [
        {
          key: "category",
          label: t(
            id.endsWith("factor")
              ? "monitoring.factor"
              : id.endsWith("sector")
                ? "monitoring.sector"
                : "year",
          ),
        },
        { key: "unit", label: t("unit") },
        { key: "samples", label: t("monitoring.samples"), numeric: true },
        { key: "over", label: t("monitoring.overLimit"), numeric: true },
        { key: "share", label: t("monitoring.shareOver"), numeric: true },
      ],
      rows: data.categories.flatMap((category, ci) =>
        data.series.map(s => ({
          category,
          unit: s.label,
          samples: formatNumber(s.cells[ci].samples, locale, { digits: 0 }),
          over: formatNumber(s.cells[ci].overLimit, locale, { digits: 0 }),
          share: formatPercent(shareOverLimit(s.cells[ci]), locale),
        })),
      ),
    },
  });
}
