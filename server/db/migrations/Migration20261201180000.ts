import { Migration } from "@mikro-orm/migrations";

/**
 * Written by hand (issue 14: reads without the response cache). The `observations` connection's
 * default orderings, by indicator code or by unit code, then year and id, took their first page
 * with a top-N sort of every matching row of the first indicator (or unit) that had any: at
 * bench scale 100, 1,741 index entries, a sort and ~2.5 ms of PostgreSQL for 100 rows. Read
 * per indicator (or unit) in code order, each one's rows already ordered by year and id by these
 * indexes, the page stops after its last row (~0.7 ms; observation-page.reads.ts).
 * `observation_unit_year` gains the id, so the unit ordering needs no sort either.
 */
export class Migration20261201180000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "observation_indicator_year" on "observation" ("indicator_id", "year", "id");`,
    );
    this.addSql(`drop index "observation_unit_year";`);
    this.addSql(`create index "observation_unit_year" on "observation" ("unit_id", "year", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "observation_indicator_year";`);
    this.addSql(`drop index "observation_unit_year";`);
    this.addSql(`create index "observation_unit_year" on "observation" ("unit_id", "year");`);
  }
}
