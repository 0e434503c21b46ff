import { Migration } from "@mikro-orm/migrations";

export class Migration20261123105420 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "observation" drop constraint observation_value_not_negative;`);
    this.addSql(`alter table "observation" drop constraint observation_year_range;`);

    this.addSql(
      `create index "observation_dataset_review" on "observation" ("dataset", "review_state");`,
    );
    this.addSql(
      `create index "observation_series" on "observation" ("indicator_id", "unit_id", "year") include ("dataset", "value") where period = 'YEAR' and disaggregation = 'TOTAL' and review_state = 'APPROVED';`,
    );
    this.addSql(
      `alter table "observation" add constraint observation_value_not_negative check(value >= 0);`,
    );
    this.addSql(
      `alter table "observation" add constraint observation_year_range check(year between 1990 and 2100);`,
    );

    this.addSql(
      `alter table "observation_alternative" drop constraint alternative_value_not_negative;`,
    );

    this.addSql(
      `alter table "observation_alternative" add constraint alternative_value_not_negative check(value >= 0);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "observation_dataset_review";`);
    this.addSql(`drop index "observation_series";`);
    this.addSql(`alter table "observation" drop constraint observation_year_range;`);
    this.addSql(`alter table "observation" drop constraint observation_value_not_negative;`);

    this.addSql(
      `alter table "observation" add constraint observation_year_range check((year >= 1990) AND (year <= 2100));`,
    );
    this.addSql(
      `alter table "observation" add constraint observation_value_not_negative check(value >= 0 precision);`,
    );

    this.addSql(
      `alter table "observation_alternative" drop constraint alternative_value_not_negative;`,
    );

    this.addSql(
      `alter table "observation_alternative" add constraint alternative_value_not_negative check(value >= 0 precision);`,
    );
  }
}
