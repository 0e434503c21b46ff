import pg from "pg";

/**
 * A copy of observation `id` in another year (same unit, indicator, data set, sources, grade
 * and review), written through `c` (a transaction's client, or the test's own), with `value`
 * when given. For tests of what triggers on `observation` keep.
 */
export async function copyToYear(c: pg.ClientBase, id: number, year: number, value?: number) {
  await c.query(`create temp table if not exists obs_copy as select * from observation limit 0`);
  await c.query(`truncate obs_copy`);
  await c.query(`insert into obs_copy select * from observation where id = $1`, [id]);
  await c.query(
    `update obs_copy set id = nextval(pg_get_serial_sequence('observation', 'id')), year = $1,
      value = coalesce($2, value)`,
    [year, value ?? null],
  );
  await c.query(`insert into observation select * from obs_copy`);
}

/**
 * Two transactions that each copy observation `id` into a year of their own, the second
 * started before the first commits: the second's triggers wait on the first's locks and must
 * then count what the first committed.
 */
export async function twoOverlappingCopies(url: string, id: number, years: [number, number]) {
  const a = new pg.Client({ connectionString: url });
  const b = new pg.Client({ connectionString: url });
  await Promise.all([a.connect(), b.connect()]);
  try {
    await a.query("begin");
    await b.query("begin");
    await copyToYear(a, id, years[0], 1);
    const second = copyToYear(b, id, years[1], 2);
    await new Promise(done => setTimeout(done, 200));
    await a.query("commit");
    await second;
    await b.query("commit");
  } finally {
    await Promise.all([a.end(), b.end()]);
  }
}
