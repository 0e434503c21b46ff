import { Migration } from "@mikro-orm/migrations";

/** Who created each user (issue 12): an admin may not approve drafts of an admin they created. */
export class Migration20261130170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "created_by_id" int null;`);
    this.addSql(
      `alter table "app_user" add constraint "app_user_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_created_by_id_foreign";`);
    this.addSql(`alter table "app_user" drop column "created_by_id";`);
  }
}
