import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from "@mikro-orm/core";
import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { LegalInstrument } from "../instruments/legal-instrument.entity.js";
import { AdministrativeUnit } from "./unit.entity.js";

/** One row of the 2025 merger table: the predecessor became part of the successor on a date. */
@ObjectType({ description: "A predecessor unit that became part of a successor unit on a date" })
@Entity({ tableName: "unit_lineage" })
@Unique({ properties: ["predecessor", "successor"] })
export class UnitLineage {
  @PrimaryKey() id!: number;
  @ManyToOne(() => AdministrativeUnit, { ref: true }) predecessor!: Ref<AdministrativeUnit>;
  @ManyToOne(() => AdministrativeUnit, { ref: true }) successor!: Ref<AdministrativeUnit>;
  @Field(() => GraphQLLocalDate) @Property({ type: "date" }) effectiveOn!: string;
  @ManyToOne(() => LegalInstrument, { ref: true, nullable: true })
  instrument?: Ref<LegalInstrument> | null;
}
