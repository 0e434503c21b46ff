import { Migration } from "@mikro-orm/migrations";

/**
 * Written by hand (issue 14: reads without the response cache). A province's page of its own
 * monitoring results (`monitoringResults(units: [...])`, by year and id) joined each result to
 * its site for the site's unit, and PostgreSQL walked the (year, id) index through every
 * unit's results until it had found 100 of this one's: a province's results are entered
 * together and sit together in that order, not spread evenly through it as the join's estimate
 * assumes. At bench scale 100, for Hà Nội: 337 ms.
 *
 * A result now carries its site's unit, `unit_id`, indexed with (year, id) like check-ups
 * (Migration20261202040000): the page is the index's first rows.
 *
 * - The column is derived, never written by a client: a row trigger reads it from the site on
 *   every insert and on every update of `site_id` or `unit_id`, whatever the statement said.
 * - A site moved to another unit moves its results (a row trigger on the site).
 * - Not declared not null, though no row is without it (a result always has a site, and a
 *   site a unit): a result naming a site that does not exist must fail on the foreign key, with
 *   its own error, not on a null unit first.
 */
export class Migration20261202050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "monitoring_result" add column "unit_id" int;`);
    this.addSql(`update "monitoring_result" r set "unit_id" = s."unit_id"
      from "monitoring_site" s where s."id" = r."site_id";`);
    this.addSql(`create or replace function osh_monitoring_result_unit() returns trigger
      language plpgsql as $$
      begin
        new.unit_id := (select unit_id from monitoring_site where id = new.site_id);
        return new;
      end $$;`);
    this.addSql(`create trigger monitoring_result_unit before insert or update of site_id, unit_id
      on "monitoring_result" for each row execute function osh_monitoring_result_unit();`);
    this.addSql(`create or replace function osh_monitoring_site_unit() returns trigger
      language plpgsql as $$
      begin
        update monitoring_result set unit_id = new.unit_id where site_id = new.id;
        return null;
      end $$;`);
    this.addSql(`create trigger monitoring_site_unit after update of unit_id on "monitoring_site"
      for each row when (old.unit_id is distinct from new.unit_id)
      execute function osh_monitoring_site_unit();`);
    this.addSql(
      `create index "monitoring_result_unit_id_year_id_index" on "monitoring_result" ("unit_id", "year", "id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists monitoring_site_unit on "monitoring_site";`);
    this.addSql(`drop trigger if exists monitoring_result_unit on "monitoring_result";`);
    this.addSql(`drop function if exists osh_monitoring_site_unit();`);
    this.addSql(`drop function if exists osh_monitoring_result_unit();`);
    this.addSql(`alter table "monitoring_result" drop column "unit_id";`);
  }
}
