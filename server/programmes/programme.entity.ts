import {
  Check,
  Collection,
  Entity,
  Enum,
  ManyToMany,
  ManyToOne,
  PrimaryKey,
  Property,
  type Ref,
} from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { ProgrammeKind } from "./programme.enums.js";
import { LegalInstrument } from "../instruments/legal-instrument.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";

/** A set of targets and tasks for a unit and period, resting on a legal instrument. */
@ObjectType({ description: "A programme or plan: targets and tasks for a unit and period" })
@Entity({ tableName: "programme" })
@Check({ name: "programme_period_order", expression: "start_year <= end_year" })
export class Programme {
  @PrimaryKey() id!: number;
  @Field(() => String) @Property({ length: 96, unique: true }) code!: string;
  @Field(() => String) @Property({ type: "text" }) nameVi!: string;
  @Field(() => String) @Property({ type: "text" }) nameEn!: string;
  @ManyToOne(() => AdministrativeUnit, { ref: true }) unit!: Ref<AdministrativeUnit>;
  @Field(() => Int) @Property({ type: "smallint" }) startYear!: number;
  @Field(() => Int) @Property({ type: "smallint" }) endYear!: number;
  @Field(() => ProgrammeKind) @Enum({ items: () => ProgrammeKind }) kind!: ProgrammeKind;
  @ManyToOne(() => LegalInstrument, { ref: true }) instrument!: Ref<LegalInstrument>;
  @ManyToMany(() => LegalInstrument, undefined, { pivotTable: "programme_basis" })
  basisInstruments = new Collection<LegalInstrument>(this);
  @ManyToMany(() => LegalInstrument, undefined, { pivotTable: "programme_citation" })
  citedInstruments = new Collection<LegalInstrument>(this);
  @ManyToOne(() => Programme, { ref: true, nullable: true }) implements?: Ref<Programme> | null;
  @Field(() => String, { nullable: true, description: "How and when progress is reported" })
  @Property({ type: "text", nullable: true })
  reportingRule?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Yearly report deadline as MM-DD (12-20: reports are due by 20 December each year); null where the programme document sets none",
  })
  @Property({ length: 5, nullable: true })
  reportDueMonthDay?: string | null;
  @Field(() => String, { nullable: true }) @Property({ type: "text", nullable: true }) note?:
    string | null;
}
