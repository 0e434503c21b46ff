import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("nplusone");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

/** Relations are batched: the SQL count of a request does not grow with the length of a list. */
describe("SQL statements per request", () => {
  // The small list holds one unit of each kind (nation, merged-away, merged-into, new), so both
  // lists need the same relations; only their length differs.
  const unitsWithObservations = `query($codes: [Code!]) { units(first: 1000, filter: { codes: $codes }) { nodes { code successor { code } predecessors { code }
    observations(filter: { datasets: [OFFICIAL, ILLUSTRATIVE] }) { value indicator { code } source { grade } } } } }`;

  it("is the same for 3 units and for all 87 units with their observations", async () => {
    const two = await gql.run(unitsWithObservations, {
      codes: ["vn", "hai-duong-63", "hai-phong-34"],
    });
    const all = await gql.run(unitsWithObservations, { codes: null });
    expect(two.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect((all.data as any).units.nodes.length).toBeGreaterThan(80);
    const observations = (all.data as any).units.nodes.flatMap((u: any) => u.observations);
    expect(observations.length).toBeGreaterThan(100);
    expect(all.statements).toBe(two.statements);
  });

  it("is the same for 2 programmes and all programmes with targets, tasks and responsibilities", async () => {
    const q = `query($codes: [Code!]) { programmes(codes: $codes) { nodes { code unit { code } implements { code } basisInstruments { code }
      targets { label indicator { code } leadAgency { code successor { code } } alignedTarget { label } }
      taskAreas { number } responsibilities { number agencies { code } leadsTargets { label } } } } }`;
    // Two programmes that between them use every relation asked for, against all seven.
    const one = await gql.run(q, { codes: ["hp-nq23-2023-2025", "hd-kh-ct31-2024"] });
    const all = await gql.run(q, { codes: null });
    expect(one.errors).toBeUndefined();
    expect((all.data as any).programmes.nodes.length).toBeGreaterThan(4);
    // Never more for the longer list. It can be fewer: with every programme loaded, the targets
    // and programmes that `alignedTarget` and `implements` point to are already in the request's
    // identity map and need no query at all.
    expect(all.statements).toBeLessThanOrEqual(one.statements);
    expect(one.statements).toBeLessThanOrEqual(16);
  });
});
