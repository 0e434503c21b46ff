import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { rebuildMonitoringRollup } from "../../server/monitoring/monitoring-rollup.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";

/**
 * Issue 12 item 4: counts too large for GraphQL's Int. The summaries must add up any stored
 * counts exactly (even ones written before the bounds, seeded here with SQL), and every write
 * path (mutations and CSV import) must refuse counts over the bounds of server/limits.ts.
 */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
let admin: TestUser;
const MAX_INT = 2147483647;
const execute = (sql: string, params: unknown[] = []) =>
  db.em().getConnection().execute<Record<string, any>[]>(sql, params);

beforeAll(async () => {
  db = await openTestDb("bounds");
  gql = await createExecutor(db.orm);
  admin = await makeUser(db.orm, "Admin", Role.ADMIN);
  const [unit] = await execute(`select id from administrative_unit where code = 'hai-duong-63'`);
  // Straight into the tables: these values are over today's input bounds, as old data might be.
  const [site] = await execute(
    `insert into monitoring_site (code, name, unit_id, sector, factors, dataset)
    values ('huge-site', 'Huge', ?, 'textiles', '["huge_factor"]', 'OFFICIAL') returning id`,
    [unit.id],
  );
  await execute(
    `insert into monitoring_result (site_id, year, factor, samples, samples_over_limit, dataset)
    values (?, 1999, 'huge_factor', ?, ?, 'OFFICIAL'), (?, 2000, 'huge_factor', ?, ?, 'OFFICIAL')`,
    [site.id, MAX_INT, MAX_INT, site.id, MAX_INT, 1],
  );
  for (const establishment of ["huge-est-1", "huge-est-2"]) {
    await execute(
      `insert into health_checkup (establishment, unit_id, sector, year, kind, workers_examined, cases_total, cases, dataset)
      values (?, ?, 'textiles', 1999, 'PERIODIC', ?, ?, ?::jsonb, 'OFFICIAL')`,
      [
        establishment,
        unit.id,
        MAX_INT,
        MAX_INT,
        JSON.stringify([{ disease: "huge_disease", cases: MAX_INT }]),
      ],
    );
  }
  const made = await gql.run(
    `mutation { createMonitoringSite(input: { code: "bound-site", name: "B", unit: "hai-duong-63", sector: "textiles" }) { code } }`,
    {},
    admin.user,
  );
  expect(made.errors).toBeUndefined();
}, 120_000);
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const MONITORING = `query($g: [MonitoringGroup!]!) { monitoringSummary(groupBy: $g, units: ["hai-duong-63"], datasets: [OFFICIAL]) { factor year samples samplesOverLimit } }`;
const CHECKUPS = `query($g: [CheckupGroup!]!) { checkupSummary(groupBy: $g, units: ["hai-duong-63"], yearFrom: 1999, yearTo: 1999, datasets: [OFFICIAL]) { disease unit workersExamined cases establishments } }`;

describe("4: huge sample counts do not break monitoringSummary or checkupSummary", () => {
  it("4: huge sample counts do not break monitoringSummary (raw results and rollup)", async () => {
    for (const path of ["raw", "rollup"]) {
      if (path === "rollup") {
        expect(await rebuildMonitoringRollup(db.em().getKnex("write"))).toBe("built");
      }
      const r = await gql.run(MONITORING, { g: ["FACTOR"] });
      expect(r.errors, path).toBeUndefined();
      const row = r.data!.monitoringSummary.find(
        (x: { factor: string }) => x.factor === "huge_factor",
      );
      expect(row, path).toEqual({
        factor: "huge_factor",
        year: null,
        samples: 2 * MAX_INT,
        samplesOverLimit: MAX_INT + 1,
      });
    }
  });

  it("4: huge worker and case counts do not break checkupSummary", async () => {
    const byUnit = await gql.run(CHECKUPS, { g: ["UNIT"] });
    expect(byUnit.errors).toBeUndefined();
    expect(byUnit.data!.checkupSummary).toEqual([
      {
        disease: null,
        unit: "hai-duong-63",
        workersExamined: 2 * MAX_INT,
        cases: 2 * MAX_INT,
        establishments: 2,
      },
    ]);
    const byDisease = await gql.run(CHECKUPS, { g: ["DISEASE"] });
    expect(byDisease.errors).toBeUndefined();
    expect(byDisease.data!.checkupSummary).toEqual([
      {
        disease: "huge_disease",
        unit: null,
        workersExamined: 2 * MAX_INT,
        cases: 2 * MAX_INT,
        establishments: 2,
      },
    ]);
  });
});

describe("4: counts over their bounds are refused by mutations and CSV alike", () => {
  const refused = async (
    query: string,
    variables: Record<string, unknown>,
    field: string,
    column?: string,
  ) => {
    const before = await fingerprint(db.orm);
    const r = await gql.run(query, variables, admin.user);
    const error = r.errors?.[0] as
      { message: string; extensions?: Record<string, any> } | undefined;
    expect(error?.extensions?.code, JSON.stringify(r.errors)).toBe("BAD_USER_INPUT");
    expect(error?.extensions?.field).toBe(field);
    if (column) expect(error?.extensions?.problems?.[0]?.column, error?.message).toBe(column);
    expect(error?.message).toMatch(/vượt quá giới hạn .* over the limit of/);
    expect(await fingerprint(db.orm)).toEqual(before);
  };
  const RESULT = `mutation($i: CreateMonitoringResultInput!) { createMonitoringResult(input: $i) { id samples } }`;
  const CHECKUP = `mutation($i: CreateHealthCheckupInput!) { createHealthCheckup(input: $i) { id } }`;
  const IMPORT = `mutation($l: ImportLayout!, $csv: String!, $s: Code) { importCsv(layout: $l, csv: $csv, source: $s) { created } }`;

  it("4: samples per result are at most 1,000,000", async () => {
    const input = {
      site: "bound-site",
      year: 2020,
      factor: "noise",
      samples: 1_000_001,
      samplesOverLimit: 0,
    };
    await refused(RESULT, { i: input }, "samples");
    await refused(RESULT, { i: { ...input, samples: MAX_INT } }, "samples");
    const ok = await gql.run<{ createMonitoringResult: { id: number } }>(
      RESULT,
      { i: { ...input, samples: 1_000_000 } },
      admin.user,
    );
    expect(ok.errors).toBeUndefined();
    await refused(
      `mutation($id: Int!) { updateMonitoringResult(id: $id, patch: { samples: 1000001 }) { id } }`,
      { id: ok.data!.createMonitoringResult.id },
      "samples",
    );
    const csv =
      "site_code,site_name,unit,sector,year,factor,samples,samples_over_limit\nbound-site,B,hai-duong-63,textiles,2021,dust,999999999,0\n";
    await refused(IMPORT, { l: "MONITORING", csv }, "csv", "samples");
  });

  it("4: workers examined per check-up are at most 1,000,000, cases at most the workers", async () => {
    const input = {
      establishment: "bound-est",
      unit: "hai-duong-63",
      sector: "textiles",
      year: 2020,
      kind: "PERIODIC",
      workersExamined: 1_000_001,
    };
    await refused(CHECKUP, { i: input }, "workersExamined");
    const csv =
      "establishment,unit,sector,year,kind,workers_examined,disease,cases\nbound-est,hai-duong-63,textiles,2020,PERIODIC,999999999,,\n";
    await refused(IMPORT, { l: "CHECKUPS", csv }, "csv", "workers_examined");
    await refused(
      IMPORT,
      { l: "CHECKUPS", csv: csv.replace(",,", ",silicosis,999999999") },
      "csv",
      "workers_examined",
    );
  });

  it("4: yearly counts of accidents and persons are at most 100,000,000", async () => {
    const input = {
      indicator: "oa-deaths",
      unit: "hai-duong-63",
      year: 2014,
      value: 100_000_001,
      source: "moj-nq19",
    };
    await refused(
      `mutation($i: CreateObservationInput!) { createObservation(input: $i) { id } }`,
      { i: input },
      "value",
    );
    const csv =
      "unit,year,accidents,fatal_accidents,deaths,seriously_injured,victims,sector\nhai-duong-63,2013,999999999,,,,,\n";
    await refused(IMPORT, { l: "ACCIDENTS", csv, s: "moj-nq19" }, "csv", "accidents");
  });
});
