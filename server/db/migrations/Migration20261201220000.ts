import { Migration } from "@mikro-orm/migrations";

/**
 * Written by hand (issue 14, item 6: scale 1000). The rollups (Migration20261123120000,
 * Migration20261130183000) were rebuilt whole after any write: at bench scale 1000 (15 M
 * monitoring results, 10 M check-ups) one changed row left the monitoring rollup stale for
 * ~155 s and the check-up rollup for about a minute, and each summary asked meanwhile read the
 * raw tables for 25-40 s. Now each write also records the units it touched, so the next
 * rebuild redoes only those units' rows (server/monitoring/rollup-state.ts).
 *
 * - `rollup_dirty` (name, version, unit_id): the units a statement changed, with the
 *   `data_version` its bump produced. Writers only ever insert rows with a new version, and a
 *   rebuild deletes only versions it has built, so the two never wait on the same row (a
 *   writer holds `summary_state`'s row from its bump to its commit; a rebuild updates that row
 *   last, and fails with a serialization error if a writer bumped it after its snapshot).
 * - `summary_state.whole_dirty`: a change whose units are unknown (TRUNCATE, and the data as it
 *   was before this migration): the next rebuild is whole.
 * - The statement-level bump triggers become one trigger per statement kind that bumps the
 *   version and records the units from the transition tables; TRUNCATE marks the rollup whole.
 *   A monitoring result's unit is its site's; a site's change records its old and new unit.
 */
const ROLLUP_OF: Record<string, "monitoring" | "checkup"> = {
  monitoring_site: "monitoring",
  monitoring_result: "monitoring",
  health_checkup: "checkup",
};

/** The units a statement's rows (the transition table `rows`) belong to. */
const UNITS_OF: Record<string, (rows: string) => string> = {
  monitoring_site: rows => `select unit_id from ${rows}`,
  monitoring_result: rows =>
    `select s.unit_id from ${rows} r join monitoring_site s on s.id = r.site_id`,
  health_checkup: rows => `select unit_id from ${rows}`,
};

export class Migration20261201220000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "summary_state" add column "whole_dirty" boolean not null default true;`,
    );
    this.addSql(`create table "rollup_dirty" ("name" text not null, "version" bigint not null,
      "unit_id" int not null, primary key ("name", "version", "unit_id"));`);
    for (const [table, name] of Object.entries(ROLLUP_OF)) {
      const units = UNITS_OF[table];
      const record = (source: string) => `
          update summary_state set data_version = data_version + 1 where name = '${name}'
            returning data_version into v;
          insert into rollup_dirty (name, version, unit_id)
            select distinct '${name}', v, u.unit_id from (${source}) u where u.unit_id is not null
            order by 3;`;
      this.addSql(`create or replace function osh_${table}_rollup_dirty() returns trigger
        language plpgsql as $$
        declare
          v bigint;
        begin
          -- PL/pgSQL plans a statement when it first runs it, so each trigger only ever
          -- touches the transition tables it declares.
          if tg_op = 'INSERT' then${record(units("osh_new"))}
          elsif tg_op = 'UPDATE' then${record(`${units("osh_old")} union ${units("osh_new")}`)}
          else${record(units("osh_old"))}
          end if;
          return null;
        end $$;`);
      this.addSql(`drop trigger if exists ${table}_bump_summary on "${table}";`);
      this.addSql(
        `create trigger ${table}_rollup_insert after insert on "${table}" referencing new table as osh_new for each statement execute function osh_${table}_rollup_dirty();`,
      );
      this.addSql(
        `create trigger ${table}_rollup_update after update on "${table}" referencing old table as osh_old new table as osh_new for each statement execute function osh_${table}_rollup_dirty();`,
      );
      this.addSql(
        `create trigger ${table}_rollup_delete after delete on "${table}" referencing old table as osh_old for each statement execute function osh_${table}_rollup_dirty();`,
      );
      this.addSql(`create or replace function osh_${name}_rollup_whole() returns trigger
        language plpgsql as $$
        begin
          update summary_state set data_version = data_version + 1, whole_dirty = true
            where name = '${name}';
          return null;
        end $$;`);
      this.addSql(
        `create trigger ${table}_rollup_truncate after truncate on "${table}" for each statement execute function osh_${name}_rollup_whole();`,
      );
    }
    this.addSql(
      `update "summary_state" set "data_version" = "data_version" + 1, "whole_dirty" = true where "name" in ('monitoring', 'checkup');`,
    );
  }

  override async down(): Promise<void> {
    for (const [table, name] of Object.entries(ROLLUP_OF)) {
      for (const op of ["insert", "update", "delete", "truncate"]) {
        this.addSql(`drop trigger if exists ${table}_rollup_${op} on "${table}";`);
      }
      this.addSql(`drop function if exists osh_${table}_rollup_dirty();`);
      const bump = name === "monitoring" ? "osh_monitoring_changed" : "osh_checkup_changed";
      this
        .addSql(`create trigger ${table}_bump_summary after insert or update or delete or truncate on "${table}"
        for each statement execute function ${bump}();`);
    }
    this.addSql("drop function if exists osh_monitoring_rollup_whole();");
    this.addSql("drop function if exists osh_checkup_rollup_whole();");
    this.addSql('drop table if exists "rollup_dirty";');
    this.addSql(`alter table "summary_state" drop column "whole_dirty";`);
    this.addSql(
      `update "summary_state" set "data_version" = "data_version" + 1 where "name" in ('monitoring', 'checkup');`,
    );
  }
}
