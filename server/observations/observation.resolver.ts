import {
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  Info,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { selectedFields } from "../graphql/look-ahead.js";
import { preloadedField } from "../graphql/plain-fields.js";
import type { GraphQLResolveInfo } from "graphql";
import {
  Connection,
  connectionNeedsTotal,
  PageArgs,
  toConnection,
  toPage,
} from "../graphql/connection.js";
import { Dataset } from "../graphql/enums.js";
import type { Context } from "../context.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { Source } from "../sources/source.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { ObservationAlternative } from "./observation-alternative.entity.js";
import { Observation } from "./observation.entity.js";
import {
  ObservationFilter,
  observationFilterSchema,
  observationWhere,
} from "./observation.inputs.js";
import { observationFields, observationJoins } from "./look-ahead.js";
import { readObservationPage } from "./observation-page.reads.js";
import { isObservationRow, type ObservationRow } from "./observation.reads.js";

export enum ObservationOrder {
  YEAR_ASC = "YEAR_ASC",
  YEAR_DESC = "YEAR_DESC",
  VALUE_ASC = "VALUE_ASC",
  VALUE_DESC = "VALUE_DESC",
  UNIT_ASC = "UNIT_ASC",
  INDICATOR_ASC = "INDICATOR_ASC",
}
registerEnumType(ObservationOrder, { name: "ObservationOrder" });

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
argsSchema(ObservationsArgs, z.object({ filter: observationFilterSchema.nullish() }));

// An observation row with a joined relation answers it from the row (graphql/plain-fields.ts).
preloadedField("Observation", "unit", "unitRow");
preloadedField("Observation", "indicator", "indicatorRow");
preloadedField("Observation", "source", "sourceRow");

@Resolver(() => Observation)
export class ObservationResolver {
  @Query(() => ObservationConnection, {
    description:
      "Values of indicators; official only unless `filter.datasets` asks for illustrative data",
  })
  async observations(
    @Args(() => ObservationsArgs) args: ObservationsArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ObservationConnection> {
    // Plain rows in one statement (page, and total and illustrative flag when selected).
    observationWhere(args.filter); // the filter's errors first, as before
    const page = toPage(args);
    const { rows, total, containsIllustrative } = await readObservationPage(
      em,
      args.filter,
      args.orderBy ?? ObservationOrder.INDICATOR_ASC,
      page,
      observationJoins(em, info, ["nodes"], ["edges", "node"]),
      observationFields(info, ["nodes"], ["edges", "node"]),
      {
        total: connectionNeedsTotal(info),
        containsIllustrative: !!selectedFields(info, [])?.has("containsIllustrative"),
      },
    );
    // Object.assign keeps the connection's lazy `edges` getter (a spread would call it).
    return Object.assign(toConnection(rows as unknown as Observation[], total, page), {
      containsIllustrative,
    });
  }

  @FieldResolver(() => Boolean, {
    description: "True for generated demo data: never a real figure",
  })
  illustrative(@Root() o: Observation | ObservationRow): boolean {
    return o.dataset === Dataset.ILLUSTRATIVE;
  }

  // Roots are plain rows from observation.reads.ts or entities from the write API.
  @FieldResolver(() => Indicator) indicator(
    @Root() o: Observation | ObservationRow,
    @Ctx() { em }: Context,
  ) {
    if (!isObservationRow(o)) return o.indicator.load();
    return o.indicatorRow ?? em.getReference(Indicator, o.indicatorId, { wrapped: true }).load();
  }
  @FieldResolver(() => AdministrativeUnit) unit(
    @Root() o: Observation | ObservationRow,
    @Ctx() { em }: Context,
  ) {
    if (!isObservationRow(o)) return o.unit.load();
    return o.unitRow ?? em.getReference(AdministrativeUnit, o.unitId, { wrapped: true }).load();
  }
  @FieldResolver(() => Source, { nullable: true }) source(
    @Root() o: Observation | ObservationRow,
    @Ctx() { em }: Context,
  ) {
    if (!isObservationRow(o)) return o.source?.load() ?? null;
    if (o.sourceRow !== undefined) return o.sourceRow;
    return o.sourceId === null
      ? null
      : em.getReference(Source, o.sourceId, { wrapped: true }).load();
  }
  @FieldResolver(() => [ObservationAlternative], {
    description:
      "Values other sources give for the same indicator, unit and year: different (the value is disputed), the same (a confirming source), or rejected (kept for the record; see note)",
  })
  alternatives(@Root() o: Observation | ObservationRow, @Ctx() { loaders }: Context) {
    return loaders.children(ObservationAlternative, "observation").load(o.id);
  }
}

@Resolver(() => ObservationAlternative)
export class ObservationAlternativeResolver {
  @FieldResolver(() => Source) source(@Root() a: ObservationAlternative) {
    return a.source.load();
  }
}
