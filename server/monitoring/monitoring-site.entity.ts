import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Ref,
  OptionalProps,
} from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { Dataset } from "../graphql/enums.js";
import { AdministrativeUnit } from "../units/unit.entity.js";

/** An establishment whose working environment is monitored (quan trắc môi trường lao động). */
@ObjectType({ description: "An establishment whose working environment is monitored" })
@Entity({ tableName: "monitoring_site" })
@Index({ properties: ["unit", "sector"] })
// A unit's page of sites, by code (Migration20261202040000).
@Index({ properties: ["unit", "code"] })
// The monitoringSites page of official sites alone, by code (Migration20261202010000).
@Index({
  name: "monitoring_site_official_code",
  expression: `create index "monitoring_site_official_code" on "monitoring_site" ("code") where dataset = 'OFFICIAL'`,
})
export class MonitoringSite {
  // A getter, not a column: never given to em.create.
  [OptionalProps]?: "illustrative";
  @PrimaryKey() id!: number;
  @Field(() => String) @Property({ length: 64, unique: true }) code!: string;
  @Field(() => String) @Property() name!: string;
  @ManyToOne(() => AdministrativeUnit, { ref: true }) unit!: Ref<AdministrativeUnit>;
  @Field(() => String, { nullable: true }) @Property({ nullable: true }) industrialZone?:
    string | null;
  @Field(() => String) @Property({ length: 64 }) sector!: string;
  @Field(() => [String], { description: "Hazard factors present at the site" })
  @Property({ type: "json" })
  factors!: string[];
  @Field(() => Dataset)
  @Enum({ items: () => Dataset, default: Dataset.OFFICIAL })
  dataset: Dataset = Dataset.OFFICIAL;
  @Field(() => Boolean) get illustrative(): boolean {
    return this.dataset === Dataset.ILLUSTRATIVE;
  }
}
