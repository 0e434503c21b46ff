import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/auth/user.entity.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { createExecutor } from '../helpers/server.js';
import { makeUser, type TestUser } from '../helpers/users.js';

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
  db = await openTestDb('malformed');
  gql = await createExecutor(db.orm);
  admin = await makeUser(db.orm, 'Admin', Role.ADMIN);
  steward = await makeUser(db.orm, 'Steward', Role.STEWARD, ['hai-duong-63']);
  const made = async (q: string, v: Record<string, unknown>) => {
    const r = await gql.run(q, v, admin.user);
    expect(r.errors).toBeUndefined();
    return Object.values(r.data!)[0] as { id: number };
  };
  ids.observation = (await made(`mutation($i: CreateObservationInput!) { createObservation(input: $i) { id } }`, { i: { indicator: 'oa-deaths', unit: 'hai-duong-63', year: 2015, value: 4, source: 'moj-nq19' } })).id;
  await made(`mutation { createMonitoringSite(input: { code: "fz-site", name: "Fuzz", unit: "hai-duong-63", sector: "textiles" }) { code } }`, {});
  ids.result = (await made(`mutation { createMonitoringResult(input: { site: "fz-site", year: 2020, factor: "noise", samples: 4, samplesOverLimit: 1 }) { id } }`, {})).id;
  ids.checkup = (await made(`mutation { createHealthCheckup(input: { establishment: "fz-est", unit: "hai-duong-63", sector: "textiles", year: 2020, kind: PERIODIC, workersExamined: 10 }) { id } }`, {})).id;
  ids.user = steward.user.id;
  ids.token = Number((await db.orm.em.getConnection().execute(`select id from api_token where user_id = ?`, [steward.user.id]))[0].id);
}, 120_000);
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const BAD: unknown[] = [
  null, '', ' ', -1, 0, 1.5, 2147483648, 1e308, 'x'.repeat(20_000), "'; drop table observation; --", '../../etc/passwd',
  '💥\u0000', 'hai-phong-34', 'ILLUSTRATIVE', true, [], {}, ['a'], { $gt: 0 }, '2026-02-30',
];

type Vars = Record<string, unknown>;
const mutations = (): [string, string, Vars][] => [
  ['createObservation', `mutation($input: CreateObservationInput!) { createObservation(input: $input) { id } }`,
    { input: { indicator: 'oa-accidents', unit: 'hai-duong-63', year: 2014, value: 3, source: 'moj-nq19', quote: 'q', note: 'n', measure: 'COUNT' } }],
  ['updateObservation', `mutation($id: Int!, $patch: ObservationPatch!) { updateObservation(id: $id, patch: $patch) { id } }`,
    { id: ids.observation, patch: { value: 5, source: 'moj-nq19', status: 'OFFICIAL', grade: 'A' } }],
  ['deleteObservation', `mutation($id: Int!) { deleteObservation(id: $id) }`, { id: ids.observation }],
  ['approveObservation', `mutation($id: Int!) { approveObservation(id: $id) { id } }`, { id: ids.observation }],
  ['approveObservations', `mutation($ids: [Int!]!) { approveObservations(ids: $ids) { id } }`, { ids: [ids.observation] }],
  ['createSource', `mutation($input: CreateSourceInput!) { createSource(input: $input) { code } }`,
    { input: { code: 'fz-src', title: 'T', grade: 'B', url: 'https://example.org', publishedOn: '2024-01-31', language: 'vi' } }],
  ['updateSource', `mutation($code: String!, $patch: SourcePatch!) { updateSource(code: $code, patch: $patch) { code } }`,
    { code: 'moj-nq19', patch: { title: 'T', url: 'https://example.org' } }],
  ['deleteSource', `mutation($code: String!) { deleteSource(code: $code) }`, { code: 'moj-nq19' }],
  ['createMonitoringSite', `mutation($input: CreateMonitoringSiteInput!) { createMonitoringSite(input: $input) { code } }`,
    { input: { code: 'fz-site-2', name: 'N', unit: 'hai-duong-63', sector: 'textiles', factors: ['noise'] } }],
  ['updateMonitoringSite', `mutation($code: String!, $patch: MonitoringSitePatch!) { updateMonitoringSite(code: $code, patch: $patch) { code } }`,
    { code: 'fz-site', patch: { unit: 'hai-duong-63', sector: 'footwear', factors: ['dust'] } }],
  ['deleteMonitoringSite', `mutation($code: String!) { deleteMonitoringSite(code: $code) }`, { code: 'fz-site' }],
  ['createMonitoringResult', `mutation($input: CreateMonitoringResultInput!) { createMonitoringResult(input: $input) { id } }`,
    { input: { site: 'fz-site', year: 2021, factor: 'dust', samples: 3, samplesOverLimit: 1 } }],
  ['updateMonitoringResult', `mutation($id: Int!, $patch: MonitoringResultPatch!) { updateMonitoringResult(id: $id, patch: $patch) { id } }`,
    { id: ids.result, patch: { samples: 9, samplesOverLimit: 2 } }],
  ['deleteMonitoringResult', `mutation($id: Int!) { deleteMonitoringResult(id: $id) }`, { id: ids.result }],
  ['createHealthCheckup', `mutation($input: CreateHealthCheckupInput!) { createHealthCheckup(input: $input) { id } }`,
    { input: { establishment: 'fz-est-2', unit: 'hai-duong-63', sector: 'textiles', year: 2021, kind: 'PERIODIC', workersExamined: 9, cases: [{ disease: 'silicosis', cases: 1 }] } }],
  ['updateHealthCheckup', `mutation($id: Int!, $patch: HealthCheckupPatch!) { updateHealthCheckup(id: $id, patch: $patch) { id } }`,
    { id: ids.checkup, patch: { workersExamined: 11, sector: 'footwear', cases: [{ disease: 'silicosis', cases: 1 }] } }],
  ['deleteHealthCheckup', `mutation($id: Int!) { deleteHealthCheckup(id: $id) }`, { id: ids.checkup }],
  ['createUser', `mutation($input: CreateUserInput!) { createUser(input: $input) { token } }`, { input: { name: 'Fuzz user', role: 'STEWARD', units: ['hai-duong-63'] } }],
  ['setUserUnits', `mutation($userId: Int!, $units: [String!]!) { setUserUnits(userId: $userId, units: $units) { id } }`, { userId: ids.user, units: ['hai-duong-63'] }],
  ['issueToken', `mutation($userId: Int!, $label: String) { issueToken(userId: $userId, label: $label) { token } }`, { userId: ids.user, label: 'l' }],
  ['revokeToken', `mutation($id: Int!) { revokeToken(id: $id) { id } }`, { id: ids.token }],
  ['importCsv', `mutation($layout: ImportLayout!, $csv: String!, $dryRun: Boolean, $source: String) { importCsv(layout: $layout, csv: $csv, dryRun: $dryRun, source: $source) { created } }`,
    { layout: 'ACCIDENTS', csv: 'unit,year,accidents,fatal_accidents,deaths,seriously_injured,victims,sector\nhai-duong-63,2013,1,,,,,\n', dryRun: false, source: 'moj-nq19' }],
];

/**
 * A cheap mark of the whole database that any committed write changes: for every table, its row
 * count and the newest transaction id (xmin) among its rows. An insert or update commits row
 * versions stamped with a transaction id newer than every row already there, so it raises that
 * table's max(xmin) (or its count); a delete lowers the count, unless the same write inserts
 * rows, which raises max(xmin). A refused write is rolled back: its row versions are never
 * visible, so neither number moves. One query per case, instead of checksumming whole tables
 * before and after each one, and it covers every table, not only the ones a mutation should touch.
 */
let markSql = '';
async function changeMark(): Promise<Record<string, string>> {
  const conn = db.orm.em.getConnection();
  if (!markSql) {
    const tables: { name: string }[] = await conn.execute(`select tablename as name from pg_tables where schemaname = current_schema() order by 1`);
    markSql = tables.map(({ name }) => `select '${name}' as t, count(*) || '/' || coalesce(max(xmin::text::bigint), 0) as m from "${name}"`).join(' union all ');
  }
  const rows: { t: string; m: string }[] = await conn.execute(markSql);
  return Object.fromEntries(rows.map((r) => [r.t, r.m]));
}

/** Every path to a leaf of the variables, so each field is spoiled in turn. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return [path, ...entries.flatMap(([k, v]) => leaves(v, [...path, k]))].filter((p) => p.length);
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

describe('malformed writes', () => {
  it('never answer INTERNAL_SERVER_ERROR, and a refused write changes nothing', async () => {
    let refused = 0;
    let cases = 0;
    let acceptedChanges = 0;
    let mark = await changeMark();
    expect(Object.keys(mark)).toEqual(expect.arrayContaining(['observation', 'source', 'monitoring_site', 'audit_log', 'app_user', 'api_token']));
    for (const [name, query, base] of mutations()) {
      for (const path of leaves(base)) {
        for (const bad of BAD) {
          for (const user of [admin, steward]) {
            const vars = replaced(base, path, bad);
            const r = await gql.run(query, vars, user.user);
            cases++;
            const codes = (r.errors ?? []).map((e) => e.extensions?.code);
            expect(codes, `${name} ${path.join('.')}=${JSON.stringify(bad)?.slice(0, 40)}: ${r.errors?.[0]?.message}`).not.toContain('INTERNAL_SERVER_ERROR');
            if (r.errors?.length) {
              refused++;
              expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'FORBIDDEN', 'QUERY_TOO_COMPLEX']).toContain(codes[0]);
              expect(await changeMark(), `${name} ${path.join('.')} changed the database although refused`).toEqual(mark);
            } else {
              const after = await changeMark();
              if (JSON.stringify(after) !== JSON.stringify(mark)) acceptedChanges++;
              mark = after;
            }
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(2000);
    expect(refused / cases).toBeGreaterThan(0.8);
    expect(acceptedChanges, 'the mark saw none of the accepted writes').toBeGreaterThan(0);
  }, 600_000);
});
