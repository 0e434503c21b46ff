import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { withDatabase } from "../helpers/global-setup.js";
import { createExecutor } from "../helpers/server.js";
import { makeUser, type TestUser } from "../helpers/users.js";

/**
 * Every mutation, given many malformed inputs (each field of a valid input replaced in turn by
 * nonsense), answers with a coded user error, never INTERNAL_SERVER_ERROR, and a refused write
 * leaves the database exactly as it was.
 */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
let admin: TestUser;
let steward: TestUser;
const ids = { observation: 0, result: 0, checkup: 0, user: 0, token: 0 };
beforeAll(async () => {
  db = await openTestDb("malformed");
  gql = await createExecutor(db.orm);
  admin = await makeUser(db.orm, "Admin", Role.ADMIN);
  steward = await makeUser(db.orm, "Steward", Role.STEWARD, ["hai-duong-63"]);
  const made = async (q: string, v: Record<string, unknown>) => {
    const r = await gql.run(q, v, admin.user);
    expect(r.errors).toBeUndefined();
    return Object.values(r.data!)[0] as { id: number };
  };
  ids.observation = (
    await made(`mutation($i: CreateObservationInput!) { createObservation(input: $i) { id } }`, {
      i: { indicator: "oa-deaths", unit: "hai-duong-63", year: 2015, value: 4, source: "moj-nq19" },
    })
  ).id;
  await made(
    `mutation { createMonitoringSite(input: { code: "fz-site", name: "Fuzz", unit: "hai-duong-63", sector: "textiles" }) { code } }`,
    {},
  );
  ids.result = (
    await made(
      `mutation { createMonitoringResult(input: { site: "fz-site", year: 2020, factor: "noise", samples: 4, samplesOverLimit: 1 }) { id } }`,
      {},
    )
  ).id;
  ids.checkup = (
    await made(
      `mutation { createHealthCheckup(input: { establishment: "fz-est", unit: "hai-duong-63", sector: "textiles", year: 2020, kind: PERIODIC, workersExamined: 10 }) { id } }`,
      {},
    )
  ).id;
  ids.user = steward.user.id;
  ids.token = Number(
    (
      await db.orm.em
        .getConnection()
        .execute(`select id from api_token where user_id = ?`, [steward.user.id])
    )[0].id,
  );
}, 120_000);
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const BAD: unknown[] = [
  null,
  "",
  " ",
  -1,
  0,
  1.5,
  2147483648,
  1e308,
  "x".repeat(20_000),
  "'; drop table observation; --",
  "../../etc/passwd",
  "💥\u0000",
  "hai-phong-34",
  "ILLUSTRATIVE",
  true,
  [],
  {},
  ["a"],
  { $gt: 0 },
  "2026-02-30",
];

type Vars = Record<string, unknown>;
const mutations = (): [string, string, Vars][] => [
  [
    "createObservation",
    `mutation($input: CreateObservationInput!) { createObservation(input: $input) { id } }`,
    {
      input: {
        indicator: "oa-accidents",
        unit: "hai-duong-63",
        year: 2014,
        value: 3,
        source: "moj-nq19",
        quote: "q",
        note: "n",
        measure: "COUNT",
      },
    },
  ],
  [
    "updateObservation",
    `mutation($id: Int!, $patch: ObservationPatch!) { updateObservation(id: $id, patch: $patch) { id } }`,
    {
      id: ids.observation,
      patch: { value: 5, source: "moj-nq19", status: "OFFICIAL", grade: "A" },
    },
  ],
  [
    "deleteObservation",
    `mutation($id: Int!) { deleteObservation(id: $id) }`,
    { id: ids.observation },
  ],
  [
    "approveObservation",
    `mutation($id: Int!) { approveObservation(id: $id) { id } }`,
    { id: ids.observation },
  ],
  [
    "approveObservations",
    `mutation($ids: [Int!]!) { approveObservations(ids: $ids) { id } }`,
    { ids: [ids.observation] },
  ],
  [
    "createSource",
    `mutation($input: CreateSourceInput!) { createSource(input: $input) { code } }`,
    {
      input: {
        code: "fz-src",
        title: "T",
        grade: "B",
        url: "https://example.org",
        publishedOn: "2024-01-31",
        language: "vi",
      },
    },
  ],
  [
    "updateSource",
    `mutation($code: Code!, $patch: SourcePatch!) { updateSource(code: $code, patch: $patch) { code } }`,
    { code: "moj-nq19", patch: { title: "T", url: "https://example.org" } },
  ],
  ["deleteSource", `mutation($code: Code!) { deleteSource(code: $code) }`, { code: "moj-nq19" }],
  [
    "createMonitoringSite",
    `mutation($input: CreateMonitoringSiteInput!) { createMonitoringSite(input: $input) { code } }`,
    {
      input: {
        code: "fz-site-2",
        name: "N",
        unit: "hai-duong-63",
        sector: "textiles",
        factors: ["noise"],
      },
    },
  ],
  [
    "updateMonitoringSite",
    `mutation($code: Code!, $patch: MonitoringSitePatch!) { updateMonitoringSite(code: $code, patch: $patch) { code } }`,
    { code: "fz-site", patch: { unit: "hai-duong-63", sector: "footwear", factors: ["dust"] } },
  ],
  [
    "deleteMonitoringSite",
    `mutation($code: Code!) { deleteMonitoringSite(code: $code) }`,
    { code: "fz-site" },
  ],
  [
    "createMonitoringResult",
    `mutation($input: CreateMonitoringResultInput!) { createMonitoringResult(input: $input) { id } }`,
    { input: { site: "fz-site", year: 2021, factor: "dust", samples: 3, samplesOverLimit: 1 } },
  ],
  [
    "updateMonitoringResult",
    `mutation($id: Int!, $patch: MonitoringResultPatch!) { updateMonitoringResult(id: $id, patch: $patch) { id } }`,
    { id: ids.result, patch: { samples: 9, samplesOverLimit: 2 } },
  ],
  [
    "deleteMonitoringResult",
    `mutation($id: Int!) { deleteMonitoringResult(id: $id) }`,
    { id: ids.result },
  ],
  [
    "createHealthCheckup",
    `mutation($input: CreateHealthCheckupInput!) { createHealthCheckup(input: $input) { id } }`,
    {
      input: {
        establishment: "fz-est-2",
        unit: "hai-duong-63",
        sector: "textiles",
        year: 2021,
        kind: "PERIODIC",
        workersExamined: 9,
        cases: [{ disease: "silicosis", cases: 1 }],
      },
    },
  ],
  [
    "updateHealthCheckup",
    `mutation($id: Int!, $patch: HealthCheckupPatch!) { updateHealthCheckup(id: $id, patch: $patch) { id } }`,
    {
      id: ids.checkup,
      patch: {
        workersExamined: 11,
        sector: "footwear",
        cases: [{ disease: "silicosis", cases: 1 }],
      },
    },
  ],
  [
    "deleteHealthCheckup",
    `mutation($id: Int!) { deleteHealthCheckup(id: $id) }`,
    { id: ids.checkup },
  ],
  [
    "createUser",
    `mutation($input: CreateUserInput!) { createUser(input: $input) { token } }`,
    { input: { name: "Fuzz user", role: "STEWARD", units: ["hai-duong-63"] } },
  ],
  [
    "setUserUnits",
    `mutation($userId: Int!, $units: [Code!]!) { setUserUnits(userId: $userId, units: $units) { id } }`,
    { userId: ids.user, units: ["hai-duong-63"] },
  ],
  [
    "issueToken",
    `mutation($userId: Int!, $label: String) { issueToken(userId: $userId, label: $label) { token } }`,
    { userId: ids.user, label: "l" },
  ],
  ["revokeToken", `mutation($id: Int!) { revokeToken(id: $id) { id } }`, { id: ids.token }],
  [
    "importCsv",
    `mutation($layout: ImportLayout!, $csv: String!, $dryRun: Boolean, $source: Code) { importCsv(layout: $layout, csv: $csv, dryRun: $dryRun, source: $source) { created } }`,
    {
      layout: "ACCIDENTS",
      csv: "unit,year,accidents,fatal_accidents,deaths,seriously_injured,victims,sector\nhai-duong-63,2013,1,,,,,\n",
      dryRun: false,
      source: "moj-nq19",
    },
  ],
];

/**
 * What a refused write must leave unchanged, checked cheaply after every case: a row trigger on
 * every table of this file's database counts, per table, the rows inserted, updated or deleted
 * (and a statement trigger counts truncates). The counts are written by the same transaction as
 * the change, so a committed write moves them and a rolled-back one leaves them as they were.
 * Reading them is one query on a table of a few rows, instead of checksumming whole tables before
 * and after each case, and it covers every table, not only those a mutation should touch.
 */
async function countWrites(): Promise<void> {
  // The app's role may not put triggers on audit_log (it only inserts and reads it), so the
  // counters are set up by the superuser; the function runs as its owner (security definer).
  const admin = new pg.Client({
    connectionString: withDatabase(inject("adminUrl"), new URL(db.url).pathname.slice(1)),
  });
  await admin.connect();
  try {
    await admin.query(`create table test_row_writes (t text primary key, n bigint not null)`);
    await admin.query(`grant select on test_row_writes to public`);
    await admin.query(`create function test_count_write() returns trigger language plpgsql security definer set search_path = public as $$
      begin
        insert into test_row_writes values (tg_table_name, 1) on conflict (t) do update set n = test_row_writes.n + 1;
        return null;
      end $$`);
    const { rows: tables } = await admin.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'test_row_writes'`,
    );
    expect(tables.map(t => t.name)).toEqual(
      expect.arrayContaining([
        "observation",
        "source",
        "monitoring_site",
        "audit_log",
        "app_user",
        "api_token",
      ]),
    );
    for (const { name } of tables) {
      await admin.query(
        `create trigger test_count_rows after insert or update or delete on "${name}" for each row execute function test_count_write()`,
      );
      await admin.query(
        `create trigger test_count_truncate after truncate on "${name}" for each statement execute function test_count_write()`,
      );
    }
  } finally {
    await admin.end();
  }
}
async function writes(): Promise<Record<string, string>> {
  const rows: { t: string; n: string }[] = await db.orm.em
    .getConnection()
    .execute(`select t, n::text as n from test_row_writes`);
  return Object.fromEntries(rows.map(r => [r.t, r.n]));
}

/** Every path to a leaf of the variables, so each field is spoiled in turn. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [i, v] as const)
      : Object.entries(value);
    return [path, ...entries.flatMap(([k, v]) => leaves(v, [...path, k]))].filter(p => p.length);
  }
  return [path];
}
function replaced(vars: Vars, path: (string | number)[], bad: unknown): Vars {
  const copy = structuredClone(vars);
  let node: any = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)!] = bad;
  return copy;
}

describe("malformed writes", () => {
  it("never answer INTERNAL_SERVER_ERROR, and a refused write changes nothing", async () => {
    let refused = 0;
    let cases = 0;
    let acceptedChanges = 0;
    await countWrites();
    let mark = await writes();
    for (const [name, query, base] of mutations()) {
      for (const path of leaves(base)) {
        for (const bad of BAD) {
          for (const user of [admin, steward]) {
            const vars = replaced(base, path, bad);
            const r = await gql.run(query, vars, user.user);
            cases++;
            const codes = (r.errors ?? []).map(e => e.extensions?.code);
            expect(
              codes,
              `${name} ${path.join(".")}=${JSON.stringify(bad)?.slice(0, 40)}: ${r.errors?.[0]?.message}`,
            ).not.toContain("INTERNAL_SERVER_ERROR");
            if (r.errors?.length) {
              refused++;
              expect([
                "BAD_USER_INPUT",
                "GRAPHQL_VALIDATION_FAILED",
                "FORBIDDEN",
                "QUERY_TOO_COMPLEX",
              ]).toContain(codes[0]);
              expect(
                await writes(),
                `${name} ${path.join(".")} changed the database although refused`,
              ).toEqual(mark);
            } else {
              const after = await writes();
              if (JSON.stringify(after) !== JSON.stringify(mark)) acceptedChanges++;
              mark = after;
            }
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(2000);
    expect(refused / cases).toBeGreaterThan(0.8);
    expect(acceptedChanges, "the counts saw none of the accepted writes").toBeGreaterThan(0);
  }, 600_000);
});
