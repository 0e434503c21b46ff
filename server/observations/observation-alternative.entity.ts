import { Check, Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from "@mikro-orm/core";
import { Field, Float, ObjectType } from "type-graphql";
import { Source } from "../sources/source.entity.js";
import { Observation } from "./observation.entity.js";

/** A different value another source gives for the same observation: kept, not overwritten. */
@ObjectType({ description: "A value another source gives for the same indicator, unit and year" })
@Entity({ tableName: "observation_alternative" })
@Unique({ properties: ["observation", "source"] })
@Check({ name: "alternative_value_not_negative", expression: "value >= (0)::double precision" })
export class ObservationAlternative {
  @PrimaryKey() id!: number;
  @ManyToOne(() => Observation, { ref: true, deleteRule: "cascade" })
  observation!: Ref<Observation>;
  @Field(() => Float) @Property({ type: "double", runtimeType: "number" }) value!: number;
  @ManyToOne(() => Source, { ref: true }) source!: Ref<Source>;
  @Field(() => String, { nullable: true }) @Property({ type: "text", nullable: true }) quote?:
    string | null;
  @Field(() => String, { nullable: true }) @Property({ type: "text", nullable: true }) note?:
    string | null;
  @Field(() => Boolean, {
    description:
      "Kept for the record but judged wrong (the note gives the reason); does not make the value disputed",
  })
  @Property({ default: false })
  rejected: boolean = false;
}
