import { Migration } from "@mikro-orm/migrations";

/**
 * Issue 10, yearly task reports: a body's report on its task list (a responsibility row) of a
 * programme for one year, reviewed like observations (DRAFT, APPROVED, or REJECTED with a reason).
 */
export class Migration20261130174500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "task_report" ("id" serial primary key, "programme_id" int not null, "agency_id" int not null, "responsibility_id" int not null, "year" smallint not null, "status" text check ("status" in ('NOT_STARTED', 'IN_PROGRESS', 'DONE', 'NOT_APPLICABLE')) not null, "summary" text not null, "evidence_url" text null, "submitted_at" timestamptz not null, "submitted_by_id" int not null, "review_state" text check ("review_state" in ('DRAFT', 'APPROVED', 'REJECTED')) not null, "rejection_reason" text null, "reviewed_by_id" int null, "reviewed_at" timestamptz null, constraint task_report_year_range check (year between 1990 and 2100));`,
    );
    this.addSql(
      `alter table "task_report" add constraint "task_report_programme_id_agency_id_responsibility_3f519_unique" unique ("programme_id", "agency_id", "responsibility_id", "year");`,
    );

    this.addSql(
      `alter table "task_report" add constraint "task_report_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "task_report" add constraint "task_report_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "task_report" add constraint "task_report_responsibility_id_foreign" foreign key ("responsibility_id") references "responsibility" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "task_report" add constraint "task_report_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "task_report" add constraint "task_report_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    // Written by hand: a committed change empties the API response caches (see Migration20261123100000).
    this.addSql(
      `create trigger task_report_notify_change after insert or update or delete or truncate on "task_report" for each statement execute function osh_notify_data_changed();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "task_report" cascade;`);
  }
}
