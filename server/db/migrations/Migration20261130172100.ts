import { Migration } from "@mikro-orm/migrations";

/**
 * Issue 11 (indicator page, language): an indicator's theme (`category`, for the grouped picker)
 * and its method note in Vietnamese; a target's assumption and conflict notes in Vietnamese.
 */
export class Migration20261130172100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "indicator" add column "category" text check ("category" in ('ACCIDENTS', 'DISEASE_CHECKUPS', 'MONITORING', 'TRAINING', 'CONTEXT')) not null default 'CONTEXT', add column "note_vi" text null;`,
    );

    this.addSql(
      `alter table "target" add column "conflict_vi" text null, add column "assumption_vi" text null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "indicator" drop column "category", drop column "note_vi";`);

    this.addSql(`alter table "target" drop column "conflict_vi", drop column "assumption_vi";`);
  }
}
