import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
  OptionalProps,
} from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { CheckupKind } from "./checkup.enums.js";
import { Dataset } from "../graphql/enums.js";
import { AdministrativeUnit } from "../units/unit.entity.js";

@ObjectType({ description: "Cases of one occupational disease found in a check-up" })
export class DiseaseCases {
  @Field(() => String) disease!: string;
  @Field(() => Int) cases!: number;
}

/** One year's check-ups at an establishment: workers examined and cases found by disease. */
@ObjectType({ description: "One year's health check-ups at an establishment" })
@Entity({ tableName: "health_checkup" })
@Unique({ properties: ["establishment", "year", "kind"] })
// A unit's rows by year (the rollup's rebuilds, the summaries) and its page by year and id
// (Migration20261202040000).
@Index({ properties: ["unit", "year", "id"] })
// The healthCheckups page, by year and id (Migration20261202010000): of every row, and of the
// sparse official rows alone, so the default page never reads the illustrative bulk.
@Index({ name: "health_checkup_year_id", properties: ["year", "id"] })
@Index({
  name: "health_checkup_official_year_id",
  expression: `create index "health_checkup_official_year_id" on "health_checkup" ("year", "id") where dataset = 'OFFICIAL'`,
})
@Check({
  name: "checkup_examined_valid",
  expression: "workers_examined >= 0 and cases_total >= 0 and cases_total <= workers_examined",
})
export class HealthCheckup {
  // A getter, not a column: never given to em.create.
  [OptionalProps]?: "illustrative";
  @Field(() => Int, { description: "Row id, as the write API and the audit log name it" })
  @PrimaryKey()
  id!: number;
  @Field(() => String) @Property({ length: 64 }) establishment!: string;
  @ManyToOne(() => AdministrativeUnit, { ref: true }) unit!: Ref<AdministrativeUnit>;
  @Field(() => String) @Property({ length: 64 }) sector!: string;
  @Field(() => Int) @Property({ type: "smallint" }) year!: number;
  @Field(() => CheckupKind) @Enum({ items: () => CheckupKind }) kind!: CheckupKind;
  @Field(() => Int) @Property() workersExamined!: number;
  @Field(() => Int, { description: "Sum of cases over all diseases" })
  @Property()
  casesTotal!: number;
  @Field(() => [DiseaseCases]) @Property({ type: "json" }) cases!: DiseaseCases[];
  @Field(() => Dataset)
  @Enum({ items: () => Dataset, default: Dataset.OFFICIAL })
  dataset: Dataset = Dataset.OFFICIAL;
  @Field(() => Boolean) get illustrative(): boolean {
    return this.dataset === Dataset.ILLUSTRATIVE;
  }
}
