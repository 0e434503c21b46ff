import type { EntityManager } from "@mikro-orm/postgresql";
import { requireWriter } from "./guard.js";
import type { AppUser, Context } from "../context.js";

/**
 * Runs one write: the caller must be a steward or an admin, and everything (the change and its
 * audit records) commits together or not at all. Any error rolls the whole write back.
 */
export async function write<T>(
  ctx: Context,
  work: (tx: EntityManager, user: AppUser) => Promise<T>,
): Promise<T> {
  const user = requireWriter(ctx);
  return ctx.em.transactional(tx => work(tx as EntityManager, user));
}
