import type { EntityManager } from "@mikro-orm/postgresql";
import { type Dataset } from "../graphql/enums.js";
import { BadInputError } from "../graphql/errors.js";
import { Target, TARGET_JUDGING_POPULATE } from "../indicators/target.entity.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { judge } from "./progress.service.js";
import { SeriesBasis, type Progress, type SeriesPointType } from "./progress.types.js";
import { lookUp, type PlainUnit, type ScorecardTargetJson } from "./analytics.reads.js";
import { buildSeries } from "./series.service.js";

/** The Target entities of a scorecard, loaded once and only if the answer asks for a target. */
export type TargetEntities = () => Promise<Map<number, Target>>;

export interface ScorecardCellData {
  unit: PlainUnit;
  progress: Progress;
  series: SeriesPointType[];
  /** The unit's own programme target restating this one, judged on the same series. */
  ownTargetId: number | null;
  ownProgress: Progress | null;
  /** Latest national value of the indicator, for benchmarking. */
  nationalLatestYear: number | null;
  nationalLatestValue: number | null;
  targetEntities: TargetEntities;
}

export interface ScorecardRowData {
  targetId: number;
  cells: ScorecardCellData[];
  targetEntities: TargetEntities;
}

export interface ScorecardData {
  rows: ScorecardRowData[];
  units: PlainUnit[];
  datasets: Dataset[];
  basis: SeriesBasis;
  containsIllustrative: boolean;
}

/**
 * Programmes × units × targets, from plain rows: one statement for the units, the targets, the
 * targets that restate them, their indicators, the nation and the lineage (analytics.reads.ts),
 * then one for the observations (buildSeries). The statement count is fixed whatever the number
 * of units. Target entities, which the judging does not need, are read only when the answer
 * selects `target` or `ownTarget`.
 */
export async function buildScorecard(
  em: EntityManager,
  programmeCodes: string[],
  unitCodes: string[],
  datasets: Dataset[],
  basis: SeriesBasis,
): Promise<ScorecardData> {
  // The programme list's rules (at most 20 codes, at least one) are ScorecardArgs' schema.
  const lookup = await lookUp(
    em,
    { units: unitCodes, harmonised: basis === SeriesBasis.HARMONISED, programmes: programmeCodes },
    id => em.findOne(Indicator, id),
  );
  const { units, targets, restating, nation: national, targetIndicators } = lookup;
  const found = new Set(targets.map(t => t.programmeCode));
  const unknown = programmeCodes.filter(c => !found.has(c));
  if (unknown.length) {
    throw new BadInputError(
      `Unknown programme code(s) or programmes without targets: ${unknown.join(", ")}`,
      "programmes",
    );
  }

  const indicators = [...new Set(targets.map(t => t.indicatorId))].map(id =>
    targetIndicators.get(id)!,
  );
  const seriesUnits =
    national && !units.some(u => u.id === national.id) ? [...units, national] : units;
  const series = await buildSeries(em, {
    indicators,
    units: seriesUnits,
    datasets,
    basis,
    lineage: lookup.lineage,
  });
  // Cells look their series and own target up by nested maps (row, then unit): a string key
  // built per cell was two short-lived strings per cell (680 for 34 provinces × 10 targets).
  const pointsOf = new Map<string, Map<string, SeriesPointType[]>>();
  for (const s of series.values()) {
    let byUnit = pointsOf.get(s.indicator.code);
    if (!byUnit) pointsOf.set(s.indicator.code, (byUnit = new Map()));
    byUnit.set(s.unit.code, s.points);
  }
  // The unit's own target restating a row target: the first by id, as the entity read gave it.
  const ownTargets = new Map<number | null, Map<number | null, ScorecardTargetJson>>();
  for (const t of restating) {
    let byUnit = ownTargets.get(t.alignedTargetId);
    if (!byUnit) ownTargets.set(t.alignedTargetId, (byUnit = new Map()));
    if (!byUnit.has(t.programmeUnitId)) byUnit.set(t.programmeUnitId, t);
  }
  const targetEntities = memo(() =>
    loadTargets(
      em,
      [...targets, ...restating].map(t => t.id),
    ),
  );

  // A cell without data is judged the same for every unit (NOT_ASSESSABLE, NO_DATA): once per
  // target, not once per empty cell (most cells of a sparse scorecard).
  const judgedEmpty = new Map<number, Progress>();
  const judgeCell = (t: ScorecardTargetJson, points: SeriesPointType[]): Progress => {
    const indicator = targetIndicators.get(t.indicatorId)!;
    if (points.length) return judge(t, indicator, points, t.instrumentNumber);
    let progress = judgedEmpty.get(t.id);
    if (!progress) {
      progress = judge(t, indicator, points, t.instrumentNumber);
      judgedEmpty.set(t.id, progress);
    }
    return progress;
  };
  const rows = targets.map(target => {
    const indicator = targetIndicators.get(target.indicatorId)!;
    const seriesByUnit = pointsOf.get(indicator.code);
    const ownByUnit = ownTargets.get(target.id);
    const nationalPoints = national ? seriesByUnit?.get(national.code) : undefined;
    const nationalLatest = nationalPoints?.findLast(p => p.value !== null) ?? null;
    const cells = units.map(unit => {
      const points = seriesByUnit?.get(unit.code) ?? [];
      const own = ownByUnit?.get(unit.id) ?? null;
      return {
        unit,
        series: points,
        progress: judgeCell(target, points),
        ownTargetId: own?.id ?? null,
        ownProgress: own ? judgeCell(own, points) : null,
        nationalLatestYear: nationalLatest?.year ?? null,
        nationalLatestValue: nationalLatest?.value ?? null,
        targetEntities,
      };
    });
    return { targetId: target.id, cells, targetEntities };
  });
  return {
    rows,
    units,
    datasets,
    basis,
    containsIllustrative: rows.some(r => r.cells.some(c => c.series.some(p => p.illustrative))),
  };
}

/** The scorecard's targets as entities, with what their GraphQL fields read most often. */
async function loadTargets(em: EntityManager, ids: number[]): Promise<Map<number, Target>> {
  const entities = await em.find(
    Target,
    { id: { $in: ids } },
    {
      populate: TARGET_JUDGING_POPULATE,
    },
  );
  return new Map(entities.map(t => [t.id, t]));
}

function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => (promise ??= load());
}
