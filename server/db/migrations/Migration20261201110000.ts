import { Migration } from "@mikro-orm/migrations";

/**
 * Written by hand (issue 14: reads without the response cache). The `observations` connection's
 * `totalCount` (and `containsIllustrative`) counted every approved observation the filter
 * matched on each request: at bench scale 100, 34,800 index entries and ~3-7 ms of PostgreSQL
 * for the first page of the illustrative data set, more than the page itself. `observation_count`
 * keeps how many approved observations each indicator × unit × data set has, so a filter on
 * data sets, indicators and units (the explorer's and the reporting workspace's lists) sums a
 * few hundred small rows instead; other filters (years, statuses, grades, period,
 * disaggregation) still count `observation`.
 *
 * Kept by triggers in the writing transaction, like `observation_year_series`: after each
 * statement on `observation`, its approved rows (new minus old, from the transition tables) are
 * added to the touched keys in one upsert fed in key order, so two writers of one key wait on
 * its row lock (and every writer locks in the same order: no deadlock); keys that reach 0 are
 * removed. (No CHECK on `n`: PostgreSQL checks the row an upsert proposes before it finds the
 * conflict, and a negative delta proposes a negative row.) TRUNCATE empties the table.
 */
export class Migration20261201110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "observation_count" (
      "dataset" text not null,
      "indicator_id" int not null references "indicator" ("id") on delete cascade,
      "unit_id" int not null references "administrative_unit" ("id") on delete cascade,
      "n" bigint not null,
      primary key ("dataset", "indicator_id", "unit_id"));`);
    this.addSql(`create index "observation_count_unit" on "observation_count" ("unit_id");`);
    // One upsert of the statement's approved rows per key (new minus old), fed in key order.
    const upsert = (
      delta: string,
    ) => `insert into observation_count as c (dataset, indicator_id, unit_id, n)
          select dataset, indicator_id, unit_id, sum(d) from (${delta}) x
          group by dataset, indicator_id, unit_id having sum(d) <> 0
          order by dataset, indicator_id, unit_id
          on conflict (dataset, indicator_id, unit_id) do update set n = c.n + excluded.n;`;
    const NEW =
      "select dataset, indicator_id, unit_id, 1 as d from osh_new where review_state = 'APPROVED'";
    const OLD =
      "select dataset, indicator_id, unit_id, -1 as d from osh_old where review_state = 'APPROVED'";
    this
      .addSql(`create or replace function osh_observation_count_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${upsert(NEW)}
          return null;
        elsif tg_op = 'DELETE' then
          ${upsert(OLD)}
        else
          ${upsert(`${NEW} union all ${OLD}`)}
        end if;
        -- Keys the statement emptied.
        delete from observation_count c using (select distinct dataset, indicator_id, unit_id from osh_old) k
          where c.n = 0 and (c.dataset, c.indicator_id, c.unit_id) = (k.dataset, k.indicator_id, k.unit_id);
        return null;
      end $$;`);
    this.addSql(
      `create or replace function osh_observation_count_truncate() returns trigger language plpgsql as $$
      begin
        delete from observation_count;
        return null;
      end $$;`,
    );
    this.addSql(
      `create trigger observation_count_insert after insert on "observation" referencing new table as osh_new for each statement execute function osh_observation_count_apply();`,
    );
    this.addSql(
      `create trigger observation_count_update after update on "observation" referencing old table as osh_old new table as osh_new for each statement execute function osh_observation_count_apply();`,
    );
    this.addSql(
      `create trigger observation_count_delete after delete on "observation" referencing old table as osh_old for each statement execute function osh_observation_count_apply();`,
    );
    this.addSql(
      `create trigger observation_count_truncate after truncate on "observation" for each statement execute function osh_observation_count_truncate();`,
    );
    this.addSql(`insert into observation_count (dataset, indicator_id, unit_id, n)
      select dataset, indicator_id, unit_id, count(*) from observation
      where review_state = 'APPROVED' group by dataset, indicator_id, unit_id;`);
  }

  override async down(): Promise<void> {
    for (const op of ["insert", "update", "delete", "truncate"]) {
      this.addSql(`drop trigger if exists observation_count_${op} on "observation";`);
    }
    this.addSql("drop function if exists osh_observation_count_apply();");
    this.addSql("drop function if exists osh_observation_count_truncate();");
    this.addSql('drop table if exists "observation_count";');
  }
}
