import { Args, Ctx, Query, Resolver } from "type-graphql";
import { yearOverYear } from "../analytics/index.js";
import { datasetsOrDefault } from "../graphql/datasets.js";
import type { Context } from "../context.js";
import { Target } from "../indicators/target.entity.js";
import { indicatorByCode } from "../indicators/indicator.rules.js";
import { IndicatorProgressArgs } from "./analytics.args.js";
import { TargetProgress } from "./analytics.objects.js";
import { judge } from "./progress.service.js";
import { buildSeries } from "./series.service.js";

/**
 * The targets that use one indicator, each judged for its own programme's unit (the national
 * target for the nation, a provincial one for its province): what the indicator page lists.
 * A fixed number of statements whatever the number of targets: the indicator, the targets with
 * their programmes, then one series build for every programme unit at once.
 */
@Resolver()
export class IndicatorProgressResolver {
  @Query(() => [TargetProgress], {
    description:
      "Every target measured by an indicator, judged for the unit of the target's own programme",
  })
  async indicatorProgress(
    @Args() { indicator: indicatorCode, basis, datasets }: IndicatorProgressArgs,
    @Ctx() { em }: Context,
  ): Promise<TargetProgress[]> {
    const indicator = await indicatorByCode(em, indicatorCode);
    const targets = await em.find(
      Target,
      { indicator },
      {
        populate: ["programme", "programme.unit", "programme.instrument"],
        orderBy: [{ programme: { code: "asc" } }, { number: "asc" }, { part: "asc" }],
      },
    );
    if (targets.length === 0) return [];
    const units = [
      ...new Map(
        targets.map(t => {
          const unit = t.programme.getEntity().unit.getEntity();
          return [unit.code, unit];
        }),
      ).values(),
    ];
    const built = await buildSeries(em, {
      indicators: [indicator],
      units,
      datasets: datasetsOrDefault(datasets),
      basis,
    });
    return targets.map(target => {
      const programme = target.programme.getEntity();
      const unit = programme.unit.getEntity();
      const series = built.get(`${indicator.code}|${unit.code}`)!;
      return {
        target,
        unit,
        series: { ...series, yearOverYear: yearOverYear(series.points) },
        progress: judge(target, indicator, series.points, programme.instrument.getEntity().number),
      };
    });
  }
}
