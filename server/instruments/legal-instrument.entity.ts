import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { InstrumentKind } from "./instrument.enums.js";
import { Source } from "../sources/source.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";

@ObjectType({ description: "A resolution, directive, programme, plan, decree or notice" })
@Entity({ tableName: "legal_instrument" })
export class LegalInstrument {
  @PrimaryKey() id!: number;
  @Field(() => String) @Property({ length: 96, unique: true }) code!: string;
  @Field(() => String, { description: "Number as printed, e.g. 19/NQ-CP" })
  @Property()
  number!: string;
  @Field(() => InstrumentKind) @Enum({ items: () => InstrumentKind }) kind!: InstrumentKind;
  @Field(() => String) @Property() issuer!: string;
  @ManyToOne(() => AdministrativeUnit, { ref: true }) unit!: Ref<AdministrativeUnit>;
  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: "date", nullable: true })
  issuedOn?: string | null;
  @Field(() => String) @Property({ type: "text" }) titleVi!: string;
  @Field(() => String) @Property({ type: "text" }) titleEn!: string;
  @ManyToOne(() => Source, { ref: true, nullable: true }) source?: Ref<Source> | null;
  @Field(() => String, { nullable: true }) @Property({ type: "text", nullable: true }) note?:
    string | null;
}
