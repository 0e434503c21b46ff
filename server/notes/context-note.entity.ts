import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { Grade, Period } from "../graphql/enums.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { Target } from "../indicators/target.entity.js";
import { Source } from "../sources/source.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";

/**
 * A sourced fact that is not a value of an indicator series: a single incident, a sector-only
 * or pooled figure, a ministry statement, a qualitative finding. It is attached to the indicator
 * (and, where it bears on one, the target) it gives context to, with its source, quote and grade.
 */
@ObjectType({
  description:
    "A sourced context fact for an indicator or target (incident, sector figure, statement, finding); not a series value",
})
@Entity({ tableName: "context_note" })
@Check({
  name: "context_note_has_subject",
  expression: "(indicator_id IS NOT NULL) OR (target_id IS NOT NULL)",
})
export class ContextNote {
  @PrimaryKey() id!: number;
  @Field(() => String) @Property({ length: 96, unique: true }) code!: string;
  @ManyToOne(() => Indicator, { ref: true, nullable: true }) indicator?: Ref<Indicator> | null;
  @ManyToOne(() => Target, { ref: true, nullable: true }) target?: Ref<Target> | null;
  @ManyToOne(() => AdministrativeUnit, { ref: true, nullable: true })
  unit?: Ref<AdministrativeUnit> | null;
  @Field(() => Int, {
    nullable: true,
    description: "Year the fact refers to (first year of a span)",
  })
  @Property({ type: "smallint", nullable: true })
  year?: number | null;
  @Field(() => String, {
    nullable: true,
    description: "The period as the source gives it, e.g. 2016-2020, 1996-2000, 31/10/2025",
  })
  @Property({ length: 32, nullable: true })
  periodText?: string | null;
  @Field(() => Period, { nullable: true })
  @Enum({ items: () => Period, nullable: true })
  period?: Period | null;
  @Field(() => String) @Property({ type: "text" }) textVi!: string;
  @Field(() => String) @Property({ type: "text" }) textEn!: string;
  @ManyToOne(() => Source, { ref: true }) source!: Ref<Source>;
  @Field(() => String, { description: "Verbatim quote from the source" })
  @Property({ type: "text" })
  quote!: string;
  @Field(() => Grade) @Enum({ items: () => Grade }) grade!: Grade;
  @Field(() => String, { nullable: true, description: "Why this is a note and not a series value" })
  @Property({ type: "text", nullable: true })
  note?: string | null;
}
