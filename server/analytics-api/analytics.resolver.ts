import { validOn } from "../graphql/list-query.js";
import { UnitLevel } from "../units/unit.enums.js";
import { Args, Ctx, Query, Resolver } from "type-graphql";
import { rankUnits, requiredTrajectory, yearOverYear } from "../analytics/index.js";
import { BadInputError } from "../graphql/errors.js";
import type { Context } from "../context.js";
import { Target, TARGET_JUDGING_POPULATE } from "../indicators/target.entity.js";
import { Indicator } from "../indicators/indicator.entity.js";
import type { EntityManager } from "@mikro-orm/postgresql";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { indicatorByCode } from "../indicators/indicator.rules.js";
import { unitsByCode } from "../units/unit.rules.js";
import {
  CompareArgs,
  ProgressArgs,
  RankingArgs,
  ScorecardArgs,
  SeriesArgs,
} from "./analytics.args.js";
import { Comparison, Ranking, Scorecard, Series, TargetProgress } from "./analytics.objects.js";
import { judge } from "./progress.service.js";
import { SeriesBasis } from "./progress.types.js";
import { buildScorecard } from "./scorecard.service.js";
import { lookUp, type PlainIndicator, type PlainUnit } from "./analytics.reads.js";
import { buildSeries, type BuiltSeries } from "./series.service.js";
import { datasetsOrDefault } from "../graphql/datasets.js";

const toSeries = (
  s: BuiltSeries<Indicator | PlainIndicator, AdministrativeUnit | PlainUnit>,
  from?: number | null,
  to?: number | null,
): Series => {
  const points = s.points.filter(
    p => (from == null || p.year >= from) && (to == null || p.year <= to),
  );
  return {
    ...s,
    points,
    // Worked out only when the answer selects it (a getter graphql-jit reads once).
    get yearOverYear() {
      return yearOverYear(points);
    },
    containsIllustrative: points.some(p => p.illustrative),
  };
};

/** The Indicator type's `numerator` / `denominator` of a plain indicator row, read when asked. */
const indicatorLoader = (em: EntityManager) => (id: number) => em.findOne(Indicator, id);

@Resolver()
export class AnalyticsResolver {
  @Query(() => [Series], {
    description:
      "Yearly series of indicators for units, as reported or harmonised to current boundaries",
  })
  async series(
    @Args(() => SeriesArgs)
    {
      indicators: indicatorCodes,
      units: unitCodes,
      basis,
      datasets,
      yearFrom = null,
      yearTo = null,
    }: SeriesArgs,
    @Ctx() { em, http, admission }: Context,
  ): Promise<Series[]> {
    await admission?.enter(http?.res);
    const { indicators, units, lineage } = await lookUp(
      em,
      {
        units: unitCodes,
        indicators: indicatorCodes,
        harmonised: basis === SeriesBasis.HARMONISED,
      },
      indicatorLoader(em),
    );
    const built = await buildSeries(em, {
      indicators,
      units,
      datasets: datasetsOrDefault(datasets),
      basis,
      lineage,
    });
    return [...built.values()].map(s => toSeries(s, yearFrom, yearTo));
  }

  @Query(() => TargetProgress, {
    description: "One target judged for one unit, with every component of the status",
  })
  async progress(
    @Args(() => ProgressArgs)
    { programme, number, part = null, unit: unitCode, basis, datasets }: ProgressArgs,
    @Ctx() { em, http, admission }: Context,
  ): Promise<TargetProgress> {
    await admission?.enter(http?.res);
    const target = await em.findOne(
      Target,
      { programme: { code: programme }, number, part: part ?? "" },
      {
        populate: TARGET_JUDGING_POPULATE,
      },
    );
    if (!target) {
      throw new BadInputError(
        `No target ${number}${part ?? ""} in programme ${programme}`,
        "number",
      );
    }
    const [unit] = await unitsByCode(em, [unitCode], "unit");
    const built = await buildSeries(em, {
      indicators: [target.indicator.getEntity()],
      units: [unit],
      datasets: datasetsOrDefault(datasets),
      basis,
    });
    const series = toSeries([...built.values()][0]);
    return {
      target,
      unit,
      series,
      progress: judge(
        target,
        target.indicator.getEntity(),
        series.points,
        target.programme.getEntity().instrument.getEntity().number,
      ),
    };
  }

  @Query(() => Scorecard, {
    description: "Targets of programmes × units, each cell with status, values and components",
  })
  async scorecard(
    @Args(() => ScorecardArgs) { programmes, units: unitCodes, basis, datasets }: ScorecardArgs,
    @Ctx() { em, http, admission }: Context,
  ): Promise<Scorecard> {
    await admission?.enter(http?.res);
    const data = await buildScorecard(
      em,
      programmes,
      unitCodes,
      datasetsOrDefault(datasets),
      basis,
    );
    return {
      ...data,
      notAssessableCount: data.rows.reduce(
        (n, r) => n + r.cells.filter(c => c.progress.status === "NOT_ASSESSABLE").length,
        0,
      ),
    };
  }

  @Query(() => Comparison, {
    description:
      "One indicator for several units and years, with the required trajectory of a target",
  })
  async compare(
    @Args(() => CompareArgs)
    {
      indicator: indicatorCode,
      units: unitCodes,
      basis,
      datasets,
      yearFrom = null,
      yearTo = null,
      targetProgramme = null,
    }: CompareArgs,
    @Ctx() { em, http, admission }: Context,
  ): Promise<Comparison> {
    await admission?.enter(http?.res);
    const {
      indicators: [indicator],
      units,
      lineage,
      target,
    } = await lookUp(
      em,
      {
        units: unitCodes,
        indicators: [indicatorCode],
        indicatorsField: "indicator",
        harmonised: basis === SeriesBasis.HARMONISED,
        targetProgramme: targetProgramme ?? "nq19-2021-2025",
      },
      indicatorLoader(em),
    );
    const built = await buildSeries(em, {
      indicators: [indicator],
      units,
      datasets: datasetsOrDefault(datasets),
      basis,
      lineage,
    });
    const series = [...built.values()].map(s => toSeries(s, yearFrom, yearTo));
    const trajectories =
      target?.kind === "ANNUAL_RATE" && target.baseYear != null
        ? series.flatMap(s => {
            const base = [...built.values()]
              .find(b => b.unit.code === s.unit.code)
              ?.points.find(p => p.year === target.baseYear && p.value !== null);
            return base
              ? [
                  {
                    unit: s.unit,
                    points: requiredTrajectory(
                      target.baseYear!,
                      base.value!,
                      target.value / 100,
                      target.endYear,
                    ).map(p => ({ year: p.year, value: p.value! })),
                  },
                ]
              : [];
          })
        : [];
    return {
      indicator,
      targetId: target?.id ?? null,
      series,
      trajectories,
      containsIllustrative: series.some(s => s.containsIllustrative),
    };
  }

  @Query(() => Ranking, {
    description: "Units ranked on an indicator in a year (1 = best for the desired direction)",
  })
  async ranking(
    @Args(() => RankingArgs) { indicator: indicatorCode, year, asOf = null, datasets }: RankingArgs,
    @Ctx() { em, http, admission }: Context,
  ): Promise<Ranking> {
    await admission?.enter(http?.res);
    const indicator = await indicatorByCode(em, indicatorCode);
    const day = asOf ?? `${year}-12-31`;
    const units = await em.find(
      AdministrativeUnit,
      {
        level: UnitLevel.PROVINCE,
        $and: validOn(day),
      },
      { orderBy: { code: "asc" } },
    );
    const built = await buildSeries(em, {
      indicators: [indicator],
      units,
      datasets: datasetsOrDefault(datasets),
      basis: SeriesBasis.AS_REPORTED,
    });
    const values = units.map(u => {
      const point = built.get(`${indicator.code}|${u.code}`)?.points.find(p => p.year === year);
      return {
        unit: u.code,
        value: point?.value ?? null,
        illustrative: point?.illustrative ?? false,
      };
    });
    const direction = indicator.direction === "NONE" ? "INCREASE" : indicator.direction;
    const byCode = new Map(units.map(u => [u.code, u]));
    const illustrative = new Map(values.map(v => [v.unit, v.illustrative]));
    const entries = rankUnits(values, direction).map(r => ({
      unit: byCode.get(r.unit)!,
      value: r.value,
      rank: r.rank,
      illustrative: illustrative.get(r.unit) ?? false,
    }));
    return { indicator, year, entries, containsIllustrative: entries.some(e => e.illustrative) };
  }
}
