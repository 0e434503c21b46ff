import { Migration } from "@mikro-orm/migrations";

/**
 * Issue 15, "complete the record": the numbered sections of a programme document, the instruments a
 * programme or target cites, sourced context notes for indicators and targets, rejected alternatives,
 * and the instrument kinds (công văn, thông tư) and measure (km²) the new seed rows need.
 */
export class Migration20261130171000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "programme_section" ("id" serial primary key, "programme_id" int not null, "number" varchar(16) not null, "position" smallint not null, "kind" text check ("kind" in ('PURPOSE', 'TARGETS', 'TIMEFRAME', 'TASKS', 'FUNDING', 'ORGANISATION')) not null, "title_vi" text not null, "title_en" text not null, "summary_vi" text null, "summary_en" text null, "items" jsonb not null);`,
    );
    this.addSql(
      `alter table "programme_section" add constraint "programme_section_programme_id_number_unique" unique ("programme_id", "number");`,
    );

    this.addSql(
      `create table "programme_citation" ("programme_id" int not null, "legal_instrument_id" int not null, constraint "programme_citation_pkey" primary key ("programme_id", "legal_instrument_id"));`,
    );

    this.addSql(
      `create table "context_note" ("id" serial primary key, "code" varchar(96) not null, "indicator_id" int null, "target_id" int null, "unit_id" int null, "year" smallint null, "period_text" varchar(32) null, "period" text check ("period" in ('YEAR', 'H1')) null, "text_vi" text not null, "text_en" text not null, "source_id" int not null, "quote" text not null, "grade" text check ("grade" in ('A', 'B', 'C')) not null, "note" text null, constraint context_note_has_subject check (((indicator_id IS NOT NULL) OR (target_id IS NOT NULL))));`,
    );
    this.addSql(
      `alter table "context_note" add constraint "context_note_code_unique" unique ("code");`,
    );

    this.addSql(
      `create table "target_citation" ("target_id" int not null, "legal_instrument_id" int not null, constraint "target_citation_pkey" primary key ("target_id", "legal_instrument_id"));`,
    );

    this.addSql(
      `alter table "programme_section" add constraint "programme_section_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "programme_citation" add constraint "programme_citation_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "programme_citation" add constraint "programme_citation_legal_instrument_id_foreign" foreign key ("legal_instrument_id") references "legal_instrument" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "context_note" add constraint "context_note_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "context_note" add constraint "context_note_target_id_foreign" foreign key ("target_id") references "target" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "context_note" add constraint "context_note_unit_id_foreign" foreign key ("unit_id") references "administrative_unit" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "context_note" add constraint "context_note_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "target_citation" add constraint "target_citation_target_id_foreign" foreign key ("target_id") references "target" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "target_citation" add constraint "target_citation_legal_instrument_id_foreign" foreign key ("legal_instrument_id") references "legal_instrument" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "indicator" drop constraint if exists "indicator_measure_check";`);

    this.addSql(
      `alter table "legal_instrument" drop constraint if exists "legal_instrument_kind_check";`,
    );

    this.addSql(
      `alter table "indicator" add constraint "indicator_measure_check" check("measure" in ('COUNT', 'PERSONS', 'PERCENT', 'RATE_PER_100K', 'BILLION_VND', 'THOUSAND_PERSONS', 'BINARY', 'SQUARE_KM'));`,
    );

    this.addSql(
      `alter table "legal_instrument" add constraint "legal_instrument_kind_check" check("kind" in ('RESOLUTION', 'DIRECTIVE', 'PROGRAMME', 'PLAN', 'DECREE', 'DECISION', 'NOTICE', 'OFFICIAL_LETTER', 'CIRCULAR'));`,
    );

    this.addSql(
      `alter table "observation_alternative" add column "rejected" boolean not null default false;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "programme_section" cascade;`);

    this.addSql(`drop table if exists "programme_citation" cascade;`);

    this.addSql(`drop table if exists "context_note" cascade;`);

    this.addSql(`drop table if exists "target_citation" cascade;`);

    this.addSql(`alter table "indicator" drop constraint if exists "indicator_measure_check";`);

    this.addSql(
      `alter table "legal_instrument" drop constraint if exists "legal_instrument_kind_check";`,
    );

    this.addSql(
      `alter table "indicator" add constraint "indicator_measure_check" check("measure" in ('COUNT', 'PERSONS', 'PERCENT', 'RATE_PER_100K', 'BILLION_VND', 'THOUSAND_PERSONS', 'BINARY'));`,
    );

    this.addSql(
      `alter table "legal_instrument" add constraint "legal_instrument_kind_check" check("kind" in ('RESOLUTION', 'DIRECTIVE', 'PROGRAMME', 'PLAN', 'DECREE', 'DECISION', 'NOTICE'));`,
    );

    this.addSql(`alter table "observation_alternative" drop column "rejected";`);
  }
}
