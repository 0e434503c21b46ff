import { Migration } from "@mikro-orm/migrations";

/**
 * Issue 10, provincial reporting in the browser: browser sessions (only the sha256 of the cookie
 * secret is stored), rejected drafts with their reason, and the REJECT action in the audit log.
 */
export class Migration20261130171004 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "user_session" ("id" serial primary key, "user_id" int not null, "hash" varchar(64) not null, "created_at" timestamptz not null default now(), "last_seen_at" timestamptz not null default now(), "expires_at" timestamptz not null, "revoked_at" timestamptz null, "user_agent" varchar(256) null);`,
    );
    this.addSql(`create index "user_session_user_id_index" on "user_session" ("user_id");`);
    this.addSql(
      `alter table "user_session" add constraint "user_session_hash_unique" unique ("hash");`,
    );

    this.addSql(
      `alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    // audit_log belongs to osh_audit once a database has started (server/db/roles.ts), and the
    // app's role, which runs the migrations, may not alter it: the REJECT action is added here
    // only where this role owns the table (a new database); elsewhere protectAuditLog, run with
    // the owner's rights at every start, brings the action list up to date.
    this.addSql(auditActionsSql(["CREATE", "UPDATE", "DELETE", "APPROVE", "REJECT"]));

    this.addSql(
      `alter table "observation" drop constraint if exists "observation_review_state_check";`,
    );

    this.addSql(`alter table "observation" add column "rejection_reason" text null;`);
    this.addSql(
      `alter table "observation" add constraint "observation_review_state_check" check("review_state" in ('DRAFT', 'APPROVED', 'REJECTED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "user_session" cascade;`);

    this.addSql(auditActionsSql(["CREATE", "UPDATE", "DELETE", "APPROVE"]));

    this.addSql(
      `alter table "observation" drop constraint if exists "observation_review_state_check";`,
    );

    this.addSql(`alter table "observation" drop column "rejection_reason";`);

    this.addSql(
      `alter table "observation" add constraint "observation_review_state_check" check("review_state" in ('DRAFT', 'APPROVED'));`,
    );
  }
}

/** The audit_log action check, replaced only when the current role may alter the table. */
function auditActionsSql(actions: string[]): string {
  const list = actions.map(a => `'${a}'`).join(", ");
  return `do $$ begin
    if pg_has_role(current_user, (select relowner from pg_class where oid = 'public.audit_log'::regclass), 'MEMBER') then
      alter table "audit_log" drop constraint if exists "audit_log_action_check";
      alter table "audit_log" add constraint "audit_log_action_check" check ("action" in (${list}));
    end if;
  end $$;`;
}
