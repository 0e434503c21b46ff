/**
 * Target status per unit for the map's status mode: the national programme's target on the
 * chosen indicator, judged for every province by the API's scorecard.
 */
import { fetchScorecard } from "../../api/analytics.js";
import type { Dataset, ProgressStatus, SeriesBasis } from "../../api/graphql.js";
import { NATIONAL_PROGRAMME } from "../../lib/units.js";

export interface UnitStatus {
  status: ProgressStatus;
  illustrative: boolean;
}

/** Null when the national programme has no target on this indicator. */
export async function fetchStatusByUnit(
  indicator: string,
  units: string[],
  datasets: Dataset[],
  basis: SeriesBasis,
): Promise<Map<string, UnitStatus> | null> {
  const scorecard = await fetchScorecard({
    programmes: [NATIONAL_PROGRAMME],
    units,
    basis,
    datasets,
  });
  const row = scorecard.rows.find(r => r.target.indicator.code === indicator);
  if (!row) return null;
  return new Map(
    row.cells.map(cell => [
      cell.unit.code,
      { status: cell.progress.status, illustrative: cell.progress.illustrative },
    ]),
  );
}
