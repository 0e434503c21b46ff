import type { EntityManager } from "@mikro-orm/postgresql";
import { type Dataset } from "../graphql/enums.js";
import { UnitLevel } from "../units/unit.enums.js";
import { BadInputError } from "../graphql/errors.js";
import { checkCodes } from "../graphql/validate.js";
import { Target } from "../indicators/target.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { judge } from "./progress.service.js";
import type { Progress, SeriesBasis, SeriesPointType } from "./progress.types.js";
import { buildSeries } from "./series.service.js";

export interface ScorecardCellData {
  unit: AdministrativeUnit;
  target: Target;
  progress: Progress;
  series: SeriesPointType[];
  /** The unit's own programme target restating this one, judged on the same series. */
  ownTarget: Target | null;
  ownProgress: Progress | null;
  /** Latest national value of the indicator, for benchmarking. */
  nationalLatestYear: number | null;
  nationalLatestValue: number | null;
}

export interface ScorecardData {
  rows: { target: Target; cells: ScorecardCellData[] }[];
  units: AdministrativeUnit[];
  datasets: Dataset[];
  basis: SeriesBasis;
  containsIllustrative: boolean;
}

/**
 * Programmes × units × targets. The statement count is fixed: targets (with indicators and
 * instruments), the targets that restate them, the national unit, then the series queries.
 */
export async function buildScorecard(
  em: EntityManager,
  programmeCodes: string[],
  units: AdministrativeUnit[],
  datasets: Dataset[],
  basis: SeriesBasis,
): Promise<ScorecardData> {
  checkCodes(programmeCodes, "programmes", 20);
  if (!programmeCodes.length) {
    throw new BadInputError("programmes must name at least one programme", "programmes");
  }
  const targets = await em.find(
    Target,
    { programme: { code: { $in: programmeCodes } } },
    {
      populate: [
        "programme",
        "programme.instrument",
        "indicator",
        "indicator.numerator",
        "indicator.denominator",
      ],
      orderBy: [{ programme: { code: "asc" } }, { number: "asc" }, { part: "asc" }],
    },
  );
  const found = new Set(targets.map(t => t.programme.getEntity().code));
  const unknown = programmeCodes.filter(c => !found.has(c));
  if (unknown.length) {
    throw new BadInputError(
      `Unknown programme code(s) or programmes without targets: ${unknown.join(", ")}`,
      "programmes",
    );
  }

  const unitIds = units.map(u => u.id);
  const restating = await em.find(
    Target,
    { alignedTarget: { $in: targets.map(t => t.id) }, programme: { unit: { $in: unitIds } } },
    {
      populate: ["programme", "programme.instrument", "indicator"],
    },
  );
  // Always one query for the nation (the benchmark column), so the statement count is fixed.
  const national = await em.findOne(AdministrativeUnit, { level: UnitLevel.NATION });
  const indicators = [
    ...new Map(targets.map(t => [t.indicator.id, t.indicator.getEntity()])).values(),
  ];
  const seriesUnits = national && !units.includes(national) ? [...units, national] : units;
  const series = await buildSeries(em, { indicators, units: seriesUnits, datasets, basis });

  const rows = targets.map(target => {
    const indicator = target.indicator.getEntity();
    const nationalSeries = national ? series.get(`${indicator.code}|${national.code}`) : undefined;
    const nationalLatest =
      [...(nationalSeries?.points ?? [])].reverse().find(p => p.value !== null) ?? null;
    const cells = units.map(unit => {
      const points = series.get(`${indicator.code}|${unit.code}`)?.points ?? [];
      const own =
        restating.find(
          t => t.alignedTarget?.id === target.id && t.programme.getEntity().unit.id === unit.id,
        ) ?? null;
      return {
        unit,
        target,
        series: points,
        progress: judge(target, points, target.programme.getEntity().instrument.getEntity().number),
        ownTarget: own,
        ownProgress: own
          ? judge(own, points, own.programme.getEntity().instrument.getEntity().number)
          : null,
        nationalLatestYear: nationalLatest?.year ?? null,
        nationalLatestValue: nationalLatest?.value ?? null,
      };
    });
    return { target, cells };
  });
  return {
    rows,
    units,
    datasets,
    basis,
    containsIllustrative: rows.some(r => r.cells.some(c => c.series.some(p => p.illustrative))),
  };
}
