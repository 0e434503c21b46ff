import {
  Check,
  Collection,
  Entity,
  Enum,
  ManyToMany,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from "@mikro-orm/core";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { Agency } from "../agencies/agency.entity.js";
import { Comparator, TargetKind } from "./indicator.enums.js";
import { LegalInstrument } from "../instruments/legal-instrument.entity.js";
import { Programme } from "../programmes/programme.entity.js";
import { Source } from "../sources/source.entity.js";
import { Indicator } from "./indicator.entity.js";

/** One numbered goal of a programme, with the assumptions (base year) stored beside it. */
@ObjectType({ description: "A numbered goal of a programme" })
@Entity({ tableName: "target" })
@Unique({ properties: ["programme", "number", "part"] })
@Check({ name: "target_years_order", expression: "base_year is null or base_year < end_year" })
export class Target {
  @PrimaryKey() id!: number;
  @ManyToOne(() => Programme, { ref: true }) programme!: Ref<Programme>;
  @Field(() => String, { description: "Number or letter as in the document (đ is written dd)" })
  @Property({ length: 8 })
  number!: string;
  /** '' when the target has no parts; exposed as null. */
  @Property({ length: 4, default: "" }) part: string = "";
  @Field(() => TargetKind) @Enum({ items: () => TargetKind }) kind!: TargetKind;
  @ManyToOne(() => Indicator, { ref: true }) indicator!: Ref<Indicator>;
  @Field(() => Comparator) @Enum({ items: () => Comparator }) comparator!: Comparator;
  @Field(() => Float, { description: "ANNUAL_RATE: signed percent per year; LEVEL/ALL: percent" })
  @Property({ type: "double", runtimeType: "number" })
  value!: number;
  @Field(() => Int, {
    nullable: true,
    description: "Base year (an assumption where the document does not say)",
  })
  @Property({ type: "smallint", nullable: true })
  baseYear?: number | null;
  @Field(() => Int) @Property({ type: "smallint" }) endYear!: number;
  @ManyToOne(() => Agency, { ref: true, nullable: true }) leadAgency?: Ref<Agency> | null;
  @ManyToOne(() => Target, { ref: true, nullable: true }) alignedTarget?: Ref<Target> | null;
  @Field(() => String, { description: "Section of the source document, e.g. II.2.a" })
  @Property({ length: 32 })
  section!: string;
  @Field(() => String) @Property({ type: "text" }) textVi!: string;
  @Field(() => String, { nullable: true }) @Property({ type: "text", nullable: true }) textEn?:
    string | null;
  @ManyToOne(() => Source, { ref: true, nullable: true }) source?: Ref<Source> | null;
  @Field(() => String, {
    nullable: true,
    description: "Where sources disagree about this target (English)",
  })
  @Property({ type: "text", nullable: true })
  conflict?: string | null;
  @Field(() => String, { nullable: true, description: "The same in Vietnamese" })
  @Property({ type: "text", nullable: true })
  conflictVi?: string | null;
  /**
   * Other values some source gives for this same target (e.g. NQ 19 (e): > 80 % in one source,
   * > 90 % as restated by the Hải Phòng plan); source is a source code. Read by the alignment.
   */
  @Property({ type: "json", nullable: true })
  alternativeValues?: { value: number; source: string; note: string }[] | null;
  @Field(() => String, {
    nullable: true,
    description: "Assumptions made, e.g. the base year (English)",
  })
  @Property({ type: "text", nullable: true })
  assumption?: string | null;
  @Field(() => String, { nullable: true, description: "The same in Vietnamese" })
  @Property({ type: "text", nullable: true })
  assumptionVi?: string | null;
  @ManyToMany(() => LegalInstrument, undefined, { pivotTable: "target_citation" })
  citedInstruments = new Collection<LegalInstrument>(this);

  @Field(() => String, { name: "part", nullable: true }) get partOrNull(): string | null {
    return this.part === "" ? null : this.part;
  }
  @Field(() => String, { description: "Number and part, e.g. 2a" }) get label(): string {
    return this.number + this.part;
  }
}

/** What judging a target reads besides the target: its programme and instrument, its indicator and the rate's parts. */
export const TARGET_JUDGING_POPULATE = [
  "programme",
  "programme.instrument",
  "indicator",
  "indicator.numerator",
  "indicator.denominator",
] as const;
