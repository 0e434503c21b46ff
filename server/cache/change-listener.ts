import pg from "pg";

export const CHANGE_CHANNEL = "osh_data_changed";

/**
 * Listens on PostgreSQL for committed data changes (triggers on the data tables send NOTIFY
 * osh_data_changed, with the table's name) and calls `onChange(table)`. A dropped connection
 * counts as a change to every table (`onChange(null)`), since notifications may have been missed;
 * it then reconnects with a delay.
 */
export async function listenForChanges(
  url: string,
  onChange: (table: string | null) => void,
): Promise<{ close(): Promise<void> }> {
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on("notification", message => onChange(message.payload ?? null));
    c.on("error", () => {}); // handled by 'end'
    c.on("end", () => {
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
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
