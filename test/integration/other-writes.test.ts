import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";

/** Sources, monitoring sites and results, health check-ups: rules, scope and audit. */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
let hd: TestUser;
let hn: TestUser;
let admin: TestUser;
beforeAll(async () => {
  db = await openTestDb("otherwrites");
  gql = await createExecutor(db.orm);
  hd = await makeUser(db.orm, "Steward HD", Role.STEWARD, ["hai-duong-63"]);
  // A steward of another province: since the merger a hai-phong-34 steward also writes the former
  // Hải Dương units (auth/guard.ts), so "another province" is Hà Nội.
  hn = await makeUser(db.orm, "Steward HN", Role.STEWARD, ["ha-noi"]);
  admin = await makeUser(db.orm, "Admin", Role.ADMIN);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const lastAudit = async (entity: string) => {
  const r = await gql.run<{
    auditLog: {
      nodes: { action: string; entityId: string; userName: string; before: any; after: any }[];
    };
  }>(
    `query($e: String) { auditLog(filter: { entity: $e }, first: 1) { nodes { action entityId userName before after } } }`,
    { e: entity },
    admin.user,
  );
  return r.data!.auditLog.nodes[0];
};
const expectRefused = async (
  query: string,
  variables: Record<string, unknown>,
  user: TestUser,
  code: string,
  field?: string,
) => {
  const before = await fingerprint(db.orm);
  const r = await gql.run(query, variables, user.user);
  expect(r.errors?.[0].extensions?.code).toBe(code);
  if (field) expect(r.errors?.[0].extensions?.field).toBe(field);
  expect(await fingerprint(db.orm)).toEqual(before);
};

describe("sources", () => {
  const CREATE = `mutation($i: CreateSourceInput!) { createSource(input: $i) { code grade title } }`;
  it("creates, corrects and deletes a source, each audited", async () => {
    const input = {
      code: "test-report-2024",
      title: "Báo cáo tình hình tai nạn lao động (test)",
      grade: "A",
      url: "https://example.org/report.pdf",
      language: "vi",
    };
    await expectRefused(
      CREATE,
      { i: { ...input, url: "javascript:alert(1)" } },
      hd,
      "BAD_USER_INPUT",
      "url",
    );
    await expectRefused(
      CREATE,
      { i: { ...input, code: "Bad Code" } },
      hd,
      "BAD_USER_INPUT",
      "code",
    );
    await expectRefused(
      CREATE,
      { i: { ...input, code: "moj-nq19" } },
      hd,
      "BAD_USER_INPUT",
      "code",
    );
    expect((await gql.run(CREATE, { i: input }, hd.user)).data).toEqual({
      createSource: { code: input.code, grade: "A", title: input.title },
    });
    expect(await lastAudit("source")).toMatchObject({
      action: "CREATE",
      userName: "Steward HD",
      after: { code: input.code },
    });
    const upd = await gql.run(
      `mutation { updateSource(code: "test-report-2024", patch: { grade: B }) { grade } }`,
      {},
      hd.user,
    );
    expect(upd.data).toEqual({ updateSource: { grade: "B" } });
    expect(await lastAudit("source")).toMatchObject({
      action: "UPDATE",
      before: { grade: "A" },
      after: { grade: "B" },
    });
    // A source cited by values of other units is only an admin's to change; a cited one cannot go.
    await expectRefused(
      `mutation { updateSource(code: "moj-nq19", patch: { grade: C }) { grade } }`,
      {},
      hd,
      "FORBIDDEN",
    );
    await expectRefused(
      `mutation { deleteSource(code: "moj-nq19") }`,
      {},
      admin,
      "BAD_USER_INPUT",
      "code",
    );
    expect(
      (await gql.run(`mutation { deleteSource(code: "test-report-2024") }`, {}, hd.user)).data,
    ).toEqual({ deleteSource: "test-report-2024" });
    expect(await lastAudit("source")).toMatchObject({
      action: "DELETE",
      before: { code: "test-report-2024", grade: "B" },
      after: null,
    });
  });
});

describe("monitoring", () => {
  const SITE = `mutation($i: CreateMonitoringSiteInput!) { createMonitoringSite(input: $i) { code name sector factors } }`;
  const RESULT = `mutation($i: CreateMonitoringResultInput!) { createMonitoringResult(input: $i) { id samples samplesOverLimit } }`;
  const site = {
    code: "test-site-1",
    name: "Công ty Minh hoạ A (test)",
    unit: "hai-duong-63",
    sector: "textiles",
    factors: ["noise", "dust"],
  };
  it("creates a site and results with the rules, in scope only", async () => {
    await expectRefused(SITE, { i: { ...site, unit: "hai-phong-34" } }, hd, "FORBIDDEN");
    await expectRefused(
      SITE,
      { i: { ...site, sector: "Dệt may" } },
      hd,
      "BAD_USER_INPUT",
      "sector",
    );
    expect((await gql.run(SITE, { i: site }, hd.user)).errors).toBeUndefined();
    expect(await lastAudit("monitoring_site")).toMatchObject({
      action: "CREATE",
      after: { code: "test-site-1", sector: "textiles" },
    });
    const r = {
      site: "test-site-1",
      year: 2024,
      factor: "noise",
      samples: 10,
      samplesOverLimit: 2,
    };
    await expectRefused(
      RESULT,
      { i: { ...r, samplesOverLimit: 11 } },
      hd,
      "BAD_USER_INPUT",
      "samplesOverLimit",
    );
    await expectRefused(RESULT, { i: { ...r, samples: -1 } }, hd, "BAD_USER_INPUT", "samples");
    await expectRefused(RESULT, { i: { ...r, year: 2026 } }, hd, "BAD_USER_INPUT", "year");
    await expectRefused(RESULT, { i: r }, hn, "FORBIDDEN");
    const created = await gql.run<{ createMonitoringResult: { id: number } }>(
      RESULT,
      { i: r },
      hd.user,
    );
    const id = created.data!.createMonitoringResult.id;
    expect(await lastAudit("monitoring_result")).toMatchObject({
      action: "CREATE",
      entityId: String(id),
      after: { samples: 10 },
    });
    await expectRefused(RESULT, { i: r }, hd, "BAD_USER_INPUT", "factor");
    const UPD = `mutation($id: Int!, $p: MonitoringResultPatch!) { updateMonitoringResult(id: $id, patch: $p) { samples samplesOverLimit } }`;
    await expectRefused(UPD, { id, p: { samples: 1 } }, hd, "BAD_USER_INPUT", "samplesOverLimit");
    expect((await gql.run(UPD, { id, p: { samples: 12 } }, hd.user)).data).toEqual({
      updateMonitoringResult: { samples: 12, samplesOverLimit: 2 },
    });
    expect(await lastAudit("monitoring_result")).toMatchObject({
      action: "UPDATE",
      before: { samples: 10 },
      after: { samples: 12 },
    });
    await expectRefused(
      `mutation { updateMonitoringSite(code: "test-site-1", patch: { unit: "hai-phong-34" }) { code } }`,
      {},
      hd,
      "FORBIDDEN",
    );
    expect(
      (
        await gql.run(
          `mutation { updateMonitoringSite(code: "test-site-1", patch: { name: "Công ty Minh hoạ B (test)" }) { name } }`,
          {},
          hd.user,
        )
      ).errors,
    ).toBeUndefined();
    expect(await lastAudit("monitoring_site")).toMatchObject({
      action: "UPDATE",
      before: { name: site.name },
      after: { name: "Công ty Minh hoạ B (test)" },
    });
    expect(
      (await gql.run(`mutation($id: Int!) { deleteMonitoringResult(id: $id) }`, { id }, hd.user))
        .data,
    ).toEqual({ deleteMonitoringResult: id });
    expect(await lastAudit("monitoring_result")).toMatchObject({
      action: "DELETE",
      before: { id, samples: 12 },
    });
    expect(
      (await gql.run(`mutation { deleteMonitoringSite(code: "test-site-1") }`, {}, hd.user)).data,
    ).toEqual({ deleteMonitoringSite: "test-site-1" });
    expect(await lastAudit("monitoring_site")).toMatchObject({
      action: "DELETE",
      before: { code: "test-site-1" },
    });
  });

  it("refuses to write generated (illustrative) sites", async () => {
    const code = (
      await db.orm.em
        .getConnection()
        .execute(`select code from monitoring_site where dataset = 'ILLUSTRATIVE' limit 1`)
    )[0].code;
    await expectRefused(
      `mutation($c: Code!) { deleteMonitoringSite(code: $c) }`,
      { c: code },
      admin,
      "BAD_USER_INPUT",
      "code",
    );
  });
});

describe("health check-ups", () => {
  const CREATE = `mutation($i: CreateHealthCheckupInput!) { createHealthCheckup(input: $i) { id casesTotal cases { disease cases } } }`;
  const input = {
    establishment: "test-est-1",
    unit: "hai-duong-63",
    sector: "textiles",
    year: 2024,
    kind: "PERIODIC",
    workersExamined: 100,
    cases: [{ disease: "noise_deafness", cases: 3 }],
  };
  it("records, corrects and deletes check-ups with the rules", async () => {
    await expectRefused(
      CREATE,
      { i: { ...input, cases: [{ disease: "noise_deafness", cases: 101 }] } },
      hd,
      "BAD_USER_INPUT",
      "cases",
    );
    await expectRefused(
      CREATE,
      { i: { ...input, workersExamined: -5 } },
      hd,
      "BAD_USER_INPUT",
      "workersExamined",
    );
    await expectRefused(
      CREATE,
      {
        i: {
          ...input,
          cases: [
            { disease: "silicosis", cases: 1 },
            { disease: "silicosis", cases: 1 },
          ],
        },
      },
      hd,
      "BAD_USER_INPUT",
      "cases.disease",
    );
    await expectRefused(CREATE, { i: { ...input, unit: "hai-phong-34" } }, hd, "FORBIDDEN");
    await expectRefused(CREATE, { i: { ...input, year: 2026 } }, hd, "BAD_USER_INPUT", "year");
    const c = await gql.run<{ createHealthCheckup: { id: number; casesTotal: number } }>(
      CREATE,
      { i: input },
      hd.user,
    );
    expect(c.data?.createHealthCheckup.casesTotal).toBe(3);
    const id = c.data!.createHealthCheckup.id;
    expect(await lastAudit("health_checkup")).toMatchObject({
      action: "CREATE",
      after: { casesTotal: 3 },
    });
    const u = await gql.run(
      `mutation($id: Int!) { updateHealthCheckup(id: $id, patch: { cases: [] }) { casesTotal } }`,
      { id },
      hd.user,
    );
    expect(u.data).toEqual({ updateHealthCheckup: { casesTotal: 0 } });
    expect(await lastAudit("health_checkup")).toMatchObject({
      action: "UPDATE",
      before: { casesTotal: 3 },
      after: { casesTotal: 0 },
    });
    await expectRefused(
      `mutation($id: Int!) { deleteHealthCheckup(id: $id) }`,
      { id },
      hn,
      "FORBIDDEN",
    );
    expect(
      (await gql.run(`mutation($id: Int!) { deleteHealthCheckup(id: $id) }`, { id }, hd.user)).data,
    ).toEqual({ deleteHealthCheckup: id });
    expect(await lastAudit("health_checkup")).toMatchObject({ action: "DELETE", before: { id } });
  });
});
