import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { Observation } from "./observation.entity.js";
import { ObservationFilter, observationWhere } from "./observation.inputs.js";

/** A unit's observations: the observations feature adds this field to the unit type. */
@Resolver(() => AdministrativeUnit)
export class UnitObservationsResolver {
  @FieldResolver(() => [Observation], {
    description: "Values recorded for this unit (official only unless the filter asks)",
  })
  async observations(
    @Root() unit: AdministrativeUnit,
    @Arg("filter", () => ObservationFilter, { nullable: true }) filter: ObservationFilter | null,
    @Ctx() { loaders }: Context,
  ) {
    const where = observationWhere({ ...filter, units: null });
    return loaders
      .children(Observation, "unit", where, { indicator: "asc", year: "asc", id: "asc" })
      .load(unit.id);
  }
}
