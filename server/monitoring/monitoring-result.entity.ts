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
} from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { Dataset } from "../graphql/enums.js";
import { MonitoringSite } from "./monitoring-site.entity.js";

/** One year's measurements of one hazard factor at a site. */
@ObjectType({ description: "One year's samples of one hazard factor at a monitored site" })
@Entity({ tableName: "monitoring_result" })
@Unique({ properties: ["site", "year", "factor"] })
@Index({ properties: ["year", "factor"] })
// The monitoringResults page, by year and id (Migration20261202010000): of every row, and of the
// sparse official rows alone, so the default page never reads the illustrative bulk.
@Index({ name: "monitoring_result_year_id", properties: ["year", "id"] })
// A unit's page, by year and id (Migration20261202050000).
@Index({ properties: ["unitId", "year", "id"] })
@Index({
  name: "monitoring_result_official_year_id",
  expression: `create index "monitoring_result_official_year_id" on "monitoring_result" ("year", "id") where dataset = 'OFFICIAL'`,
})
@Check({
  name: "monitoring_samples_valid",
  expression: "samples >= 0 and samples_over_limit >= 0 and samples_over_limit <= samples",
})
export class MonitoringResult {
  @Field(() => Int, { description: "Row id, as the write API and the audit log name it" })
  @PrimaryKey()
  id!: number;
  @ManyToOne(() => MonitoringSite, { ref: true, deleteRule: "cascade" }) site!: Ref<MonitoringSite>;
  /**
   * The site's unit, which a trigger keeps (Migration20261202050000): never set here, whatever
   * a write says it is read from the site. Filters and indexes a unit's page of results.
   */
  @Property({ fieldName: "unit_id", type: "integer", nullable: true })
  unitId?: number | null;
  @Field(() => Int) @Property({ type: "smallint" }) year!: number;
  @Field(() => String, {
    description: "microclimate, dust, noise, light, toxic_gas, vibration, ...",
  })
  @Property({ length: 32 })
  factor!: string;
  @Field(() => Int) @Property() samples!: number;
  @Field(() => Int) @Property() samplesOverLimit!: number;
  @Field(() => Dataset)
  @Enum({ items: () => Dataset, default: Dataset.OFFICIAL })
  dataset: Dataset = Dataset.OFFICIAL;
}
