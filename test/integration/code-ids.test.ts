import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

/**
 * A page of one indicator's or one unit's observations is read by the id last seen for its code
 * (server/observations/code-ids.ts), and the same statement says which id the code has now. When
 * a code has moved to another row, the page is read again with the right id: never the old row's
 * observations.
 */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
const sql = async (text: string, params: unknown[] = []) =>
  (await db.em().getConnection().execute(text, params)) as Record<string, any>[];

beforeAll(async () => {
  db = await openTestDb("codeids");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const page = (filter: string) =>
  gql.run(`{ observations(first: 6, orderBy: YEAR_ASC, filter: { datasets: [OFFICIAL, ILLUSTRATIVE], ${filter} }) {
    totalCount nodes { id indicator { code } unit { code } } } }`);

/** The same page straight from the tables. */
async function expected(column: "i.code" | "u.code", code: string) {
  const rows = await sql(
    `select o.id, i.code as indicator, u.code as unit, count(*) over () as total
     from observation o join indicator i on i.id = o.indicator_id
     join administrative_unit u on u.id = o.unit_id
     where ${column} = ? and o.review_state = 'APPROVED' and o.dataset in ('OFFICIAL', 'ILLUSTRATIVE')
     order by o.year, o.id`,
    [code],
  );
  return {
    totalCount: rows.length,
    nodes: rows
      .slice(0, 6)
      .map(r => ({ id: r.id, indicator: { code: r.indicator }, unit: { code: r.unit } })),
  };
}

/** Swaps two rows' codes (a third, free code in between: codes are unique). */
async function swapCodes(table: string, a: string, b: string) {
  await sql(`update ${table} set code = 'code-ids-swap' where code = ?`, [a]);
  await sql(`update ${table} set code = ? where code = ?`, [a, b]);
  await sql(`update ${table} set code = ? where code = 'code-ids-swap'`, [b]);
}

describe("pages of one code", () => {
  for (const [kind, table, column, a, b] of [
    ["indicators", "indicator", "i.code", "oa-deaths", "oa-injured"],
    ["units", "administrative_unit", "u.code", "hai-duong-63", "hai-phong-34"],
  ] as const) {
    it(`${kind}: a code moved to another row is read by its new id`, async () => {
      const ask = async (code: string) => {
        const result = await page(`${kind}: ["${code}"]`);
        expect(result.errors).toBeUndefined();
        return result;
      };
      // The first page of a code learns its id; the next is one statement.
      expect((await ask(a)).statements).toBe(2);
      const before = await ask(a);
      expect(before.statements).toBe(1);
      expect(before.data!.observations).toEqual(await expected(column, a));
      expect(before.data!.observations.nodes.length).toBeGreaterThan(0);
      await ask(b);
      await swapCodes(table, a, b);
      try {
        // Each code now names the other row: the kept ids are wrong, the answers are not.
        for (const code of [a, b]) {
          const moved = await ask(code);
          expect(moved.statements).toBe(2);
          expect(moved.data!.observations).toEqual(await expected(column, code));
          expect((await ask(code)).statements).toBe(1);
        }
        expect((await ask(a)).data!.observations).not.toEqual(before.data!.observations);
      } finally {
        await swapCodes(table, a, b);
      }
      expect((await ask(a)).data!.observations).toEqual(before.data!.observations);
    });
  }

  it("an unknown code: no rows, in one statement, and nothing kept", async () => {
    for (let i = 0; i < 2; i++) {
      const result = await page(`indicators: ["no-such-indicator"]`);
      expect(result.errors).toBeUndefined();
      expect(result.data!.observations).toEqual({ totalCount: 0, nodes: [] });
      expect(result.statements).toBe(1);
    }
  });
});
