import { Migration } from "@mikro-orm/migrations";

/**
 * Written by hand (issue 14: reads without the response cache). A province's page of its own
 * check-ups or sites (`healthCheckups(units: [...])` by year and id, `monitoringSites(units:
 * [...])` by code) walked the whole table's year or code order, because PostgreSQL takes a
 * unit's rows to be spread evenly through it, when a province's rows are entered together and
 * sit together. At bench scale 100, for Hà Nội: 212 ms for 100 check-ups, 32 ms for 50 sites.
 * With the unit's id known when the statement is planned (the resolvers look it up first) and
 * these indexes, the page is the index's first rows: 0.4 ms and 0.1 ms.
 *
 * - health_checkup (unit_id, year, id) replaces (unit_id, year): it serves every read the
 *   shorter one did (the rollup's rebuild of a unit, the summaries) and the page's order too.
 * - monitoring_site (unit_id, code) beside (unit_id, sector), which the rollups group by.
 */
export class Migration20261202040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "health_checkup_unit_id_year_id_index" on "health_checkup" ("unit_id", "year", "id");`,
    );
    this.addSql(`drop index "health_checkup_unit_id_year_index";`);
    this.addSql(
      `create index "monitoring_site_unit_id_code_index" on "monitoring_site" ("unit_id", "code");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `create index "health_checkup_unit_id_year_index" on "health_checkup" ("unit_id", "year");`,
    );
    this.addSql(`drop index "health_checkup_unit_id_year_id_index";`);
    this.addSql(`drop index "monitoring_site_unit_id_code_index";`);
  }
}
