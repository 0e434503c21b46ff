import { Migration } from "@mikro-orm/migrations";

/**
 * Sign-in, sign-out and refused sign-ins are audited: three new audit_log actions. As in
 * Migration20261130171004, the check is replaced only where this role owns audit_log (a new
 * database); elsewhere protectAuditLog (server/db/roles.ts), run with the owner's rights at every
 * start, brings the list up to date from the AuditAction enum.
 */
const BEFORE = ["CREATE", "UPDATE", "DELETE", "APPROVE", "REJECT"];
const AFTER = [...BEFORE, "SIGN_IN", "SIGN_OUT", "SIGN_IN_REFUSED"];

export class Migration20261130201500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(auditActionsSql(AFTER));
  }

  override async down(): Promise<void> {
    this.addSql(auditActionsSql(BEFORE));
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
