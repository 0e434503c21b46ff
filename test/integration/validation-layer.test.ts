import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";

/**
 * Issue 13 item 3: one validation layer. The same record sent by a mutation and by a CSV file is
 * refused by the same zod schema, with the same message (the field in the mutation's
 * `extensions.field`, its column in the import report); C1 control characters are refused like
 * C0 ones; nothing is written.
 */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
let admin: TestUser;

beforeAll(async () => {
  db = await openTestDb("validation-layer");
  gql = await createExecutor(db.orm);
  admin = await makeUser(db.orm, "Admin", Role.ADMIN);
}, 120_000);
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const CHECKUP = `mutation($i: CreateHealthCheckupInput!) { createHealthCheckup(input: $i) { id } }`;
const SITE = `mutation($i: CreateMonitoringSiteInput!) { createMonitoringSite(input: $i) { code } }`;
const IMPORT = `mutation($l: ImportLayout!, $csv: String!) { importCsv(layout: $l, csv: $csv) { created } }`;
const HEADER = "establishment,unit,sector,year,kind,workers_examined,disease,cases\n";

interface Problem {
  line: number;
  column: string;
  message: string;
  code: string;
}

/** The first error of a refused request, after checking nothing was written. */
async function refusal(query: string, variables: Record<string, unknown>) {
  const before = await fingerprint(db.orm);
  const r = await gql.run(query, variables, admin.user);
  expect(await fingerprint(db.orm)).toEqual(before);
  const error = r.errors?.[0] as
    | { message: string; extensions: { code: string; field?: string; problems?: Problem[] } }
    | undefined;
  expect(error?.extensions.code, JSON.stringify(r.errors)).toBe("BAD_USER_INPUT");
  return error!;
}

describe("one schema for a mutation's input and a CSV row", () => {
  const input = {
    establishment: "layer-est",
    unit: "hai-phong-34",
    sector: "textiles",
    year: 2025,
    kind: "PERIODIC",
    workersExamined: 10,
    cases: [{ disease: "silicosis", cases: 50 }],
  };

  it("refuses more cases than workers with the same message, as field and as column", async () => {
    const viaMutation = await refusal(CHECKUP, { i: input });
    expect(viaMutation.extensions.field).toBe("cases");
    expect(viaMutation.message).toBe("cases: 50 cases are more than the 10 workers examined");
    const csv = `${HEADER}layer-est,hai-phong-34,textiles,2025,PERIODIC,10,silicosis,50\n`;
    const viaCsv = await refusal(IMPORT, { l: "CHECKUPS", csv });
    expect(viaCsv.extensions.problems).toEqual([
      { line: 2, column: "cases", message: viaMutation.message, code: "BAD_USER_INPUT" },
    ]);
  });

  it("refuses a sector that is no keyword with the same message", async () => {
    const viaMutation = await refusal(CHECKUP, { i: { ...input, sector: "Dệt may", cases: [] } });
    expect(viaMutation.extensions.field).toBe("sector");
    const csv = `${HEADER}layer-est,hai-phong-34,Dệt may,2025,PERIODIC,10,,\n`;
    const viaCsv = await refusal(IMPORT, { l: "CHECKUPS", csv });
    expect(viaCsv.extensions.problems?.[0]).toMatchObject({
      line: 2,
      column: "sector",
      message: viaMutation.message,
    });
  });

  it("names the field inside a list of an input without its position", async () => {
    const twice = [
      { disease: "silicosis", cases: 1 },
      { disease: "silicosis", cases: 2 },
    ];
    const e = await refusal(CHECKUP, { i: { ...input, cases: twice } });
    expect(e.extensions.field).toBe("cases.disease");
    expect(e.message).toBe("cases.disease: silicosis is listed twice");
  });
});

describe("C1 control characters", () => {
  const site = { code: "layer-site", name: "Xưởng", unit: "hai-phong-34", sector: "textiles" };

  it("are refused in a mutation, naming the field", async () => {
    for (const c of ["\u0085", "\u0080", "\u009f"]) {
      const e = await refusal(SITE, { i: { ...site, name: `Xưởng${c}1` } });
      expect(e.extensions.field).toBe("name");
      expect(e.message).toMatch(/^name: có ký tự điều khiển U\+00(85|80|9F) \/ contains/);
    }
  });

  it("are refused in a CSV file as a whole, like the C0 ones, before any cell is read", async () => {
    const csv = `${HEADER}layer-est,hai-phong-34,textiles,2025,PERIODIC,10,silico\u0085sis,1\n`;
    const e = await refusal(IMPORT, { l: "CHECKUPS", csv });
    expect(e.extensions.field).toBe("csv");
    expect(e.message).toBe(
      "csv: có ký tự điều khiển U+0085 / contains the control character U+0085",
    );
  });

  it("leave letters past the block alone (NBSP, Vietnamese)", async () => {
    const r = await gql.run(SITE, { i: { ...site, name: "Xưởng\u00a0Đồ Sơn" } }, admin.user);
    expect(r.errors).toBeUndefined();
    expect(r.data?.createMonitoringSite.code).toBe("layer-site");
  });
});
