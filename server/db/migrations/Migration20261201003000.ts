import { Migration } from "@mikro-orm/migrations";

/**
 * Written by hand: the rollups (Migration20261123120000, Migration20261130183000) gain coarser
 * row sets, so a summary that neither groups by nor filters on unit (or sector) reads a few
 * dozen rows instead of summing every unit's and sector's rows again (20,880 rows, ~9 ms of
 * PostgreSQL per summary at bench scale 100: the summaries' whole cost under load).
 *
 * - monitoring_rollup.g and checkup_rollup.g now also carry grouping(unit_id, sector): +8 when
 *   units are summed, +4 when sectors are (the finest rows keep g 0-3, as before), and
 *   unit_id / sector are null where summed;
 * - checkup_disease_rollup gets g = grouping(unit_id, sector) likewise (+2 units, +1 sectors).
 * The coarser rows are sums of the finest ones: sites and (non-moving) establishments add up
 * over units and sectors (see the earlier migrations). Both rollups are marked stale, so the
 * summaries read the raw tables until the next rebuild (at start) adds the new rows.
 */
export class Migration20261201003000 extends Migration {
  override async up(): Promise<void> {
    for (const table of ["monitoring_rollup", "checkup_rollup", "checkup_disease_rollup"]) {
      this.addSql(
        `alter table "${table}" alter column "unit_id" drop not null, alter column "sector" drop not null;`,
      );
    }
    this.addSql(`alter table "checkup_disease_rollup" add column "g" smallint not null default 0;`);
    this.addSql(`drop index if exists "checkup_disease_rollup_dataset";`);
    this.addSql(
      `create index "checkup_disease_rollup_g_dataset" on "checkup_disease_rollup" ("g", "dataset");`,
    );
    this.addSql(
      `update "summary_state" set "data_version" = "data_version" + 1 where "name" in ('monitoring', 'checkup');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "monitoring_rollup" where "g" >= 4;`);
    this.addSql(`delete from "checkup_rollup" where "g" >= 4;`);
    this.addSql(`delete from "checkup_disease_rollup" where "g" > 0;`);
    this.addSql(`drop index if exists "checkup_disease_rollup_g_dataset";`);
    this.addSql(`alter table "checkup_disease_rollup" drop column "g";`);
    this.addSql(
      `create index "checkup_disease_rollup_dataset" on "checkup_disease_rollup" ("dataset");`,
    );
    this.addSql(
      `update "summary_state" set "data_version" = "data_version" + 1 where "name" in ('monitoring', 'checkup');`,
    );
    for (const table of ["monitoring_rollup", "checkup_rollup", "checkup_disease_rollup"]) {
      this.addSql(
        `alter table "${table}" alter column "unit_id" set not null, alter column "sector" set not null;`,
      );
    }
  }
}
