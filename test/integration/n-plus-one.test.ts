import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../helpers/server.js';
import { openTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb('nplusone');
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

/** Relations are batched: the SQL count of a request does not grow with the length of a list. */
describe('SQL statements per request', () => {
  const unitsWithObservations = `query($n: Int!) { units(first: $n, orderBy: CODE_ASC) { nodes { code successor { code }
    observations(filter: { datasets: [OFFICIAL, ILLUSTRATIVE] }) { value indicator { code } source { grade } } } } }`;

  it('is the same for 2 units and for all units with their observations', async () => {
    const two = await gql.run(unitsWithObservations, { n: 2 });
    const all = await gql.run(unitsWithObservations, { n: 1000 });
    expect(two.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect((all.data as any).units.nodes.length).toBeGreaterThan(80);
    const observations = (all.data as any).units.nodes.flatMap((u: any) => u.observations);
    expect(observations.length).toBeGreaterThan(100);
    expect(all.statements).toBe(two.statements);
  });

  it('is the same for 1 programme and all programmes with targets, tasks and responsibilities', async () => {
    const q = `query($n: Int!) { programmes(first: $n) { nodes { code unit { code } implements { code } basisInstruments { code }
      targets { label indicator { code } leadAgency { code successor { code } } alignedTarget { label } }
      taskAreas { number } responsibilities { number agencies { code } leadsTargets { label } } } } }`;
    const one = await gql.run(q, { n: 1 });
    const all = await gql.run(q, { n: 100 });
    expect(one.errors).toBeUndefined();
    expect((all.data as any).programmes.nodes.length).toBeGreaterThan(4);
    expect(all.statements).toBe(one.statements);
  });
});
