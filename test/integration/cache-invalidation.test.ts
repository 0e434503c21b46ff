import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../server/app.js";
import { Role } from "../../server/auth/user.entity.js";
import { CHANGE_CHANNEL } from "../../server/cache/change-listener.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";
import { makeUser, type TestUser } from "../helpers/users.js";

/**
 * Writes empty only the cached answers they could change (server/cache/tags.ts): by table,
 * and for observations by unit and data set. Writes go through a separate connection (as
 * another instance or an import would) or through the API (the writer's own instance).
 */
let app: RunningApp;
let url: string;
let sql: pg.Client;
let steward: TestUser;
let reviewer: TestUser;
beforeAll(async () => {
  url = await createTestDatabase("cache_tags");
  app = await startApp({ databaseUrl: url, port: 0, production: true, exposeSqlCount: true });
  sql = new pg.Client({ connectionString: url });
  await sql.connect();
  steward = await makeUser(app.orm, "Steward HD", Role.STEWARD, ["hai-duong-63"]);
  reviewer = await makeUser(app.orm, "Reviewer HD", Role.STEWARD, ["hai-duong-63"]);
});
afterAll(async () => {
  await sql.end();
  await app.close();
  await dropTestDatabase(url);
});

interface Answer {
  cache: string | null;
  body: { data?: Record<string, unknown>; errors?: unknown[] };
}

async function post(query: string, variables?: unknown, token?: string): Promise<Answer> {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: res.headers.get("x-cache"), body: (await res.json()) as Answer["body"] };
}

const scorecard = (unit: string) =>
  post(`{ scorecard(programmes: ["nq19-2021-2025"], units: ["${unit}"], datasets: [OFFICIAL, ILLUSTRATIVE]) {
    rows { cells { series { year value } } } } }`);
const unitObservations = (unit: string) =>
  post(
    `{ unit(code: "${unit}") { observations(filter: { datasets: [ILLUSTRATIVE] }) { year value indicator { code } } } }`,
  );
const sources = () => post(`{ sources(first: 50) { nodes { code title } } }`);
const monitoring = () =>
  post(`{ monitoringSummary(groupBy: [YEAR], datasets: [ILLUSTRATIVE]) { year samples } }`);

/** Asks until the answer differs from `before` (a NOTIFY from another connection arrives asynchronously). */
async function untilChanged(ask: () => Promise<Answer>, before: Answer): Promise<Answer> {
  let now = await ask();
  for (let i = 0; i < 100 && JSON.stringify(now.body) === JSON.stringify(before.body); i++) {
    await new Promise(r => setTimeout(r, 20));
    now = await ask();
  }
  return now;
}

/** Both asked twice: the second answer must come from the cache. */
async function cached(...asks: (() => Promise<Answer>)[]): Promise<Answer[]> {
  const out: Answer[] = [];
  for (const ask of asks) {
    await ask();
    const again = await ask();
    expect(again.body.errors).toBeUndefined();
    expect(again.cache).toBe("hit");
    out.push(again);
  }
  return out;
}

describe("tagged response cache", () => {
  it("a write to unit A's observations empties A's answers and leaves unit B's cached", async () => {
    const [cardA, cardB, obsA, obsB] = await cached(
      () => scorecard("ha-noi"),
      () => scorecard("hai-phong-34"),
      () => unitObservations("ha-noi"),
      () => unitObservations("hai-phong-34"),
    );
    expect(JSON.stringify(cardA.body)).toMatch(/"value":\d/); // there is data to change
    await sql.query(
      `update observation set value = value + 1000
        where unit_id = (select id from administrative_unit where code = 'ha-noi') and dataset = 'ILLUSTRATIVE'`,
    );
    const newCardA = await untilChanged(() => scorecard("ha-noi"), cardA);
    expect(newCardA.cache).toBe("miss");
    expect(newCardA.body).not.toEqual(cardA.body);
    const newObsA = await unitObservations("ha-noi");
    expect(newObsA.cache).toBe("miss");
    expect(newObsA.body).not.toEqual(obsA.body);
    // Unit B: still served from the cache, and still right.
    expect(await scorecard("hai-phong-34")).toEqual({ cache: "hit", body: cardB.body });
    expect(await unitObservations("hai-phong-34")).toEqual({ cache: "hit", body: obsB.body });
  });

  it("a write to sources empties answers that read sources; monitoring writes leave observation answers", async () => {
    const [src, obs, mon] = await cached(sources, () => unitObservations("ha-noi"), monitoring);
    await sql.query(
      `update monitoring_result set samples = samples + 1 where id = (select min(id) from monitoring_result where dataset = 'ILLUSTRATIVE')`,
    );
    const newMon = await untilChanged(monitoring, mon);
    expect(newMon.body).not.toEqual(mon.body);
    expect(await unitObservations("ha-noi")).toEqual({ cache: "hit", body: obs.body });
    expect(await sources()).toEqual({ cache: "hit", body: src.body });

    await sql.query(`update source set title = title || ' (rev.)' where code = 'moj-nq19'`);
    const newSrc = await untilChanged(sources, src);
    expect(newSrc.cache).toBe("miss");
    expect(JSON.stringify(newSrc.body)).toContain("(rev.)");
    expect(await unitObservations("ha-noi")).toEqual({ cache: "hit", body: obs.body });
  });

  it("a read sent after a mutation's acknowledgement never returns the old value", async () => {
    const CREATE = `mutation($input: CreateObservationInput!) { createObservation(input: $input) { id } }`;
    const APPROVE = `mutation($id: Int!) { approveObservation(id: $id) { reviewState } }`;
    const read = (year: number) =>
      post(
        `{ observations(filter: { indicators: ["oa-accidents"], units: ["hai-duong-63"], yearFrom: ${year}, yearTo: ${year} }) { nodes { value } } }`,
      );
    for (const year of [2011, 2012, 2013, 2014, 2015]) {
      const created = await post(
        CREATE,
        {
          input: {
            indicator: "oa-accidents",
            unit: "hai-duong-63",
            year,
            value: year - 2000,
            source: "moj-nq19",
          },
        },
        steward.token,
      );
      expect(created.body.errors).toBeUndefined();
      const id = (created.body.data!.createObservation as { id: number }).id;
      // The draft is not public: the anonymous answer is empty, and cached.
      const [before] = await cached(() => read(year));
      expect(before.body.data).toEqual({ observations: { nodes: [] } });
      const approved = await post(APPROVE, { id }, reviewer.token);
      expect(approved.body.data).toEqual({ approveObservation: { reviewState: "APPROVED" } });
      // No waiting: the acknowledgement left only after this instance emptied the entry.
      const after = await read(year);
      expect(after.cache).toBe("miss");
      expect(after.body.data).toEqual({ observations: { nodes: [{ value: year - 2000 }] } });
    }
  });

  it("a 50,000-row import sends a handful of notifications, not one per row", async () => {
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    const payloads: string[] = [];
    listener.on("notification", m => payloads.push(m.payload ?? ""));
    await listener.query(`listen ${CHANGE_CHANNEL}`);
    try {
      // 50,000 rows in batches of 300 statements' worth, in one transaction (as an import does).
      await sql.query("begin");
      for (let from = 0; from < 50_000; from += 300) {
        await sql.query(
          `insert into observation (indicator_id, unit_id, year, dataset, value, status)
           select (select id from indicator where code = 'oa-accidents'), u.id, 1990 + (n / 100) % 100, 'ILLUSTRATIVE', n, 'ILLUSTRATIVE'
             from generate_series($1::int, $2::int) n
             join lateral (select id from administrative_unit order by id offset n % 100 limit 1) u on true
           on conflict do nothing`,
          [from, Math.min(from + 299, 49_999)],
        );
      }
      await sql.query("commit");
      await listener.query("select 1"); // lets the notifications arrive
      await new Promise(r => setTimeout(r, 200));
      expect(payloads.length).toBeGreaterThan(0);
      expect(payloads.length).toBeLessThanOrEqual(167);
      expect(new Set(payloads).size).toBe(payloads.length);
      for (const p of payloads) expect(p.length).toBeLessThan(1000);
    } finally {
      await sql.query("rollback").catch(() => {});
      await listener.end();
    }
  });

  it("an update names the units before and after, a delete the units it removed", async () => {
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    const payloads: string[] = [];
    listener.on("notification", m => payloads.push(m.payload ?? ""));
    await listener.query(`listen ${CHANGE_CHANNEL}`);
    try {
      const { rows } = await sql.query<{ a: number; b: number }>(
        `select (select id from administrative_unit where code = 'ha-noi') a,
                (select id from administrative_unit where code = 'hai-phong-34') b`,
      );
      const [{ a, b }] = rows;
      const indicator = `(select id from indicator where code = 'oa-deaths')`;
      await sql.query(
        `insert into observation (indicator_id, unit_id, year, dataset, value, status)
         values (${indicator}, ${a}, 1991, 'ILLUSTRATIVE', 1, 'ILLUSTRATIVE')`,
      );
      await sql.query(
        `update observation set unit_id = ${b} where unit_id = ${a} and year = 1991 and indicator_id = ${indicator}`,
      );
      await sql.query(
        `delete from observation where unit_id = ${b} and year = 1991 and indicator_id = ${indicator}`,
      );
      await sql.query(`delete from observation where false`); // no row: no notification
      await listener.query("select 1");
      for (let i = 0; i < 50 && payloads.length < 3; i++) await new Promise(r => setTimeout(r, 20));
      const units = [a, b].sort((x, y) => x - y).join(",");
      expect(payloads.filter(p => p.startsWith("observation "))).toEqual([
        `observation unit:${a} dataset:ILLUSTRATIVE`,
        `observation unit:${units} dataset:ILLUSTRATIVE`,
        `observation unit:${b} dataset:ILLUSTRATIVE`,
      ]);
    } finally {
      await listener.end();
    }
  });
});
