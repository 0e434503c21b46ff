import { Migration } from "@mikro-orm/migrations";

/**
 * Written by hand (issue 14, item 2: analytics without the response cache). Every scorecard,
 * series and compare read the yearly totals of its indicator × unit pairs from `observation`: one
 * index walk, a sort and three aggregates per pair, i.e. 385 of them for the NQ 19 scorecard of 34
 * provinces, about 9 ms of PostgreSQL per request at bench scale 100, as much as the server's
 * own work. `observation_year_series` keeps each pair's approved yearly totals as arrays, one row
 * per data set, so a read fetches a few hundred rows by primary key instead.
 *
 * The rows are kept by triggers in the writing transaction (never stale, unlike the monitoring
 * rollup, which is rebuilt afterwards and skipped while stale): after each statement on
 * `observation`, the pairs it touched are computed again from their rows. Two transactions
 * writing one pair take the pair's advisory lock (the two-key form, apart from the rollups'
 * one-key locks) in a fixed order, and each statement of a PL/pgSQL function reads with a fresh
 * snapshot in READ COMMITTED, so the second computes after the first committed and sees its
 * rows. (Under REPEATABLE READ the second write fails with a serialization error instead of
 * writing old arrays.) TRUNCATE empties the table.
 */
export class Migration20261201070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "observation_year_series" (
      "indicator_id" int not null references "indicator" ("id") on delete cascade,
      "unit_id" int not null references "administrative_unit" ("id") on delete cascade,
      "dataset" text not null,
      "years" int[] not null,
      "vals" double precision[] not null,
      primary key ("indicator_id", "unit_id", "dataset"));`);
    this
      .addSql(`create or replace function osh_observation_series_refresh() returns trigger language plpgsql as $$
      declare
        ind int[];
        uni int[];
      begin
        -- The pairs the statement touched, in a fixed order (the advisory locks below).
        if tg_op = 'INSERT' then
          select array_agg(indicator_id order by indicator_id, unit_id), array_agg(unit_id order by indicator_id, unit_id)
            into ind, uni from (select distinct indicator_id, unit_id from osh_new) p;
        elsif tg_op = 'UPDATE' then
          select array_agg(indicator_id order by indicator_id, unit_id), array_agg(unit_id order by indicator_id, unit_id)
            into ind, uni
            from (select indicator_id, unit_id from osh_old union select indicator_id, unit_id from osh_new) p;
        else
          select array_agg(indicator_id order by indicator_id, unit_id), array_agg(unit_id order by indicator_id, unit_id)
            into ind, uni from (select distinct indicator_id, unit_id from osh_old) p;
        end if;
        if ind is null then
          return null; -- the statement changed no row
        end if;
        perform pg_advisory_xact_lock(p.i, p.u) from unnest(ind, uni) with ordinality as p(i, u, n) order by n;
        delete from observation_year_series s using unnest(ind, uni) as p(i, u)
          where s.indicator_id = p.i and s.unit_id = p.u;
        insert into observation_year_series (indicator_id, unit_id, dataset, years, vals)
          select o.indicator_id, o.unit_id, o.dataset, array_agg(o.year order by o.year), array_agg(o.value order by o.year)
          from unnest(ind, uni) as p(i, u)
          join observation o on o.indicator_id = p.i and o.unit_id = p.u
          where o.period = 'YEAR' and o.disaggregation = 'TOTAL' and o.review_state = 'APPROVED'
          group by o.indicator_id, o.unit_id, o.dataset;
        return null;
      end $$;`);
    this.addSql(
      `create or replace function osh_observation_series_truncate() returns trigger language plpgsql as $$
      begin
        delete from observation_year_series;
        return null;
      end $$;`,
    );
    this.addSql(
      `create trigger observation_series_insert after insert on "observation" referencing new table as osh_new for each statement execute function osh_observation_series_refresh();`,
    );
    this.addSql(
      `create trigger observation_series_update after update on "observation" referencing old table as osh_old new table as osh_new for each statement execute function osh_observation_series_refresh();`,
    );
    this.addSql(
      `create trigger observation_series_delete after delete on "observation" referencing old table as osh_old for each statement execute function osh_observation_series_refresh();`,
    );
    this.addSql(
      `create trigger observation_series_truncate after truncate on "observation" for each statement execute function osh_observation_series_truncate();`,
    );
    this.addSql(`insert into observation_year_series (indicator_id, unit_id, dataset, years, vals)
      select indicator_id, unit_id, dataset, array_agg(year order by year), array_agg(value order by year)
      from observation
      where period = 'YEAR' and disaggregation = 'TOTAL' and review_state = 'APPROVED'
      group by indicator_id, unit_id, dataset;`);
  }

  override async down(): Promise<void> {
    for (const op of ["insert", "update", "delete", "truncate"]) {
      this.addSql(`drop trigger if exists observation_series_${op} on "observation";`);
    }
    this.addSql("drop function if exists osh_observation_series_refresh();");
    this.addSql("drop function if exists osh_observation_series_truncate();");
    this.addSql('drop table if exists "observation_year_series";');
  }
}
