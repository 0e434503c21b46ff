import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Ref,
} from "@mikro-orm/core";
import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import { UnitKind, UnitLevel } from "./unit.enums.js";

/** The nation, or a province / centrally-run city, with the dates it existed between. */
@ObjectType({
  description: "The nation, a province or a centrally-run city, valid between two dates",
})
@Entity({ tableName: "administrative_unit" })
@Check({
  name: "unit_validity_order",
  expression: "valid_from is null or valid_to is null or valid_from <= valid_to",
})
export class AdministrativeUnit {
  @PrimaryKey() id!: number;

  @Field(() => String, {
    description:
      "Stable code: `vn`, plain slug for units the 2025 reform left unchanged, `<slug>-63` for the 63 before 2025-07-01, `<slug>-34` for units formed then",
  })
  @Property({ length: 64, unique: true })
  code!: string;

  @Field(() => String) @Property() nameVi!: string;
  @Field(() => String) @Property() nameEn!: string;

  @Field(() => UnitLevel) @Enum({ items: () => UnitLevel }) @Index() level!: UnitLevel;
  @Field(() => UnitKind) @Enum({ items: () => UnitKind }) kind!: UnitKind;

  @ManyToOne(() => AdministrativeUnit, { ref: true, nullable: true })
  parent?: Ref<AdministrativeUnit> | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: "First day the unit existed; null: before the period this platform covers",
  })
  @Property({ type: "date", nullable: true })
  validFrom?: string | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: "Last day the unit existed; null: still exists",
  })
  @Property({ type: "date", nullable: true })
  validTo?: string | null;

  @ManyToOne(() => AdministrativeUnit, { ref: true, nullable: true })
  successor?: Ref<AdministrativeUnit> | null;

  @Field(() => ID) get key(): string {
    return String(this.id);
  }
}
