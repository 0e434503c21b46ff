import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";
import { makeUser, type TestUser } from "../helpers/users.js";

/**
 * Hải Dương was merged into Hải Phòng on 2025-07-01: the new province's department
 * (`hai-phong-34`) holds the records of both former units, so its stewards report and approve
 * their values (the predecessors through the unit lineage). A steward of a former unit keeps that
 * unit only.
 */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
let hp34a: TestUser;
let hp34b: TestUser;
let hd: TestUser;
beforeAll(async () => {
  db = await openTestDb("mergedscope");
  gql = await createExecutor(db.orm);
  hp34a = await makeUser(db.orm, "Steward HP34 A", Role.STEWARD, ["hai-phong-34"]);
  hp34b = await makeUser(db.orm, "Steward HP34 B", Role.STEWARD, ["hai-phong-34"]);
  hd = await makeUser(db.orm, "Steward HD63", Role.STEWARD, ["hai-duong-63"]);
  await gql.run(
    `mutation { createSource(input: { code: "hp34-snv", title: "Báo cáo Sở Nội vụ thành phố Hải Phòng", grade: A }) { code } }`,
    {},
    hp34a.user,
  );
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const CREATE = `mutation($input: CreateObservationInput!) { createObservation(input: $input) { id reviewState } }`;
const create = (user: TestUser, unit: string, year: number, value: number) =>
  gql.run<{ createObservation: { id: number; reviewState: string } }>(
    CREATE,
    { input: { indicator: "oa-deaths", unit, year, value, source: "hp34-snv" } },
    user.user,
  );
const codes = (list: { code: string }[]) => list.map(u => u.code);

describe("stewards of the merged unit hai-phong-34", () => {
  it("may write the former units: me.writableUnits names them, for the #/report picker", async () => {
    const me = `{ me { units { code } writableUnits { code } } }`;
    const merged = await gql.run(me, {}, hp34a.user);
    expect(codes(merged.data!.me.units)).toEqual(["hai-phong-34"]);
    expect(codes(merged.data!.me.writableUnits)).toEqual([
      "hai-phong-34",
      "hai-duong-63",
      "hai-phong-63",
    ]);
    const former = await gql.run(me, {}, hd.user);
    expect(codes(former.data!.me.writableUnits)).toEqual(["hai-duong-63"]);
  });

  it("report a former unit's value, see it in the checklist, and a second steward approves it", async () => {
    const made = await create(hp34a, "hai-duong-63", 2022, 41);
    expect(made.errors).toBeUndefined();
    const id = made.data!.createObservation.id;
    expect(made.data!.createObservation.reviewState).toBe("DRAFT");

    const checklist = await gql.run(
      `query { reportingChecklist(unit: "hai-duong-63", year: 2022) { items { indicator { code } unit { code } state observation { id } } } }`,
      {},
      hp34a.user,
    );
    expect(checklist.errors).toBeUndefined();
    expect(checklist.data!.reportingChecklist.items).toContainEqual({
      indicator: { code: "oa-deaths" },
      unit: { code: "hai-duong-63" },
      state: "DRAFT",
      observation: { id },
    });

    const queue = await gql.run(`{ reviewQueue { observation { id } } }`, {}, hp34b.user);
    expect(queue.data!.reviewQueue.map((r: any) => r.observation.id)).toContain(id);
    const approved = await gql.run(
      `mutation($id: Int!) { approveObservation(id: $id) { reviewState } }`,
      { id },
      hp34b.user,
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveObservation.reviewState).toBe("APPROVED");
  });

  it("write the former Hải Phòng too, but never a unit outside the lineage", async () => {
    expect((await create(hp34a, "hai-phong-63", 2021, 60)).errors).toBeUndefined();
    const other = await create(hp34a, "ha-noi", 2022, 1);
    expect(other.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("a steward of a former unit (hai-duong-63)", () => {
  it("keeps their own unit and gains no rights over the successor or the other former unit", async () => {
    expect((await create(hd, "hai-duong-63", 2021, 39)).errors).toBeUndefined();
    for (const unit of ["hai-phong-34", "hai-phong-63"]) {
      const refused = await create(hd, unit, unit === "hai-phong-34" ? 2025 : 2021, 5);
      expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
    const checklist = await gql.run(
      `query { reportingChecklist(unit: "hai-phong-63", year: 2022) { items { state } } }`,
      {},
      hd.user,
    );
    expect(checklist.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    // The former Hải Phòng's draft of the merged unit's steward is not in their queue.
    const queue = await gql.run(`{ reviewQueue { observation { unit { code } } } }`, {}, hd.user);
    expect(
      queue
        .data!.reviewQueue.map((r: any) => r.observation.unit.code)
        .filter((c: string) => c !== "hai-duong-63"),
    ).toEqual([]);
  });
});
