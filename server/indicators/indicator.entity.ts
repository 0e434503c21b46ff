import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { Field, Float, ObjectType } from "type-graphql";
import { Direction, IndicatorCategory, Measure } from "./indicator.enums.js";

/** What is measured. Rates name their numerator and denominator so they are computed, never averaged. */
@ObjectType({
  description: "What is measured; a rate names its numerator and denominator indicators",
})
@Entity({ tableName: "indicator" })
export class Indicator {
  @PrimaryKey() id!: number;
  @Field(() => String) @Property({ length: 96, unique: true }) code!: string;
  @Field(() => String) @Property({ type: "text" }) nameVi!: string;
  @Field(() => String) @Property({ type: "text" }) nameEn!: string;
  @Field(() => Measure) @Enum({ items: () => Measure }) measure!: Measure;
  @Field(() => Direction) @Enum({ items: () => Direction }) direction!: Direction;
  @Field(() => IndicatorCategory, { description: "Theme, for grouping indicators in lists" })
  @Enum({ items: () => IndicatorCategory, default: IndicatorCategory.CONTEXT })
  category: IndicatorCategory = IndicatorCategory.CONTEXT;
  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  definitionVi?: string | null;
  @Field(() => String, { nullable: true })
  @Property({ type: "text", nullable: true })
  definitionEn?: string | null;
  @ManyToOne(() => Indicator, { ref: true, nullable: true }) numerator?: Ref<Indicator> | null;
  @ManyToOne(() => Indicator, { ref: true, nullable: true }) denominator?: Ref<Indicator> | null;
  @Field(() => Float, { nullable: true })
  @Property({ type: "double", runtimeType: "number", nullable: true })
  multiplier?: number | null;
  @Field(() => String, { nullable: true, description: "SDG indicator it maps to, e.g. 8.8.1" })
  @Property({ length: 16, nullable: true })
  sdg?: string | null;
  @Field(() => String, { nullable: true, description: "Method note in English" })
  @Property({ type: "text", nullable: true })
  note?: string | null;
  @Field(() => String, { nullable: true, description: "Method note in Vietnamese" })
  @Property({ type: "text", nullable: true })
  noteVi?: string | null;
}
