import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { AgencyLevel } from "./agency.enums.js";
import { AdministrativeUnit } from "../units/unit.entity.js";

/** An implementing body; agencies change too (Sở LĐTBXH became part of Sở Nội vụ on 2025-03-01). */
@ObjectType({ description: "An implementing body, valid between two dates, with its successor" })
@Entity({ tableName: "agency" })
export class Agency {
  @PrimaryKey() id!: number;
  @Field(() => String) @Property({ length: 96, unique: true }) code!: string;
  @Field(() => String) @Property() nameVi!: string;
  @Field(() => String) @Property() nameEn!: string;
  @ManyToOne(() => AdministrativeUnit, { ref: true }) unit!: Ref<AdministrativeUnit>;
  @Field(() => AgencyLevel) @Enum({ items: () => AgencyLevel }) level!: AgencyLevel;
  @Field(() => String) @Property({ length: 32 }) kind!: string;
  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: "date", nullable: true })
  validFrom?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: "date", nullable: true })
  validTo?: string | null;
  @ManyToOne(() => Agency, { ref: true, nullable: true }) successor?: Ref<Agency> | null;
}
