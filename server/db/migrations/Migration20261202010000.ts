import { Migration } from "@mikro-orm/migrations";

/**
 * Written by hand (issue 14: reads without the response cache). The `monitoringResults` and
 * `healthCheckups` pages are ordered by year and id, `monitoringSites` by code, each filtered on
 * data sets (OFFICIAL unless asked). Without an index in that order, PostgreSQL sorted the
 * first year's rows (~300,000 monitoring results at bench scale 100: ~170 ms for 100 rows), and
 * for OFFICIAL, which has no row at all in the bench and few anywhere (official provincial data is
 * sparse), it read the whole table to find none (~140 ms for check-ups, ~26 ms for sites).
 *
 * - (year, id): the page of the bulk data set, or of both, is the index's first rows.
 * - The same, only for OFFICIAL rows (partial): the default page reads a few entries, however
 *   much illustrative data there is, and costs next to nothing on disk or on an import.
 */
export class Migration20261202010000 extends Migration {
  override async up(): Promise<void> {
    for (const table of ["monitoring_result", "health_checkup"]) {
      this.addSql(`create index "${table}_year_id" on "${table}" ("year", "id");`);
      this.addSql(
        `create index "${table}_official_year_id" on "${table}" ("year", "id") where dataset = 'OFFICIAL';`,
      );
    }
    this.addSql(
      `create index "monitoring_site_official_code" on "monitoring_site" ("code") where dataset = 'OFFICIAL';`,
    );
  }

  override async down(): Promise<void> {
    for (const table of ["monitoring_result", "health_checkup"]) {
      this.addSql(`drop index "${table}_year_id";`);
      this.addSql(`drop index "${table}_official_year_id";`);
    }
    this.addSql(`drop index "monitoring_site_official_code";`);
  }
}
