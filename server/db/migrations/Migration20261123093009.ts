import { Migration } from "@mikro-orm/migrations";

export class Migration20261123093009 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "administrative_unit" ("id" serial primary key, "code" varchar(64) not null, "name_vi" varchar(255) not null, "name_en" varchar(255) not null, "level" text check ("level" in ('NATION', 'PROVINCE')) not null, "kind" text check ("kind" in ('NATION', 'PROVINCE', 'CITY')) not null, "parent_id" int null, "valid_from" date null, "valid_to" date null, "successor_id" int null, constraint unit_validity_order check (valid_from is null or valid_to is null or valid_from <= valid_to));`,
    );
    this.addSql(
      `alter table "administrative_unit" add constraint "administrative_unit_code_unique" unique ("code");`,
    );
    this.addSql(
      `create index "administrative_unit_level_index" on "administrative_unit" ("level");`,
    );

    this.addSql(
      `create table "agency" ("id" serial primary key, "code" varchar(96) not null, "name_vi" varchar(255) not null, "name_en" varchar(255) not null, "unit_id" int not null, "level" text check ("level" in ('NATIONAL', 'PROVINCIAL', 'OTHER')) not null, "kind" varchar(32) not null, "valid_from" date null, "valid_to" date null, "successor_id" int null);`,
    );
    this.addSql(`alter table "agency" add constraint "agency_code_unique" unique ("code");`);

    this.addSql(
      `create table "health_checkup" ("id" serial primary key, "establishment" varchar(64) not null, "unit_id" int not null, "sector" varchar(64) not null, "year" smallint not null, "kind" text check ("kind" in ('PERIODIC', 'OD_SCREENING')) not null, "workers_examined" int not null, "cases_total" int not null, "cases" jsonb not null, "dataset" text check ("dataset" in ('OFFICIAL', 'ILLUSTRATIVE')) not null default 'OFFICIAL', constraint checkup_examined_valid check (workers_examined >= 0 and cases_total >= 0 and cases_total <= workers_examined));`,
    );
    this.addSql(
      `create index "health_checkup_unit_id_year_index" on "health_checkup" ("unit_id", "year");`,
    );
    this.addSql(
      `alter table "health_checkup" add constraint "health_checkup_establishment_year_kind_unique" unique ("establishment", "year", "kind");`,
    );

    this.addSql(
      `create table "indicator" ("id" serial primary key, "code" varchar(96) not null, "name_vi" text not null, "name_en" text not null, "measure" text check ("measure" in ('COUNT', 'PERSONS', 'PERCENT', 'RATE_PER_100K', 'BILLION_VND', 'THOUSAND_PERSONS', 'BINARY')) not null, "direction" text check ("direction" in ('INCREASE', 'DECREASE', 'NONE')) not null, "definition_vi" text null, "definition_en" text null, "numerator_id" int null, "denominator_id" int null, "multiplier" double precision null, "sdg" varchar(16) null, "note" text null);`,
    );
    this.addSql(`alter table "indicator" add constraint "indicator_code_unique" unique ("code");`);

    this.addSql(
      `create table "monitoring_site" ("id" serial primary key, "code" varchar(64) not null, "name" varchar(255) not null, "unit_id" int not null, "industrial_zone" varchar(255) null, "sector" varchar(64) not null, "factors" jsonb not null, "dataset" text check ("dataset" in ('OFFICIAL', 'ILLUSTRATIVE')) not null default 'OFFICIAL');`,
    );
    this.addSql(
      `alter table "monitoring_site" add constraint "monitoring_site_code_unique" unique ("code");`,
    );
    this.addSql(
      `create index "monitoring_site_unit_id_sector_index" on "monitoring_site" ("unit_id", "sector");`,
    );

    this.addSql(
      `create table "monitoring_result" ("id" serial primary key, "site_id" int not null, "year" smallint not null, "factor" varchar(32) not null, "samples" int not null, "samples_over_limit" int not null, "dataset" text check ("dataset" in ('OFFICIAL', 'ILLUSTRATIVE')) not null default 'OFFICIAL', constraint monitoring_samples_valid check (samples >= 0 and samples_over_limit >= 0 and samples_over_limit <= samples));`,
    );
    this.addSql(
      `create index "monitoring_result_year_factor_index" on "monitoring_result" ("year", "factor");`,
    );
    this.addSql(
      `alter table "monitoring_result" add constraint "monitoring_result_site_id_year_factor_unique" unique ("site_id", "year", "factor");`,
    );

    this.addSql(
      `create table "seed_state" ("name" varchar(64) not null, "hash" varchar(64) not null, "loaded_at" timestamptz not null, constraint "seed_state_pkey" primary key ("name"));`,
    );

    this.addSql(
      `create table "source" ("id" serial primary key, "code" varchar(96) not null, "url" text null, "document_number" varchar(255) null, "title" text not null, "publisher" varchar(255) null, "published_on" date null, "grade" text check ("grade" in ('A', 'B', 'C')) not null, "language" varchar(8) null, "note" text null);`,
    );
    this.addSql(`alter table "source" add constraint "source_code_unique" unique ("code");`);

    this.addSql(
      `create table "observation" ("id" serial primary key, "indicator_id" int not null, "unit_id" int not null, "year" smallint not null, "period" text check ("period" in ('YEAR', 'H1')) not null default 'YEAR', "disaggregation" text check ("disaggregation" in ('TOTAL', 'WITH_LABOUR_RELATIONS', 'WITHOUT_LABOUR_RELATIONS')) not null default 'TOTAL', "dataset" text check ("dataset" in ('OFFICIAL', 'ILLUSTRATIVE')) not null default 'OFFICIAL', "value" double precision not null, "qualifier" text check ("qualifier" in ('EXACT', 'APPROXIMATE', 'LOWER_BOUND')) not null default 'EXACT', "status" text check ("status" in ('OFFICIAL', 'PROVISIONAL', 'DERIVED', 'ILLUSTRATIVE')) not null, "grade" text check ("grade" in ('A', 'B', 'C')) null, "source_id" int null, "quote" text null, "note" text null, "disputed" boolean not null default false, "review_state" text check ("review_state" in ('DRAFT', 'APPROVED')) not null default 'APPROVED', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint observation_illustrative_status check ((dataset = 'ILLUSTRATIVE') = (status = 'ILLUSTRATIVE')), constraint observation_official_has_source check (dataset <> 'OFFICIAL' or source_id is not null or status = 'DERIVED'), constraint observation_year_range check (year between 1990 and 2100), constraint observation_value_not_negative check (value >= 0));`,
    );
    this.addSql(`create index "observation_unit_year" on "observation" ("unit_id", "year");`);
    this.addSql(
      `alter table "observation" add constraint "observation_key" unique ("indicator_id", "unit_id", "year", "period", "disaggregation", "dataset");`,
    );

    this.addSql(
      `create table "observation_alternative" ("id" serial primary key, "observation_id" int not null, "value" double precision not null, "source_id" int not null, "quote" text null, "note" text null, constraint alternative_value_not_negative check (value >= 0));`,
    );
    this.addSql(
      `alter table "observation_alternative" add constraint "observation_alternative_observation_id_source_id_unique" unique ("observation_id", "source_id");`,
    );

    this.addSql(
      `create table "legal_instrument" ("id" serial primary key, "code" varchar(96) not null, "number" varchar(255) not null, "kind" text check ("kind" in ('RESOLUTION', 'DIRECTIVE', 'PROGRAMME', 'PLAN', 'DECREE', 'DECISION', 'NOTICE')) not null, "issuer" varchar(255) not null, "unit_id" int not null, "issued_on" date null, "title_vi" text not null, "title_en" text not null, "source_id" int null, "note" text null);`,
    );
    this.addSql(
      `alter table "legal_instrument" add constraint "legal_instrument_code_unique" unique ("code");`,
    );

    this.addSql(
      `create table "programme" ("id" serial primary key, "code" varchar(96) not null, "name_vi" text not null, "name_en" text not null, "unit_id" int not null, "start_year" smallint not null, "end_year" smallint not null, "kind" text check ("kind" in ('PROGRAMME', 'PLAN', 'HEALTH_PLAN', 'DIRECTIVE')) not null, "instrument_id" int not null, "implements_id" int null, "reporting_rule" text null, "report_due_month_day" varchar(5) null, "note" text null, constraint programme_period_order check (start_year <= end_year));`,
    );
    this.addSql(`alter table "programme" add constraint "programme_code_unique" unique ("code");`);

    this.addSql(
      `create table "responsibility" ("id" serial primary key, "programme_id" int not null, "number" varchar(16) not null, "section" varchar(32) not null, "body_vi" text not null, "role" text check ("role" in ('LEAD', 'COORDINATE', 'SUPPORT')) not null, "tasks_vi" jsonb not null);`,
    );
    this.addSql(
      `alter table "responsibility" add constraint "responsibility_programme_id_number_unique" unique ("programme_id", "number");`,
    );

    this.addSql(
      `create table "responsibility_agency" ("responsibility_id" int not null, "agency_id" int not null, constraint "responsibility_agency_pkey" primary key ("responsibility_id", "agency_id"));`,
    );

    this.addSql(
      `create table "programme_basis" ("programme_id" int not null, "legal_instrument_id" int not null, constraint "programme_basis_pkey" primary key ("programme_id", "legal_instrument_id"));`,
    );

    this.addSql(
      `create table "target" ("id" serial primary key, "programme_id" int not null, "number" varchar(8) not null, "part" varchar(4) not null default '', "kind" text check ("kind" in ('ANNUAL_RATE', 'LEVEL', 'ALL', 'MILESTONE')) not null, "indicator_id" int not null, "comparator" text check ("comparator" in ('GT', 'GTE', 'EQ', 'LTE', 'LT')) not null, "value" double precision not null, "base_year" smallint null, "end_year" smallint not null, "lead_agency_id" int null, "aligned_target_id" int null, "section" varchar(32) not null, "text_vi" text not null, "text_en" text null, "source_id" int null, "conflict" text null, "assumption" text null, constraint target_years_order check (base_year is null or base_year < end_year));`,
    );
    this.addSql(
      `alter table "target" add constraint "target_programme_id_number_part_unique" unique ("programme_id", "number", "part");`,
    );

    this.addSql(
      `create table "responsibility_target" ("responsibility_id" int not null, "target_id" int not null, constraint "responsibility_target_pkey" primary key ("responsibility_id", "target_id"));`,
    );

    this.addSql(
      `create table "task_area" ("id" serial primary key, "programme_id" int not null, "number" varchar(16) not null, "section" varchar(32) not null, "title_vi" text not null, "title_en" text not null, "items" jsonb not null);`,
    );
    this.addSql(
      `alter table "task_area" add constraint "task_area_programme_id_number_unique" unique ("programme_id", "number");`,
    );

    this.addSql(
      `create table "unit_lineage" ("id" serial primary key, "predecessor_id" int not null, "successor_id" int not null, "effective_on" date not null, "instrument_id" int null);`,
    );
    this.addSql(
      `alter table "unit_lineage" add constraint "unit_lineage_predecessor_id_successor_id_unique" unique ("predecessor_id", "successor_id");`,
    );

    this.addSql(
      `alter table "administrative_unit" add constraint "administrative_unit_parent_id_foreign" foreign key ("parent_id") references "administrative_unit" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "administrative_unit" add constraint "administrative_unit_successor_id_foreign" foreign key ("successor_id") references "administrative_unit" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "agency" add constraint "agency_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "agency" add constraint "agency_successor_id_foreign" foreign key ("successor_id") references "agency" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "health_checkup" add constraint "health_checkup_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "indicator" add constraint "indicator_numerator_id_foreign" foreign key ("numerator_id") references "indicator" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "indicator" add constraint "indicator_denominator_id_foreign" foreign key ("denominator_id") references "indicator" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "monitoring_site" add constraint "monitoring_site_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "monitoring_result" add constraint "monitoring_result_site_id_foreign" foreign key ("site_id") references "monitoring_site" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "observation" add constraint "observation_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "observation" add constraint "observation_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "observation" add constraint "observation_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "observation_alternative" add constraint "observation_alternative_observation_id_foreign" foreign key ("observation_id") references "observation" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "observation_alternative" add constraint "observation_alternative_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "legal_instrument" add constraint "legal_instrument_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "legal_instrument" add constraint "legal_instrument_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "programme" add constraint "programme_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "programme" add constraint "programme_instrument_id_foreign" foreign key ("instrument_id") references "legal_instrument" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "programme" add constraint "programme_implements_id_foreign" foreign key ("implements_id") references "programme" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "responsibility" add constraint "responsibility_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "responsibility_agency" add constraint "responsibility_agency_responsibility_id_foreign" foreign key ("responsibility_id") references "responsibility" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "responsibility_agency" add constraint "responsibility_agency_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "programme_basis" add constraint "programme_basis_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "programme_basis" add constraint "programme_basis_legal_instrument_id_foreign" foreign key ("legal_instrument_id") references "legal_instrument" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "target" add constraint "target_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "target" add constraint "target_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "target" add constraint "target_lead_agency_id_foreign" foreign key ("lead_agency_id") references "agency" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "target" add constraint "target_aligned_target_id_foreign" foreign key ("aligned_target_id") references "target" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "target" add constraint "target_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "responsibility_target" add constraint "responsibility_target_responsibility_id_foreign" foreign key ("responsibility_id") references "responsibility" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "responsibility_target" add constraint "responsibility_target_target_id_foreign" foreign key ("target_id") references "target" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "task_area" add constraint "task_area_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "unit_lineage" add constraint "unit_lineage_predecessor_id_foreign" foreign key ("predecessor_id") references "administrative_unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "unit_lineage" add constraint "unit_lineage_successor_id_foreign" foreign key ("successor_id") references "administrative_unit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "unit_lineage" add constraint "unit_lineage_instrument_id_foreign" foreign key ("instrument_id") references "legal_instrument" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "administrative_unit" drop constraint "administrative_unit_parent_id_foreign";`,
    );

    this.addSql(
      `alter table "administrative_unit" drop constraint "administrative_unit_successor_id_foreign";`,
    );

    this.addSql(`alter table "agency" drop constraint "agency_unit_id_foreign";`);

    this.addSql(`alter table "health_checkup" drop constraint "health_checkup_unit_id_foreign";`);

    this.addSql(`alter table "monitoring_site" drop constraint "monitoring_site_unit_id_foreign";`);

    this.addSql(`alter table "observation" drop constraint "observation_unit_id_foreign";`);

    this.addSql(
      `alter table "legal_instrument" drop constraint "legal_instrument_unit_id_foreign";`,
    );

    this.addSql(`alter table "programme" drop constraint "programme_unit_id_foreign";`);

    this.addSql(
      `alter table "unit_lineage" drop constraint "unit_lineage_predecessor_id_foreign";`,
    );

    this.addSql(`alter table "unit_lineage" drop constraint "unit_lineage_successor_id_foreign";`);

    this.addSql(`alter table "agency" drop constraint "agency_successor_id_foreign";`);

    this.addSql(
      `alter table "responsibility_agency" drop constraint "responsibility_agency_agency_id_foreign";`,
    );

    this.addSql(`alter table "target" drop constraint "target_lead_agency_id_foreign";`);

    this.addSql(`alter table "indicator" drop constraint "indicator_numerator_id_foreign";`);

    this.addSql(`alter table "indicator" drop constraint "indicator_denominator_id_foreign";`);

    this.addSql(`alter table "observation" drop constraint "observation_indicator_id_foreign";`);

    this.addSql(`alter table "target" drop constraint "target_indicator_id_foreign";`);

    this.addSql(
      `alter table "monitoring_result" drop constraint "monitoring_result_site_id_foreign";`,
    );

    this.addSql(`alter table "observation" drop constraint "observation_source_id_foreign";`);

    this.addSql(
      `alter table "observation_alternative" drop constraint "observation_alternative_source_id_foreign";`,
    );

    this.addSql(
      `alter table "legal_instrument" drop constraint "legal_instrument_source_id_foreign";`,
    );

    this.addSql(`alter table "target" drop constraint "target_source_id_foreign";`);

    this.addSql(
      `alter table "observation_alternative" drop constraint "observation_alternative_observation_id_foreign";`,
    );

    this.addSql(`alter table "programme" drop constraint "programme_instrument_id_foreign";`);

    this.addSql(
      `alter table "programme_basis" drop constraint "programme_basis_legal_instrument_id_foreign";`,
    );

    this.addSql(`alter table "unit_lineage" drop constraint "unit_lineage_instrument_id_foreign";`);

    this.addSql(`alter table "programme" drop constraint "programme_implements_id_foreign";`);

    this.addSql(
      `alter table "responsibility" drop constraint "responsibility_programme_id_foreign";`,
    );

    this.addSql(
      `alter table "programme_basis" drop constraint "programme_basis_programme_id_foreign";`,
    );

    this.addSql(`alter table "target" drop constraint "target_programme_id_foreign";`);

    this.addSql(`alter table "task_area" drop constraint "task_area_programme_id_foreign";`);

    this.addSql(
      `alter table "responsibility_agency" drop constraint "responsibility_agency_responsibility_id_foreign";`,
    );

    this.addSql(
      `alter table "responsibility_target" drop constraint "responsibility_target_responsibility_id_foreign";`,
    );

    this.addSql(`alter table "target" drop constraint "target_aligned_target_id_foreign";`);

    this.addSql(
      `alter table "responsibility_target" drop constraint "responsibility_target_target_id_foreign";`,
    );

    this.addSql(`drop table if exists "administrative_unit" cascade;`);

    this.addSql(`drop table if exists "agency" cascade;`);

    this.addSql(`drop table if exists "health_checkup" cascade;`);

    this.addSql(`drop table if exists "indicator" cascade;`);

    this.addSql(`drop table if exists "monitoring_site" cascade;`);

    this.addSql(`drop table if exists "monitoring_result" cascade;`);

    this.addSql(`drop table if exists "seed_state" cascade;`);

    this.addSql(`drop table if exists "source" cascade;`);

    this.addSql(`drop table if exists "observation" cascade;`);

    this.addSql(`drop table if exists "observation_alternative" cascade;`);

    this.addSql(`drop table if exists "legal_instrument" cascade;`);

    this.addSql(`drop table if exists "programme" cascade;`);

    this.addSql(`drop table if exists "responsibility" cascade;`);

    this.addSql(`drop table if exists "responsibility_agency" cascade;`);

    this.addSql(`drop table if exists "programme_basis" cascade;`);

    this.addSql(`drop table if exists "target" cascade;`);

    this.addSql(`drop table if exists "responsibility_target" cascade;`);

    this.addSql(`drop table if exists "task_area" cascade;`);

    this.addSql(`drop table if exists "unit_lineage" cascade;`);
  }
}
