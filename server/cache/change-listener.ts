import pg from 'pg';

export const CHANGE_CHANNEL = 'osh_data_changed';

/**
 * Listens on PostgreSQL for committed data changes (triggers on the data tables send NOTIFY
 * osh_data_changed) and calls `onChange`. A dropped connection also counts as a change, since
 * notifications may have been missed; it then reconnects with a delay.
 */
export async function listenForChanges(url: string, onChange: () => void): Promise<{ close(): Promise<void> }> {
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', () => onChange());
    c.on('error', () => {}); // handled by 'end'
    c.on('end', () => {
      if (closed) return;
      onChange();
      timer = setTimeout(() => void connect().catch(() => {}), 1000);
    });
    await c.connect();
    await c.query(`listen ${CHANGE_CHANNEL}`);
    client = c;
  };
  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
