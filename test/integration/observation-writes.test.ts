import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
let hd: TestUser; // steward of Hải Dương (before the merger)
let hd2: TestUser; // a second Hải Dương steward, to approve
let hn: TestUser; // steward of Hà Nội: another province (a hai-phong-34 steward also writes the former Hải Dương units)
let viewer: TestUser;
beforeAll(async () => {
  db = await openTestDb("obswrites");
  gql = await createExecutor(db.orm);
  hd = await makeUser(db.orm, "Steward HD", Role.STEWARD, ["hai-duong-63"]);
  hd2 = await makeUser(db.orm, "Steward HD 2", Role.STEWARD, ["hai-duong-63"]);
  hn = await makeUser(db.orm, "Steward HN", Role.STEWARD, ["ha-noi"]);
  viewer = await makeUser(db.orm, "Viewer", Role.VIEWER);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const CREATE = `mutation($input: CreateObservationInput!) { createObservation(input: $input) { id value reviewState source { code } grade } }`;
const base = {
  indicator: "oa-accidents",
  unit: "hai-duong-63",
  year: 2019,
  value: 12,
  source: "moj-nq19",
};
const official = (unit: string, year: number) =>
  gql.run<{ observations: { nodes: { value: number; reviewState: string }[] } }>(
    `{ observations(filter: { indicators: ["oa-accidents"], units: ["${unit}"], yearFrom: ${year}, yearTo: ${year} }) { nodes { value reviewState } } }`,
  );
const audit = async (entity: string, entityId: number | string) => {
  const admin = { id: 0, name: "reader", role: "ADMIN" as const, unitIds: [] };
  const r = await gql.run<{
    auditLog: {
      nodes: { action: string; userName: string; before: any; after: any; entityId: string }[];
    };
  }>(
    `query($f: AuditFilter) { auditLog(filter: $f, first: 50) { nodes { action userName entityId before after } } }`,
    { f: { entity, entityId: String(entityId) } },
    admin,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.auditLog.nodes;
};

describe("observation writes", () => {
  it("needs a token: UNAUTHENTICATED, and a viewer is FORBIDDEN", async () => {
    const before = await fingerprint(db.orm);
    expect((await gql.run(CREATE, { input: base })).errors?.[0].extensions?.code).toBe(
      "UNAUTHENTICATED",
    );
    expect((await gql.run(CREATE, { input: base }, viewer.user)).errors?.[0].extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect(await fingerprint(db.orm)).toEqual(before);
  });

  it("keeps a steward inside its units: a Hải Dương steward cannot write Hải Phòng", async () => {
    const before = await fingerprint(db.orm);
    const r = await gql.run(CREATE, { input: { ...base, unit: "hai-phong-63" } }, hd.user);
    expect(r.errors?.[0].extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "OUT_OF_SCOPE",
      values: { code: "hai-phong-63" },
    });
    expect(await fingerprint(db.orm)).toEqual(before);
  });

  it.each([
    ["a percentage over 100", { indicator: "oa-fatal-investigated", value: 101 }, "value", null],
    ["a fractional count", { value: 12.5 }, "value", null],
    ["a negative count", { value: -1 }, "value", null],
    ["a year the unit did not exist (Hải Dương in 2026)", { year: 2026 }, "year", "NOT_IN_YEAR"],
    ["a year out of range", { year: 1800 }, "year", null],
    ["an unknown unit", { unit: "atlantis" }, "unit", "UNKNOWN_CODE"],
    ["an unknown indicator", { indicator: "nope" }, "indicator", "UNKNOWN_CODE"],
    ["a measure that does not match", { measure: "PERCENT" }, "measure", "MEASURE_MISMATCH"],
    ["no source", { source: "" }, "source", null],
    ["an unknown source", { source: "no-such-source" }, "source", "UNKNOWN_CODE"],
    ["an illustrative status", { status: "ILLUSTRATIVE" }, "status", null],
    ["a long note", { note: "x".repeat(5000) }, "note", null],
  ])("refuses %s with BAD_USER_INPUT naming the field", async (_what, patch, field, reason) => {
    const before = await fingerprint(db.orm);
    const r = await gql.run(CREATE, { input: { ...base, ...patch } }, hd.user);
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    // The refusals a form can meet say why, for the web to word in Vietnamese (errors.ts).
    expect(r.errors?.[0].extensions?.reason ?? null).toBe(reason);
    expect(await fingerprint(db.orm)).toEqual(before);
  });

  it("says what a refusal names: the unit and the years it existed, the indicator's measure", async () => {
    const gone = await gql.run(CREATE, { input: { ...base, year: 2026 } }, hd.user);
    expect(gone.errors?.[0].extensions?.values).toEqual({
      code: "hai-duong-63",
      year: 2026,
      from: "",
      to: "2025-06-30",
    });
    const measure = await gql.run(CREATE, { input: { ...base, measure: "PERCENT" } }, hd.user);
    expect(measure.errors?.[0].extensions?.values).toEqual({
      indicator: "oa-accidents",
      measure: "COUNT",
      given: "PERCENT",
    });
  });

  it("accepts a percentage of 100 and a zero count", async () => {
    const a = await gql.run(
      CREATE,
      { input: { ...base, indicator: "oa-fatal-investigated", value: 100, year: 2018 } },
      hd.user,
    );
    expect(a.errors).toBeUndefined();
    const b = await gql.run(CREATE, { input: { ...base, value: 0, year: 2018 } }, hd.user);
    expect(b.errors).toBeUndefined();
  });

  it("creates a DRAFT, hidden from official views until another steward approves it", async () => {
    const created = await gql.run<{
      createObservation: { id: number; reviewState: string; grade: string };
    }>(CREATE, { input: base }, hd.user);
    expect(created.errors).toBeUndefined();
    const { id, reviewState } = created.data!.createObservation;
    expect(reviewState).toBe("DRAFT");
    expect((await official("hai-duong-63", 2019)).data!.observations.nodes).toEqual([]);

    const APPROVE = `mutation($id: Int!) { approveObservation(id: $id) { id reviewState } }`;
    expect((await gql.run(APPROVE, { id }, hd.user)).errors?.[0].extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "FOUR_EYES",
      values: { id },
    }); // own value
    expect((await gql.run(APPROVE, { id }, hn.user)).errors?.[0].extensions?.code).toBe(
      "FORBIDDEN",
    ); // other province
    const approved = await gql.run<{ approveObservation: { reviewState: string } }>(
      APPROVE,
      { id },
      hd2.user,
    );
    expect(approved.data?.approveObservation.reviewState).toBe("APPROVED");
    expect((await official("hai-duong-63", 2019)).data!.observations.nodes).toEqual([
      { value: 12, reviewState: "APPROVED" },
    ]);
    const row = (
      await db.orm.em
        .getConnection()
        .execute(`select created_by_id, approved_by_id from observation where id = ?`, [id])
    )[0];
    expect(row).toEqual({ created_by_id: hd.user.id, approved_by_id: hd2.user.id });

    const [approval, creation] = await audit("observation", id);
    expect(creation).toMatchObject({
      action: "CREATE",
      userName: "Steward HD",
      before: null,
      after: { value: 12, reviewState: "DRAFT" },
    });
    expect(approval).toMatchObject({
      action: "APPROVE",
      userName: "Steward HD 2",
      before: { reviewState: "DRAFT" },
      after: { reviewState: "APPROVED" },
    });
  });

  it("refuses a second value for the same key, and a correction goes back to DRAFT with the old value audited", async () => {
    const dup = await gql.run(CREATE, { input: base }, hd2.user);
    expect(dup.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "year",
      reason: "ALREADY_EXISTS",
      values: { indicator: "oa-accidents", unit: "hai-duong-63", year: 2019 },
    });
    const id = Number(
      (
        await db.orm.em
          .getConnection()
          .execute(
            `select o.id from observation o join administrative_unit u on u.id = o.unit_id join indicator i on i.id = o.indicator_id where u.code = 'hai-duong-63' and i.code = 'oa-accidents' and year = 2019 and dataset = 'OFFICIAL'`,
          )
      )[0].id,
    );
    expect(dup.errors?.[0].extensions?.values).toMatchObject({ id });
    const UPDATE = `mutation($id: Int!, $patch: ObservationPatch!) { updateObservation(id: $id, patch: $patch) { value reviewState } }`;
    expect(
      (await gql.run(UPDATE, { id, patch: { value: 1.5 } }, hd2.user)).errors?.[0].extensions,
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "value" });
    expect(
      (await gql.run(UPDATE, { id, patch: { value: 13 } }, hn.user)).errors?.[0].extensions?.code,
    ).toBe("FORBIDDEN");
    const fixed = await gql.run<{ updateObservation: { value: number; reviewState: string } }>(
      UPDATE,
      { id, patch: { value: 13, note: "corrected from the final report" } },
      hd2.user,
    );
    expect(fixed.data?.updateObservation).toEqual({ value: 13, reviewState: "DRAFT" });
    expect((await official("hai-duong-63", 2019)).data!.observations.nodes).toEqual([]);
    const [update] = await audit("observation", id);
    expect(update).toMatchObject({
      action: "UPDATE",
      userName: "Steward HD 2",
      before: { value: 12, reviewState: "APPROVED" },
      after: { value: 13, reviewState: "DRAFT" },
    });

    const drafts = await gql.run<{ draftObservations: { totalCount: number } }>(
      `{ draftObservations { totalCount } }`,
      {},
      hd.user,
    );
    expect(drafts.data!.draftObservations.totalCount).toBeGreaterThanOrEqual(1);
    const ok = await gql.run(
      `mutation($ids: [Int!]!) { approveObservations(ids: $ids) { reviewState } }`,
      { ids: [id] },
      hd.user,
    );
    expect(ok.errors).toBeUndefined();
    expect((await official("hai-duong-63", 2019)).data!.observations.nodes).toEqual([
      { value: 13, reviewState: "APPROVED" },
    ]);
    // Approved meanwhile (another reviewer's tab): no longer a draft, said so by reason.
    const again = await gql.run(
      `mutation($ids: [Int!]!) { approveObservations(ids: $ids) { reviewState } }`,
      { ids: [id] },
      hd2.user,
    );
    expect(again.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "NOT_A_DRAFT",
      values: { id },
    });
  });

  it("deletes a value in scope, audited with the row before", async () => {
    const c = await gql.run<{ createObservation: { id: number } }>(
      CREATE,
      { input: { ...base, year: 2017 } },
      hd.user,
    );
    const id = c.data!.createObservation.id;
    const DELETE = `mutation($id: Int!) { deleteObservation(id: $id) }`;
    expect((await gql.run(DELETE, { id }, hn.user)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await gql.run(DELETE, { id: 99999999 }, hd.user)).errors?.[0].extensions).toMatchObject(
      { code: "BAD_USER_INPUT", field: "id" },
    );
    expect((await gql.run(DELETE, { id }, hd.user)).data).toEqual({ deleteObservation: id });
    const [deletion] = await audit("observation", id);
    expect(deletion).toMatchObject({ action: "DELETE", before: { id, value: 12 }, after: null });
  });
});
