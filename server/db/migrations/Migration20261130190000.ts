import { Migration } from "@mikro-orm/migrations";

/**
 * Tables that were created after Migration20261123100000 without its change trigger (so a write
 * to them emptied no cache), and the monitoring summary's rollup and freshness tables (cached
 * summaries read them; a rebuild must empty those entries).
 */
const NEWLY_NOTIFYING = [
  "context_note",
  "programme_citation",
  "programme_section",
  "target_citation",
  "summary_state",
  "monitoring_rollup",
];

/** At most this many unit ids in a payload; beyond, the payload names no units ("all units"). */
const MAX_UNITS = 100;

/**
 * Written by hand (issue 14, item 3: writes invalidate only what they touch). Observation changes
 * now say which units and data sets they touched: NOTIFY osh_data_changed with the payload
 * `observation unit:12,40 dataset:OFFICIAL` (see server/cache/tags.ts). One notification per
 * statement (statement-level triggers with transition tables), and PostgreSQL drops identical
 * payloads within one transaction, so a 50,000-row import does not send 50,000 notifications.
 * Other tables keep the table-name payload of osh_notify_data_changed().
 */
export class Migration20261130190000 extends Migration {
  override async up(): Promise<void> {
    this
      .addSql(`create or replace function osh_notify_observation_changed() returns trigger language plpgsql as $$
      declare
        units int[];
        datasets text[];
      begin
        -- PL/pgSQL plans a statement when it first runs it, so each trigger only ever
        -- touches the transition tables it declares.
        if tg_op = 'INSERT' then
          select array_agg(distinct unit_id order by unit_id), array_agg(distinct dataset order by dataset)
            into units, datasets from osh_new;
        elsif tg_op = 'UPDATE' then
          select array_agg(distinct unit_id order by unit_id), array_agg(distinct dataset order by dataset)
            into units, datasets
            from (select unit_id, dataset from osh_old union all select unit_id, dataset from osh_new) c;
        else
          select array_agg(distinct unit_id order by unit_id), array_agg(distinct dataset order by dataset)
            into units, datasets from osh_old;
        end if;
        if units is null then
          return null; -- the statement changed no row
        end if;
        perform pg_notify('osh_data_changed', tg_table_name
          || case when cardinality(units) <= ${MAX_UNITS} then ' unit:' || array_to_string(units, ',') else '' end
          || ' dataset:' || array_to_string(datasets, ','));
        return null;
      end $$;`);
    this.addSql(`drop trigger if exists observation_notify_change on "observation";`);
    this.addSql(
      `create trigger observation_notify_insert after insert on "observation" referencing new table as osh_new for each statement execute function osh_notify_observation_changed();`,
    );
    this.addSql(
      `create trigger observation_notify_update after update on "observation" referencing old table as osh_old new table as osh_new for each statement execute function osh_notify_observation_changed();`,
    );
    this.addSql(
      `create trigger observation_notify_delete after delete on "observation" referencing old table as osh_old for each statement execute function osh_notify_observation_changed();`,
    );
    this.addSql(
      `create trigger observation_notify_truncate after truncate on "observation" for each statement execute function osh_notify_data_changed();`,
    );
    for (const table of NEWLY_NOTIFYING) {
      this.addSql(
        `create trigger ${table}_notify_change after insert or update or delete or truncate on "${table}" for each statement execute function osh_notify_data_changed();`,
      );
    }
  }

  override async down(): Promise<void> {
    for (const table of NEWLY_NOTIFYING) {
      this.addSql(`drop trigger if exists ${table}_notify_change on "${table}";`);
    }
    for (const event of ["insert", "update", "delete", "truncate"]) {
      this.addSql(`drop trigger if exists observation_notify_${event} on "observation";`);
    }
    this.addSql(`drop function if exists osh_notify_observation_changed();`);
    this.addSql(
      `create trigger observation_notify_change after insert or update or delete or truncate on "observation" for each statement execute function osh_notify_data_changed();`,
    );
  }
}
