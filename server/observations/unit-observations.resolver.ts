import type { GraphQLResolveInfo } from "graphql";
import { Args, ArgsType, Ctx, Field, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import type { Context } from "../context.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import type { UnitRow } from "../units/unit.reads.js";
import { observationFields, observationJoins } from "./look-ahead.js";
import { Observation } from "./observation.entity.js";
import { ObservationFilter, observationFilterSchema } from "./observation.inputs.js";
import { unitObservationsLoader } from "./observation.reads.js";
// Registers the one-statement read of `unit(code) { observations }` with the units feature.
import "./unit-observations.reads.js";

@ArgsType()
class UnitObservationsArgs {
  @Field(() => ObservationFilter, { nullable: true }) filter?: ObservationFilter | null;
}
argsSchema(UnitObservationsArgs, z.object({ filter: observationFilterSchema.nullish() }));

/** A unit's observations: the observations feature adds this field to the unit type. */
@Resolver(() => AdministrativeUnit)
export class UnitObservationsResolver {
  @FieldResolver(() => [Observation], {
    description: "Values recorded for this unit (official only unless the filter asks)",
  })
  async observations(
    @Root() unit: AdministrativeUnit | UnitRow,
    @Args(() => UnitObservationsArgs) { filter = null }: UnitObservationsArgs,
    @Ctx() { loaders, em }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Read already, in the unit's own statement (unit-observations.reads.ts)?
    const read = "related" in unit ? unit.related?.observations : undefined;
    if (read) return read;
    // Plain rows (not managed entities), batched over all units of the request; the indicator
    // and source joined into the same statement when only their plain columns are asked for.
    const joins = observationJoins(em, info, []);
    const fields = observationFields(info, []);
    return unitObservationsLoader(loaders, em, filter, joins, fields).load(unit.id);
  }
}
