import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Who wrote the current draft of each observation: every user with a CREATE or UPDATE audit
 * record of it since its last APPROVE (or ever, if it was never approved). The audit log is the
 * durable record of this: `observation.created_by` only names the last editor, so a second
 * steward touching the note would otherwise hide the author of the value itself. The log is
 * append-only and only read here.
 */
export async function draftContributors(
  em: EntityManager,
  ids: number[],
): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>(ids.map(id => [id, new Set<number>()]));
  if (!ids.length) return out;
  // One query for any number of ids (an import may leave thousands of drafts); the ids are
  // integers, passed as one text parameter.
  // em.execute runs inside the write's transaction.
  const rows: { entity_id: string; user_id: number }[] = await em.execute(
    `select a.entity_id, a.user_id from audit_log a
      where a.entity = 'observation' and a.entity_id = any(string_to_array(?, ',')) and a.action in ('CREATE', 'UPDATE')
        and a.user_id is not null
        and a.id > coalesce((select max(p.id) from audit_log p
                              where p.entity = 'observation' and p.entity_id = a.entity_id and p.action = 'APPROVE'), 0)
      group by a.entity_id, a.user_id`,
    [ids.join(",")],
  );
  for (const r of rows) out.get(Number(r.entity_id))?.add(Number(r.user_id));
  return out;
}
