import { randomUUID } from "node:crypto";
import pg from "pg";

export const CHANGE_CHANNEL = "osh_data_changed";

/** A marker this listener sends itself (sync()); not a data change. */
const SYNC_PREFIX = "!sync:";
const SYNC_TIMEOUT_MS = 5_000;

export interface ChangeListener {
  /**
   * Resolves true once every change committed before the call has been passed to `onChange`:
   * it sends a marker NOTIFY and waits for it to come back, and PostgreSQL delivers
   * notifications in commit order. False when that could not be shown (no connection, timeout):
   * the caller must then assume anything changed.
   */
  sync(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Listens on PostgreSQL for committed data changes (triggers on the data tables send NOTIFY
 * osh_data_changed, with the table's name and, for observations, the units and data sets
 * touched: see tags.ts) and calls `onChange(payload)`. A dropped connection counts as a change
 * to everything (`onChange(null)`), since notifications may have been missed; it then
 * reconnects with a delay.
 */
export async function listenForChanges(
  url: string,
  onChange: (payload: string | null) => void,
): Promise<ChangeListener> {
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const instance = randomUUID();
  let nextSync = 0;
  const waiting = new Map<string, () => void>();

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on("notification", message => {
      const payload = message.payload ?? null;
      if (payload?.startsWith(SYNC_PREFIX)) {
        waiting.get(payload)?.();
        return; // another instance's marker, or ours: no data changed
      }
      onChange(payload);
    });
    c.on("error", () => {}); // handled by 'end'
    c.on("end", () => {
      if (client === c) client = null;
      if (closed) return;
      onChange(null);
      timer = setTimeout(() => void connect().catch(() => {}), 1000);
    });
    await c.connect();
    await c.query(`listen ${CHANGE_CHANNEL}`);
    client = c;
  };
  await connect();
  return {
    async sync() {
      const c = client;
      if (!c) return false;
      const marker = `${SYNC_PREFIX}${instance}:${nextSync++}`;
      let timeout: NodeJS.Timeout | undefined;
      const arrived = new Promise<boolean>(resolve => {
        waiting.set(marker, () => resolve(true));
        timeout = setTimeout(() => resolve(false), SYNC_TIMEOUT_MS);
      });
      try {
        await c.query("select pg_notify($1, $2)", [CHANGE_CHANNEL, marker]);
        return await arrived;
      } catch {
        return false;
      } finally {
        clearTimeout(timeout);
        waiting.delete(marker);
      }
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
