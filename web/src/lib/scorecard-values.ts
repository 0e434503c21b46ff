/** The values a scorecard judged, as CSV rows with their provenance (overview and briefing). */
import type { Scorecard } from "../api/analytics.js";
import type { ValueRow } from "./csv.js";
import { measureUnitText, type Locale } from "./format.js";
import { pick, t } from "./i18n.js";
import { seriesValueRows, type ValueProvenance } from "./provenance.js";
import { statusLabel } from "./status.js";

/** One CSV row per value each cell judged, with the target and status in the note. */
export function scorecardValues(
  scorecard: Scorecard,
  locale: Locale,
  unitLabel: (code: string) => string,
  index: ReadonlyMap<string, ValueProvenance>,
): ValueRow[] {
  return scorecard.rows.flatMap(row =>
    row.cells.flatMap(cell =>
      seriesValueRows({
        locale,
        indicator: { code: row.target.indicator.code, name: pick(row.target.indicator, locale) },
        unitOfMeasure: measureUnitText(row.target.indicator.measure, locale),
        unitName: unitLabel,
        series: [{ unit: cell.unit, points: cell.series }],
        index,
        note: `${t("target", locale)} ${row.target.label}: ${statusLabel(cell.progress.status, locale)}`,
      }),
    ),
  );
}
