import { Migration } from "@mikro-orm/migrations";

export class Migration20261123094002 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "user_id" int null, "user_name" varchar(128) not null, "entity" varchar(64) not null, "entity_id" varchar(64) not null, "action" text check ("action" in ('CREATE', 'UPDATE', 'DELETE', 'APPROVE')) not null, "before" jsonb null, "after" jsonb null, "note" text null);`,
    );
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);
    this.addSql(
      `create index "audit_log_entity_entity_id_index" on "audit_log" ("entity", "entity_id");`,
    );

    this.addSql(
      `create table "app_user" ("id" serial primary key, "name" varchar(128) not null, "role" text check ("role" in ('VIEWER', 'STEWARD', 'ADMIN')) not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_name_unique" unique ("name");`);

    this.addSql(
      `create table "app_user_unit" ("user_id" int not null, "administrative_unit_id" int not null, constraint "app_user_unit_pkey" primary key ("user_id", "administrative_unit_id"));`,
    );

    this.addSql(
      `create table "api_token" ("id" serial primary key, "user_id" int not null, "hash" varchar(64) not null, "prefix" varchar(16) not null, "label" varchar(128) null, "created_at" timestamptz not null default now(), "revoked_at" timestamptz null);`,
    );
    this.addSql(`create index "api_token_user_id_index" on "api_token" ("user_id");`);
    this.addSql(`alter table "api_token" add constraint "api_token_hash_unique" unique ("hash");`);

    this.addSql(
      `alter table "app_user_unit" add constraint "app_user_unit_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "app_user_unit" add constraint "app_user_unit_administrative_unit_id_foreign" foreign key ("administrative_unit_id") references "administrative_unit" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "api_token" add constraint "api_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "observation" add column "created_by_id" int null, add column "approved_by_id" int null;`,
    );
    this.addSql(
      `alter table "observation" add constraint "observation_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "observation" add constraint "observation_approved_by_id_foreign" foreign key ("approved_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    // The audit log is append-only: whatever path reaches the database (API, a script, psql), an
    // UPDATE, DELETE or TRUNCATE of audit_log fails. Only a superuser dropping the trigger can change it.
    this
      .addSql(`create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op using errcode = '42501';
      end $$;`);
    this.addSql(
      `create trigger audit_log_no_update_delete before update or delete on "audit_log" for each row execute function audit_log_refuse_change();`,
    );
    this.addSql(
      `create trigger audit_log_no_truncate before truncate on "audit_log" for each statement execute function audit_log_refuse_change();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists audit_log_no_truncate on "audit_log";`);
    this.addSql(`drop trigger if exists audit_log_no_update_delete on "audit_log";`);
    this.addSql(`drop function if exists audit_log_refuse_change();`);
    this.addSql(`alter table "observation" drop constraint "observation_created_by_id_foreign";`);

    this.addSql(`alter table "observation" drop constraint "observation_approved_by_id_foreign";`);

    this.addSql(`alter table "app_user_unit" drop constraint "app_user_unit_user_id_foreign";`);

    this.addSql(`alter table "api_token" drop constraint "api_token_user_id_foreign";`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "app_user_unit" cascade;`);

    this.addSql(`drop table if exists "api_token" cascade;`);

    this.addSql(
      `alter table "observation" drop column "created_by_id", drop column "approved_by_id";`,
    );
  }
}
