import { Migration } from "@mikro-orm/migrations";

/**
 * Written by hand: the monitoring rollup, a pre-aggregated copy of monitoring_result that the
 * monitoring summary reads instead of scanning every result (1.5 million rows at bench scale
 * 100). It is rebuilt in the background after changes (server/monitoring/monitoring-rollup.ts)
 * and read only while `summary_state` says it was built from the current data: every statement
 * that changes a monitoring table bumps `data_version`, a rebuild records the version it saw
 * in `built_version`, and until the two agree the summary falls back to the raw tables.
 *
 * Distinct sites do not add up over factors or years (one site is monitored for several), so
 * the rollup keeps one row set per grouping of (factor, year), marked by `g` = grouping(factor,
 * year). They do add up over units, sectors and datasets: a site has one unit and one sector,
 * and its results share its dataset (every write path keeps them equal).
 * Both tables are listed in the ORM's schemaGenerator.skipTables: no entity describes them.
 */
export class Migration20261123120000 extends Migration {
  override async up(): Promise<void> {
    this
      .addSql(`create table "summary_state" ("name" text primary key, "data_version" bigint not null default 1,
      "built_version" bigint not null default 0, "built_at" timestamptz null);`);
    this.addSql(`insert into "summary_state" ("name") values ('monitoring');`);
    this
      .addSql(`create table "monitoring_rollup" ("dataset" text not null, "unit_id" int not null, "sector" varchar(64) not null,
      "factor" varchar(32) null, "year" smallint null, "g" smallint not null,
      "sites" int not null, "samples" bigint not null, "samples_over_limit" bigint not null);`);
    this.addSql(
      `create index "monitoring_rollup_g_dataset" on "monitoring_rollup" ("g", "dataset");`,
    );
    this
      .addSql(`create or replace function osh_monitoring_changed() returns trigger language plpgsql as $$
      begin
        update summary_state set data_version = data_version + 1 where name = 'monitoring';
        return null;
      end $$;`);
    for (const table of ["monitoring_site", "monitoring_result"]) {
      this
        .addSql(`create trigger ${table}_bump_summary after insert or update or delete or truncate on "${table}"
        for each statement execute function osh_monitoring_changed();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ["monitoring_site", "monitoring_result"]) {
      this.addSql(`drop trigger if exists ${table}_bump_summary on "${table}";`);
    }
    this.addSql("drop function if exists osh_monitoring_changed();");
    this.addSql('drop table if exists "monitoring_rollup";');
    this.addSql('drop table if exists "summary_state";');
  }
}
