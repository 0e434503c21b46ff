import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { projectRoot } from "../../server/paths.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
let admin: TestUser;
let hd: TestUser;
beforeAll(async () => {
  db = await openTestDb("imports");
  gql = await createExecutor(db.orm);
  admin = await makeUser(db.orm, "Admin", Role.ADMIN);
  hd = await makeUser(db.orm, "Nguyễn Thị Hải Dương", Role.STEWARD, ["hai-duong-63"]);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

interface Report {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
  problems: { line: number; column: string | null; message: string; code: string }[];
}
const IMPORT = `mutation($layout: ImportLayout!, $csv: String!, $dryRun: Boolean, $source: Code) {
  importCsv(layout: $layout, csv: $csv, dryRun: $dryRun, source: $source) { rows created updated unchanged dryRun problems { line column message code } } }`;
const run = (layout: string, csv: string, user: TestUser, extra: Record<string, unknown> = {}) =>
  gql.run<{ importCsv: Report }>(IMPORT, { layout, csv, ...extra }, user.user);
const sample = (name: string) =>
  readFileSync(resolve(projectRoot(), "seeds/samples", name), "utf8");
const ACC_HEAD = "unit,year,accidents,fatal_accidents,deaths,seriously_injured,victims,sector\n";
const valueOf = async (indicator: string, unit: string, year: number) => {
  const rows = await db.orm.em.getConnection().execute(
    `select value, review_state from observation o join indicator i on i.id = o.indicator_id join administrative_unit u on u.id = o.unit_id
     where i.code = ? and u.code = ? and o.year = ? and o.dataset = 'OFFICIAL'`,
    [indicator, unit, year],
  );
  return rows[0] ?? null;
};

describe("CSV import", () => {
  it("imports the sample files (layout examples) as an admin, and a second import changes nothing", async () => {
    for (const [layout, file, extra] of [
      ["ACCIDENTS", "accidents.csv", { source: "moj-nq19" }],
      ["MONITORING", "monitoring.csv", {}],
      ["CHECKUPS", "checkups.csv", {}],
    ] as const) {
      const dry = await run(layout, sample(file), admin, { ...extra, dryRun: true });
      expect(dry.errors).toBeUndefined();
      expect(dry.data!.importCsv.problems).toEqual([]);
      const before = await fingerprint(db.orm);
      const first = await run(layout, sample(file), admin, extra);
      expect(first.errors).toBeUndefined();
      expect(first.data!.importCsv.created).toBe(dry.data!.importCsv.created);
      expect(first.data!.importCsv.created).toBeGreaterThan(0);
      expect(await fingerprint(db.orm)).not.toEqual(before);
      const once = await fingerprint(db.orm);
      const second = await run(layout, sample(file), admin, extra);
      expect(second.data!.importCsv).toMatchObject({ created: 0, updated: 0 });
      expect(await fingerprint(db.orm)).toEqual(once);
    }
    // An empty cell is no value, never 0; imported values wait for approval.
    expect(await valueOf("oa-fatal-accidents", "hai-duong-63", 2022)).toBeNull();
    expect(await valueOf("oa-deaths", "hai-duong-63", 2022)).toEqual({
      value: 3,
      review_state: "DRAFT",
    });
    const audit = await gql.run<{ auditLog: { totalCount: number; nodes: { note: string }[] } }>(
      `{ auditLog(filter: { entity: "health_checkup" }, first: 1) { totalCount nodes { note } } }`,
      {},
      admin.user,
    );
    expect(audit.data!.auditLog.totalCount).toBe(2);
    expect(audit.data!.auditLog.nodes[0].note).toMatch(/import checkups/);
  });

  it("tolerates a BOM and keeps Vietnamese diacritics", async () => {
    const csv =
      "\uFEFFsite_code,site_name,unit,sector,year,factor,samples,samples_over_limit\r\nbom-site-1,Cơ sở Minh hoạ Đồng Nhất,hai-duong-63,footwear,2023,light,5,1\r\n";
    const r = await run("MONITORING", csv, hd);
    expect(r.data?.importCsv).toMatchObject({ created: 2, problems: [] });
    const row = await db.orm.em
      .getConnection()
      .execute(`select name from monitoring_site where code = 'bom-site-1'`);
    expect(row[0].name).toBe("Cơ sở Minh hoạ Đồng Nhất");
  });

  it("updates a changed value back to DRAFT and leaves equal ones alone", async () => {
    const csv = ACC_HEAD + "hai-duong-63,2021,11,2,2,3,13,\n";
    const r = await run("ACCIDENTS", csv, hd, { source: "moj-nq19" });
    expect(r.data?.importCsv).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    expect(await valueOf("oa-victims", "hai-duong-63", 2021)).toEqual({
      value: 13,
      review_state: "DRAFT",
    });
  });

  it("reports every problem with its line in a dry run, and a real run with one bad row writes nothing", async () => {
    const csv = [
      "# a comment line",
      ACC_HEAD.trim(),
      "hai-duong-63,2019,5,1,1,0,6,", // line 3: fine
      "hai-duong-63,2026,5,1,1,0,6,", // line 4: Hải Dương no longer existed
      "hai-phong-34,2025,5,1,1,0,6,", // line 5: outside the steward's units
      "hai-duong-63,2020,5.5,1,-1,0,6,", // line 6: not whole, negative
      "hai-duong-63,2018,5,1,1,0,6,textiles", // line 7: sector breakdown not storable
      "atlantis,2018,5,1,1,0,6,", // line 8: unknown unit
      "hai-duong-63,2019,5,1,1,0,6,", // line 9: duplicate of line 3
      "hai-duong-63,20x9,5,1,1,0,6", // line 10: wrong cell count
    ].join("\n");
    const before = await fingerprint(db.orm);
    const dry = await run("ACCIDENTS", csv, hd, { source: "moj-nq19", dryRun: true });
    const problems = dry.data!.importCsv.problems;
    expect(problems.map(p => [p.line, p.column])).toEqual([
      [4, "year"],
      [5, "unit"],
      [6, "accidents"],
      [6, "deaths"],
      [7, "sector"],
      [8, "unit"],
      [9, "unit"],
      [10, null],
    ]);
    expect(problems.find(p => p.line === 5)?.code).toBe("FORBIDDEN");
    const real = await run("ACCIDENTS", csv, hd, { source: "moj-nq19" });
    expect(real.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "csv" });
    const onlyBad = await run(
      "ACCIDENTS",
      ACC_HEAD + "hai-duong-63,2019,5,1,1,0,6,\nhai-duong-63,2026,1,,,,,\n",
      hd,
      { source: "moj-nq19" },
    );
    expect(onlyBad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "csv" });
    expect(await fingerprint(db.orm)).toEqual(before);
  });

  it.each([
    [
      "a missing column",
      "MONITORING",
      "site_code,site_name,unit,sector,year,factor,samples\n",
      "samples_over_limit",
    ],
    [
      "an unknown column",
      "CHECKUPS",
      "establishment,unit,sector,year,kind,workers_examined,disease,cases,extra\n",
      "extra",
    ],
    [
      "over-limit samples",
      "MONITORING",
      "site_code,site_name,unit,sector,year,factor,samples,samples_over_limit\nx-1,X,hai-duong-63,textiles,2023,noise,5,6\n",
      "samples_over_limit",
    ],
    [
      "cases over workers",
      "CHECKUPS",
      "establishment,unit,sector,year,kind,workers_examined,disease,cases\nx-1,hai-duong-63,textiles,2023,PERIODIC,5,silicosis,6\n",
      "cases",
    ],
    [
      "a bad kind",
      "CHECKUPS",
      "establishment,unit,sector,year,kind,workers_examined,disease,cases\nx-1,hai-duong-63,textiles,2023,WEEKLY,5,,\n",
      "kind",
    ],
    [
      "an unclosed quote",
      "CHECKUPS",
      'establishment,unit,sector,year,kind,workers_examined,disease,cases\n"x-1,hai-duong-63\n',
      null,
    ],
  ])("refuses %s", async (_what, layout, csv, column) => {
    const before = await fingerprint(db.orm);
    const dry = await run(layout, csv, hd, { dryRun: true });
    expect(dry.errors).toBeUndefined();
    expect(dry.data!.importCsv.problems[0].column).toBe(column);
    expect((await run(layout, csv, hd)).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(await fingerprint(db.orm)).toEqual(before);
  });

  it("needs a source for accident values, a token, and refuses files over the size limit", async () => {
    const noSource = await run("ACCIDENTS", ACC_HEAD + "hai-duong-63,2016,1,,,,,\n", hd, {
      dryRun: true,
    });
    expect(noSource.data!.importCsv.problems[0]).toMatchObject({ column: "source" });
    expect(
      (await gql.run(IMPORT, { layout: "MONITORING", csv: "x" })).errors?.[0].extensions?.code,
    ).toBe("UNAUTHENTICATED");
    const big = await run("MONITORING", "site_code\n" + "x".repeat(5 * 1024 * 1024), hd);
    expect(big.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "csv" });
    expect(big.errors?.[0].message).toMatch(/limit is 5 MB/);
    const many = await run("MONITORING", "site_code\n" + "a\n".repeat(50_001), hd);
    expect(many.errors?.[0].message).toMatch(/limit is 50000/);
  });
});
