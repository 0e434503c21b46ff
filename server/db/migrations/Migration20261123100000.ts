import { Migration } from "@mikro-orm/migrations";

/** Tables whose changes invalidate cached API answers. */
const DATA_TABLES = [
  "administrative_unit",
  "unit_lineage",
  "source",
  "legal_instrument",
  "agency",
  "programme",
  "programme_basis",
  "task_area",
  "responsibility",
  "responsibility_agency",
  "responsibility_target",
  "indicator",
  "target",
  "observation",
  "observation_alternative",
  "monitoring_site",
  "monitoring_result",
  "health_checkup",
];

/**
 * Written by hand: every committed change to a data table sends NOTIFY osh_data_changed, which
 * each server instance listens to in order to empty its response cache. (Triggers are outside
 * what the entity diff manages, so later generated migrations leave them alone.)
 */
export class Migration20261123100000 extends Migration {
  override async up(): Promise<void> {
    this
      .addSql(`create or replace function osh_notify_data_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('osh_data_changed', tg_table_name);
        return null;
      end $$;`);
    for (const table of DATA_TABLES) {
      this
        .addSql(`create trigger ${table}_notify_change after insert or update or delete or truncate on "${table}"
        for each statement execute function osh_notify_data_changed();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of DATA_TABLES) {
      this.addSql(`drop trigger if exists ${table}_notify_change on "${table}";`);
    }
    this.addSql("drop function if exists osh_notify_data_changed();");
  }
}
