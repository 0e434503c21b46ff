import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";

/**
 * Issue 12 (items 7, 8, 9 and two extras), found by an outside attack: who may approve a draft,
 * who may change a shared source, what a delete leaves in the audit log, and empty updates.
 */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
let a: TestUser; // three stewards of Hải Dương (before the merger)
let a2: TestUser;
let a3: TestUser;
let admin: TestUser;
beforeAll(async () => {
  db = await openTestDb("reviewrules");
  gql = await createExecutor(db.orm);
  a = await makeUser(db.orm, "Steward A", Role.STEWARD, ["hai-duong-63"]);
  a2 = await makeUser(db.orm, "Steward A2", Role.STEWARD, ["hai-duong-63"]);
  a3 = await makeUser(db.orm, "Steward A3", Role.STEWARD, ["hai-duong-63"]);
  admin = await makeUser(db.orm, "Admin", Role.ADMIN);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const sql = (text: string, params: unknown[] = []) =>
  db.orm.em.getConnection().execute(text, params);
const CREATE = `mutation($input: CreateObservationInput!) { createObservation(input: $input) { id } }`;
const UPDATE = `mutation($id: Int!, $patch: ObservationPatch!) { updateObservation(id: $id, patch: $patch) { id value note reviewState } }`;
const APPROVE = `mutation($id: Int!) { approveObservation(id: $id) { id reviewState } }`;
const APPROVE_MANY = `mutation($ids: [Int!]!) { approveObservations(ids: $ids) { id reviewState } }`;

/** Runs a write that must be refused with `code`, and proves it changed nothing. */
async function refused(
  query: string,
  variables: Record<string, unknown>,
  user: TestUser,
  code: string,
): Promise<string> {
  const before = await fingerprint(db.orm);
  const r = await gql.run(query, variables, user.user);
  expect(r.errors?.[0]?.extensions?.code, r.errors?.[0]?.message ?? "no error").toBe(code);
  expect(await fingerprint(db.orm)).toEqual(before);
  return r.errors![0].message;
}

async function ok<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown>,
  user: TestUser,
): Promise<T> {
  const r = await gql.run<T>(query, variables, user.user);
  expect(r.errors, r.errors?.[0]?.message).toBeUndefined();
  return r.data!;
}

describe("review rules", () => {
  it("7: nobody who created or edited any version of a draft may approve it", async () => {
    const {
      createObservation: { id },
    } = await ok<{ createObservation: { id: number } }>(
      CREATE,
      {
        input: {
          indicator: "oa-deaths",
          unit: "hai-duong-63",
          year: 2023,
          value: 999,
          source: "moj-nq19",
        },
      },
      a,
    );
    // A2 touches only the note: A2 becomes the last editor, but the 999 is still A's.
    await ok(UPDATE, { id, patch: { note: "typo fixed" } }, a2);
    const message = await refused(APPROVE, { id }, a, "FORBIDDEN");
    expect(message).toMatch(/không được duyệt/);
    expect(message).toMatch(/may not approve/);
    await refused(APPROVE_MANY, { ids: [id] }, a, "FORBIDDEN");
    await refused(APPROVE, { id }, a2, "FORBIDDEN");
    expect(
      (await ok<{ approveObservation: { reviewState: string } }>(APPROVE, { id }, a3))
        .approveObservation.reviewState,
    ).toBe("APPROVED");

    // The set starts again after an approval: A3 approved A's and A2's work; when A2 alone
    // corrects it, A (who wrote nothing since) may approve the correction.
    await ok(UPDATE, { id, patch: { value: 998 } }, a2);
    await refused(APPROVE, { id }, a2, "FORBIDDEN");
    expect(
      (await ok<{ approveObservation: { reviewState: string } }>(APPROVE, { id }, a))
        .approveObservation.reviewState,
    ).toBe("APPROVED");
  });

  it("8: a source cited by an alternative value outside the steward's units is admin-only", async () => {
    // voh-2023 backs only alternative (disputed) values of the whole country.
    const before = (await sql(`select title, url from source where code = 'voh-2023'`))[0];
    await refused(
      `mutation { updateSource(code: "voh-2023", patch: { title: "x", url: "https://evil.example/" }) { code } }`,
      {},
      a,
      "FORBIDDEN",
    );
    await refused(`mutation { deleteSource(code: "voh-2023") }`, {}, a, "FORBIDDEN");
    expect((await sql(`select title, url from source where code = 'voh-2023'`))[0]).toEqual(before);
    // An admin still may.
    await ok(
      `mutation { updateSource(code: "voh-2023", patch: { note: "checked" }) { code } }`,
      {},
      admin,
    );
    // A steward still corrects a source only its own units cite.
    await ok(
      `mutation { createSource(input: { code: "hd-only", title: "Báo cáo Hải Dương", grade: B }) { code } }`,
      {},
      a,
    );
    await ok(`mutation { updateSource(code: "hd-only", patch: { grade: C }) { grade } }`, {}, a);
  });

  it("9: deleting a value audits every alternative value the cascade removes, with its row before", async () => {
    const [{ id }] =
      await sql(`select o.id from observation o join indicator i on i.id = o.indicator_id join administrative_unit u on u.id = o.unit_id
      where i.code = 'oa-economic-losses' and u.code = 'vn' and o.year = 2024 and o.dataset = 'OFFICIAL'`);
    const alternatives = await sql(
      `select id, value, source_id from observation_alternative where observation_id = ? order by id`,
      [id],
    );
    expect(alternatives.length).toBe(2);
    await ok(`mutation($id: Int!) { deleteObservation(id: $id) }`, { id }, admin);
    expect(
      await sql(`select id from observation_alternative where observation_id = ?`, [id]),
    ).toEqual([]);
    const rows = await sql(
      `select entity_id, action, before, after, user_name from audit_log where entity = 'observation_alternative' order by entity_id`,
    );
    expect(rows).toEqual(
      alternatives.map((alt: { id: number; value: number; source_id: number }) => ({
        entity_id: String(alt.id),
        action: "DELETE",
        after: null,
        user_name: "Admin",
        before: expect.objectContaining({
          id: alt.id,
          value: alt.value,
          source: alt.source_id,
          observation: id,
        }),
      })),
    );
  });

  it("9: deleting a monitoring site audits each of its results (already so; kept as a guard)", async () => {
    await ok(
      `mutation { createMonitoringSite(input: { code: "rr-gone", name: "Gone", unit: "hai-duong-63", sector: "textiles" }) { code } }`,
      {},
      a,
    );
    const ids: number[] = [];
    for (const factor of ["noise", "dust"]) {
      const r = await ok<{ createMonitoringResult: { id: number } }>(
        `mutation($f: String!) { createMonitoringResult(input: { site: "rr-gone", year: 2022, factor: $f, samples: 3, samplesOverLimit: 0 }) { id } }`,
        { f: factor },
        a,
      );
      ids.push(r.createMonitoringResult.id);
    }
    await ok(`mutation { deleteMonitoringSite(code: "rr-gone") }`, {}, a);
    const rows = await sql(
      `select entity_id, before from audit_log where entity = 'monitoring_result' and action = 'DELETE' and entity_id = any(string_to_array(?, ',')) order by entity_id::int`,
      [ids.join(",")],
    );
    expect(
      rows.map((r: { entity_id: string; before: { samples: number } }) => [
        r.entity_id,
        r.before.samples,
      ]),
    ).toEqual(ids.map(id => [String(id), 3]));
  });

  it("a: an update that changes nothing writes no audit row and leaves the row as it was", async () => {
    const {
      createObservation: { id },
    } = await ok<{ createObservation: { id: number } }>(
      CREATE,
      {
        input: {
          indicator: "oa-accidents",
          unit: "hai-duong-63",
          year: 2022,
          value: 40,
          source: "moj-nq19",
          note: "n",
        },
      },
      a,
    );
    await ok(APPROVE, { id }, a2);
    await ok(
      `mutation { createMonitoringSite(input: { code: "rr-site", name: "Site", unit: "hai-duong-63", sector: "textiles", factors: ["noise"] }) { code } }`,
      {},
      a,
    );
    const {
      createMonitoringResult: { id: result },
    } = await ok<{ createMonitoringResult: { id: number } }>(
      `mutation { createMonitoringResult(input: { site: "rr-site", year: 2022, factor: "noise", samples: 5, samplesOverLimit: 1 }) { id } }`,
      {},
      a,
    );
    const {
      createHealthCheckup: { id: checkup },
    } = await ok<{ createHealthCheckup: { id: number } }>(
      `mutation { createHealthCheckup(input: { establishment: "rr-est", unit: "hai-duong-63", sector: "textiles", year: 2022, kind: PERIODIC, workersExamined: 10, cases: [{ disease: "silicosis", cases: 1 }] }) { id } }`,
      {},
      a,
    );

    const noops: [string, Record<string, unknown>][] = [
      [UPDATE, { id, patch: {} }],
      [UPDATE, { id, patch: { value: 40, note: "n", source: "moj-nq19" } }],
      [`mutation { updateSource(code: "moj-nq19", patch: {}) { code } }`, {}],
      [
        `mutation { updateMonitoringSite(code: "rr-site", patch: { name: "Site", factors: ["noise"] }) { code } }`,
        {},
      ],
      [
        `mutation($id: Int!) { updateMonitoringResult(id: $id, patch: { samples: 5 }) { id } }`,
        { id: result },
      ],
      [
        `mutation($id: Int!) { updateHealthCheckup(id: $id, patch: { workersExamined: 10, cases: [{ disease: "silicosis", cases: 1 }] }) { id } }`,
        { id: checkup },
      ],
      [
        `mutation($id: Int!) { setUserUnits(userId: $id, units: ["hai-duong-63"]) { id } }`,
        { id: a.user.id },
      ],
    ];
    for (const [query, variables] of noops) {
      const before = await fingerprint(db.orm);
      const row = await sql(
        `select review_state, created_by_id, updated_at from observation where id = ?`,
        [id],
      );
      await ok(query, variables, admin);
      expect(await fingerprint(db.orm), query).toEqual(before);
      expect(
        await sql(`select review_state, created_by_id, updated_at from observation where id = ?`, [
          id,
        ]),
        query,
      ).toEqual(row);
    }
  });

  it("b: an admin may not approve the drafts of an admin account they created", async () => {
    const made = await ok<{ createUser: { token: string; user: { id: number } } }>(
      `mutation { createUser(input: { name: "Admin B", role: ADMIN }) { token user { id } } }`,
      {},
      admin,
    );
    const adminB: TestUser = {
      token: made.createUser.token,
      user: { id: made.createUser.user.id, name: "Admin B", role: "ADMIN", unitIds: [] },
    };
    const {
      createObservation: { id },
    } = await ok<{ createObservation: { id: number } }>(
      CREATE,
      {
        input: {
          indicator: "oa-deaths",
          unit: "hai-duong-63",
          year: 2021,
          value: 7,
          source: "moj-nq19",
        },
      },
      adminB,
    );
    const message = await refused(APPROVE, { id }, admin, "FORBIDDEN");
    expect(message).toMatch(/Admin B/);
    await refused(APPROVE_MANY, { ids: [id] }, admin, "FORBIDDEN");
    // Anyone else who may write the unit approves it as usual.
    expect(
      (await ok<{ approveObservation: { reviewState: string } }>(APPROVE, { id }, a))
        .approveObservation.reviewState,
    ).toBe("APPROVED");
  });
});
