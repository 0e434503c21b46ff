import { Migration } from "@mikro-orm/migrations";

/**
 * Programme comparison (issue 16): other sourced values of a target (the disputed national craft-village
 * target), and the seeded themes of task groups so groups of different programmes line up.
 */
export class Migration20261130174016 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "target" add column "alternative_values" jsonb null;`);

    this.addSql(`alter table "task_area" add column "themes" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "target" drop column "alternative_values";`);

    this.addSql(`alter table "task_area" drop column "themes";`);
  }
}
