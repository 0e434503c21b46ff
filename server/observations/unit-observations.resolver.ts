import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import type { UnitRow } from "../units/unit.reads.js";
import { observationJoins } from "./look-ahead.js";
import { Observation } from "./observation.entity.js";
import { ObservationFilter } from "./observation.inputs.js";
import { unitObservationsLoader } from "./observation.reads.js";
// Registers the one-statement read of `unit(code) { observations }` with the units feature.
import "./unit-observations.reads.js";

/** A unit's observations: the observations feature adds this field to the unit type. */
@Resolver(() => AdministrativeUnit)
export class UnitObservationsResolver {
  @FieldResolver(() => [Observation], {
    description: "Values recorded for this unit (official only unless the filter asks)",
  })
  async observations(
    @Root() unit: AdministrativeUnit | UnitRow,
    @Arg("filter", () => ObservationFilter, { nullable: true }) filter: ObservationFilter | null,
    @Ctx() { loaders, em }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Read already, in the unit's own statement (unit-observations.reads.ts)?
    const read = "related" in unit ? unit.related?.observations : undefined;
    if (read) return read;
    // Plain rows (not managed entities), batched over all units of the request; the indicator
    // and source joined into the same statement when only their plain columns are asked for.
    const joins = observationJoins(em, info, []);
    return unitObservationsLoader(loaders, em, filter, joins).load(unit.id);
  }
}
