import { helper } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Plain batched writes for imports. A flush compares every entity the unit of work manages, and
 * an import at the row limit manages tens of thousands (the rows it compared with the file): each
 * flush held the event loop 0.3-0.8 s. These helpers write only the given rows, as batched
 * INSERTs and UPDATEs in the caller's transaction, in what a flush would have sent.
 */

/** Rows a statement: preparing a batch is synchronous work, so it stays short. */
const BATCH = 100;

/**
 * Inserts new (never flushed) entities, in runs of one type in the order given, so a monitoring
 * site is written before the results that point to it; each entity gets its id.
 */
export async function insertEntities(
  tx: EntityManager,
  entities: object[],
  pause: () => Promise<void>,
): Promise<void> {
  let run: object[] = [];
  for (const entity of entities) {
    if (run.length === BATCH || (run.length && run[0].constructor !== entity.constructor)) {
      await tx.insertMany(run);
      await pause();
      run = [];
    }
    run.push(entity);
  }
  if (run.length) await tx.insertMany(run);
}

/**
 * Writes the changed columns of loaded entities (compared with how they were loaded, as a flush
 * does; `onUpdate` columns such as `updatedAt` are set too) as batched UPDATEs by type.
 */
export async function updateEntities(
  tx: EntityManager,
  entities: object[],
  pause: () => Promise<void>,
): Promise<void> {
  const comparator = tx.getComparator();
  const byType = new Map<string, { where: object[]; data: object[] }>();
  for (const entity of entities) {
    const wrapped = helper(entity);
    const meta = wrapped.__meta;
    const original = wrapped.__originalEntityData;
    if (!original) throw new Error(`${meta.className} is not a loaded row: it cannot be updated`);
    const diff = comparator.getEntityComparator(meta.className);
    let payload = diff(original, comparator.prepareEntity(entity));
    if (!Object.keys(payload).length) continue;
    const stamps = meta.hydrateProps.filter(p => p.onUpdate);
    if (stamps.length) {
      const target = entity as Record<string, unknown>;
      for (const p of stamps) target[p.name] = p.onUpdate!(entity, tx);
      payload = diff(original, comparator.prepareEntity(entity));
    }
    const group = byType.get(meta.className) ?? { where: [], data: [] };
    group.where.push({ [meta.primaryKeys[0]]: wrapped.getPrimaryKey() });
    group.data.push(payload);
    byType.set(meta.className, group);
  }
  for (const [type, { where, data }] of byType) {
    for (let i = 0; i < where.length; i += BATCH) {
      await tx
        .getDriver()
        .nativeUpdateMany(type, where.slice(i, i + BATCH), data.slice(i, i + BATCH), {
          ctx: tx.getTransactionContext(),
          // The payload is already in database form (as the unit of work keeps it).
          convertCustomTypes: false,
        });
      await pause();
    }
  }
}
