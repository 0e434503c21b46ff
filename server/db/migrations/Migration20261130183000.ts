import { Migration } from "@mikro-orm/migrations";

/**
 * Written by hand: the check-up rollup, a pre-aggregated copy of health_checkup that the
 * check-up summary reads instead of scanning (and unnesting the diseases of) every check-up.
 * Kept fresh like the monitoring rollup (Migration20261123120000, server/monitoring/rollup-state.ts): a
 * trigger bumps `summary_state.data_version` for 'checkup' on every change to health_checkup,
 * a rebuild (server/checkups/checkup-rollup.ts) records the version it saw, and until the two
 * agree the summary reads the raw table.
 *
 * - checkup_rollup: establishments, workers examined and cases per dataset, unit and sector,
 *   with one row set per grouping of (year, kind), marked by `g` = grouping(year, kind):
 *   distinct establishments do not add up over years or kinds (one is examined every year).
 *   They add up over units, sectors and datasets only for establishments that keep one of
 *   each; the few that do not (moved, e.g. from Hải Dương to the new Hải Phòng) are left out
 *   of it and copied whole into checkup_rollup_mover, which the summary counts directly.
 * - checkup_disease_rollup: cases per disease at the finest grain (they add up everywhere).
 * All three tables are listed in the ORM's schemaGenerator.skipTables: no entity describes them.
 */
export class Migration20261130183000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`insert into "summary_state" ("name") values ('checkup');`);
    this
      .addSql(`create table "checkup_rollup" ("dataset" text not null, "unit_id" int not null, "sector" varchar(64) not null,
      "year" smallint null, "kind" text null, "g" smallint not null,
      "establishments" int not null, "workers_examined" bigint not null, "cases_total" bigint not null);`);
    this.addSql(`create index "checkup_rollup_g_dataset" on "checkup_rollup" ("g", "dataset");`);
    this
      .addSql(`create table "checkup_disease_rollup" ("dataset" text not null, "unit_id" int not null, "sector" varchar(64) not null,
      "year" smallint not null, "kind" text not null, "disease" text not null, "cases" bigint not null);`);
    this.addSql(
      `create index "checkup_disease_rollup_dataset" on "checkup_disease_rollup" ("dataset");`,
    );
    this
      .addSql(`create table "checkup_rollup_mover" ("establishment" varchar(64) not null, "dataset" text not null,
      "unit_id" int not null, "sector" varchar(64) not null, "year" smallint not null, "kind" text not null,
      "workers_examined" bigint not null, "cases_total" bigint not null);`);
    this
      .addSql(`create or replace function osh_checkup_changed() returns trigger language plpgsql as $$
      begin
        update summary_state set data_version = data_version + 1 where name = 'checkup';
        return null;
      end $$;`);
    this
      .addSql(`create trigger health_checkup_bump_summary after insert or update or delete or truncate on "health_checkup"
        for each statement execute function osh_checkup_changed();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists health_checkup_bump_summary on "health_checkup";`);
    this.addSql("drop function if exists osh_checkup_changed();");
    this.addSql('drop table if exists "checkup_rollup_mover";');
    this.addSql('drop table if exists "checkup_disease_rollup";');
    this.addSql('drop table if exists "checkup_rollup";');
    this.addSql(`delete from "summary_state" where "name" = 'checkup';`);
  }
}
