import type { QueryOrderMap } from "@mikro-orm/core";
import {
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from "type-graphql";
import { Connection, PageArgs, toConnection, toPage } from "../graphql/connection.js";
import { Dataset } from "../graphql/enums.js";
import type { Context } from "../context.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { Source } from "../sources/source.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { ObservationAlternative } from "./observation-alternative.entity.js";
import { Observation } from "./observation.entity.js";
import { ObservationFilter, observationWhere } from "./observation.inputs.js";

export enum ObservationOrder {
  YEAR_ASC = "YEAR_ASC",
  YEAR_DESC = "YEAR_DESC",
  VALUE_ASC = "VALUE_ASC",
  VALUE_DESC = "VALUE_DESC",
  UNIT_ASC = "UNIT_ASC",
  INDICATOR_ASC = "INDICATOR_ASC",
}
registerEnumType(ObservationOrder, { name: "ObservationOrder" });

const orderings: Record<ObservationOrder, QueryOrderMap<Observation>[]> = {
  YEAR_ASC: [{ year: "asc" }],
  YEAR_DESC: [{ year: "desc" }],
  VALUE_ASC: [{ value: "asc" }],
  VALUE_DESC: [{ value: "desc" }],
  UNIT_ASC: [{ unit: { code: "asc" } }, { year: "asc" }],
  INDICATOR_ASC: [{ indicator: { code: "asc" } }, { year: "asc" }],
};

@ObjectType()
export class ObservationConnection extends Connection(Observation, "Observation") {
  @Field(() => Boolean, {
    description: "True when any matching value is illustrative (generated, not real)",
  })
  containsIllustrative!: boolean;
}

@ArgsType()
class ObservationsArgs extends PageArgs {
  @Field(() => ObservationFilter, { nullable: true }) filter?: ObservationFilter | null;
  @Field(() => ObservationOrder, { nullable: true, defaultValue: ObservationOrder.INDICATOR_ASC })
  orderBy?: ObservationOrder;
}

@Resolver(() => Observation)
export class ObservationResolver {
  @Query(() => ObservationConnection, {
    description:
      "Values of indicators; official only unless `filter.datasets` asks for illustrative data",
  })
  async observations(
    @Args(() => ObservationsArgs) args: ObservationsArgs,
    @Ctx() { em }: Context,
  ): Promise<ObservationConnection> {
    const where = observationWhere(args.filter);
    const page = toPage(args);
    const [items, total] = await em.findAndCount(Observation, where, {
      orderBy: [...orderings[args.orderBy ?? "INDICATOR_ASC"], { id: "asc" }],
      limit: page.limit,
      offset: page.offset,
    });
    const datasets = args.filter?.datasets ?? [Dataset.OFFICIAL];
    const containsIllustrative =
      datasets.includes(Dataset.ILLUSTRATIVE) &&
      (items.some(o => o.illustrative) ||
        (await em.count(Observation, { ...where, dataset: Dataset.ILLUSTRATIVE })) > 0);
    return { ...toConnection(items, total, page), containsIllustrative };
  }

  @FieldResolver(() => Indicator) indicator(@Root() o: Observation) {
    return o.indicator.load();
  }
  @FieldResolver(() => AdministrativeUnit) unit(@Root() o: Observation) {
    return o.unit.load();
  }
  @FieldResolver(() => Source, { nullable: true }) source(@Root() o: Observation) {
    return o.source?.load() ?? null;
  }
  @FieldResolver(() => [ObservationAlternative], {
    description:
      "Values other sources give for the same indicator, unit and year: different (the value is disputed), the same (a confirming source), or rejected (kept for the record; see note)",
  })
  alternatives(@Root() o: Observation, @Ctx() { loaders }: Context) {
    return loaders.children(ObservationAlternative, "observation").load(o.id);
  }
}

@Resolver(() => ObservationAlternative)
export class ObservationAlternativeResolver {
  @FieldResolver(() => Source) source(@Root() a: ObservationAlternative) {
    return a.source.load();
  }
}
