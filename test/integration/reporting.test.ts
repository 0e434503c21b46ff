import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";

/** Issue 10: the reporting checklist, the review queue, rejection with a reason, and the public coverage grid. */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
let hp1: TestUser;
let hp2: TestUser;
let hd: TestUser;
beforeAll(async () => {
  db = await openTestDb("reporting");
  gql = await createExecutor(db.orm);
  hp1 = await makeUser(db.orm, "HP steward 1", Role.STEWARD, ["hai-phong-63"]);
  hp2 = await makeUser(db.orm, "HP steward 2", Role.STEWARD, ["hai-phong-63"]);
  hd = await makeUser(db.orm, "HD steward", Role.STEWARD, ["hai-duong-63"]);
  await gql.run(
    `mutation { createSource(input: { code: "hp-snv-2025", title: "Báo cáo Sở Nội vụ Hải Phòng", grade: A }) { code } }`,
    {},
    hp1.user,
  );
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const CHECKLIST = `query($unit: Code!, $year: Int!) { reportingChecklist(unit: $unit, year: $year) {
  items { indicator { code } year unit { code } baseYear state observation { id value rejectionReason } targets { programme label } } } }`;
const CREATE = `mutation($input: CreateObservationInput!) { createObservation(input: $input) { id reviewState } }`;
const COVERAGE = `query($p: Code!, $u: Code) { reportingCoverage(programme: $p, unit: $u) {
  years deadline cells { indicator year unit state baseYear } units { code }
  targets { target { label } assessable missing { indicator year unit baseYear } }
  totals { unit { code } official provisional draft missing overdue } } }`;

const create = (user: TestUser, indicator: string, year: number, value: number) =>
  gql.run<{ createObservation: { id: number } }>(
    CREATE,
    { input: { indicator, unit: "hai-phong-63", year, value, source: "hp-snv-2025" } },
    user.user,
  );

describe("reportingChecklist", () => {
  it("lists the year's values, the base years of annual-rate targets and the denominators of rates", async () => {
    const res = await gql.run(CHECKLIST, { unit: "hai-phong-63", year: 2024 }, hp1.user);
    expect(res.errors).toBeUndefined();
    const items = res.data!.reportingChecklist.items as any[];
    const key = (i: any) => `${i.indicator.code}|${i.year}|${i.state}`;
    const keys = items.map(key);
    // NQ 19 (base 2020) and the Hải Phòng plan (base 2022) both need workers examined.
    expect(keys).toContain("od-workers-examined|2022|MISSING");
    expect(keys).toContain("od-workers-examined|2020|MISSING");
    expect(keys).toContain("od-workers-examined|2024|MISSING");
    // The fatal-accident rate needs deaths and employed workers of the whole year (the seed has
    // only the first half of 2024: no yearly value).
    expect(keys).toContain("oa-deaths|2024|MISSING");
    expect(keys).toContain("employed-population|2024|MISSING");
    expect(keys).toContain("employed-population|2020|MISSING");
    const examined = items.find(i => key(i) === "od-workers-examined|2022|MISSING");
    expect(examined.baseYear).toBe(true);
    expect(examined.targets).toContainEqual({ programme: "hp-nq23-2023-2025", label: "2a" });
  });

  it("asks the former provinces for the years before the merger (hai-phong-34, 2025)", async () => {
    const admin = await makeUser(db.orm, "Admin", Role.ADMIN);
    const res = await gql.run(CHECKLIST, { unit: "hai-phong-34", year: 2025 }, admin.user);
    expect(res.errors).toBeUndefined();
    const items = res.data!.reportingChecklist.items as any[];
    const base2020 = items.filter(i => i.indicator.code === "oa-deaths" && i.year === 2020);
    expect(base2020.map(i => i.unit.code).sort()).toEqual(["hai-duong-63", "hai-phong-63"]);
    const own2025 = items.filter(i => i.indicator.code === "oa-deaths" && i.year === 2025);
    expect(own2025.map(i => i.unit.code)).toEqual(["hai-phong-34"]);
  });

  it("refuses a unit outside the steward's, and a year the unit did not exist", async () => {
    const other = await gql.run(CHECKLIST, { unit: "hai-phong-63", year: 2024 }, hd.user);
    expect(other.errors![0].extensions!.code).toBe("FORBIDDEN");
    const gone = await gql.run(CHECKLIST, { unit: "hai-phong-63", year: 2026 }, hp1.user);
    expect(gone.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "year" });
  });
});

describe("review queue and rejection", () => {
  it("lists only drafts others wrote; rejecting keeps the reason for the author, nothing else changes", async () => {
    const a = await create(hp1, "od-workers-examined", 2021, 150000);
    const id = a.data!.createObservation.id;
    const QUEUE = `{ reviewQueue { observation { id } authorName previousValue } }`;
    const mine = await gql.run(QUEUE, {}, hp1.user);
    expect(mine.data!.reviewQueue.map((r: any) => r.observation.id)).not.toContain(id);
    const theirs = await gql.run(QUEUE, {}, hp2.user);
    expect(theirs.data!.reviewQueue).toContainEqual({
      observation: { id },
      authorName: "HP steward 1",
      previousValue: null,
    });
    const REJECT = `mutation($id: Int!, $r: String!) { rejectObservation(id: $id, reason: $r) { reviewState rejectionReason } }`;
    // The author may not reject their own draft, a steward of another unit may not either.
    const before = await fingerprint(db.orm);
    expect((await gql.run(REJECT, { id, r: "sai số" }, hp1.user)).errors![0].extensions!.code).toBe(
      "FORBIDDEN",
    );
    expect((await gql.run(REJECT, { id, r: "sai số" }, hd.user)).errors![0].extensions!.code).toBe(
      "FORBIDDEN",
    );
    expect((await gql.run(REJECT, { id, r: " " }, hp2.user)).errors![0].extensions!.field).toBe(
      "reason",
    );
    expect(await fingerprint(db.orm)).toEqual(before);
    const done = await gql.run(
      REJECT,
      { id, r: "Số liệu năm 2021 chưa có xác nhận của Sở Y tế" },
      hp2.user,
    );
    expect(done.data!.rejectObservation).toEqual({
      reviewState: "REJECTED",
      rejectionReason: "Số liệu năm 2021 chưa có xác nhận của Sở Y tế",
    });
    const rejected = await gql.run(
      `{ myRejectedObservations { id rejectionReason } }`,
      {},
      hp1.user,
    );
    expect(rejected.data!.myRejectedObservations).toContainEqual({
      id,
      rejectionReason: "Số liệu năm 2021 chưa có xác nhận của Sở Y tế",
    });
    const audit = await db.orm.em
      .getConnection()
      .execute(
        `select action, note from audit_log where entity = 'observation' and entity_id = ? order by id`,
        [String(id)],
      );
    expect(audit.map((r: any) => r.action)).toEqual(["CREATE", "REJECT"]);
    // Corrected by its author, it is a draft again (the reason cleared) that hp2 may approve.
    const fixed = await gql.run(
      `mutation($id: Int!) { updateObservation(id: $id, patch: { value: 151000 }) { reviewState rejectionReason } }`,
      { id },
      hp1.user,
    );
    expect(fixed.data!.updateObservation).toEqual({ reviewState: "DRAFT", rejectionReason: null });
    const ok = await gql.run(
      `mutation($id: Int!) { approveObservation(id: $id) { reviewState } }`,
      { id },
      hp2.user,
    );
    expect(ok.data!.approveObservation.reviewState).toBe("APPROVED");
    // A later correction shows the approved value beside the new one.
    await gql.run(
      `mutation($id: Int!) { updateObservation(id: $id, patch: { value: 152000 }) { id } }`,
      { id },
      hp1.user,
    );
    const queue = await gql.run(QUEUE, {}, hp2.user);
    expect(queue.data!.reviewQueue).toContainEqual({
      observation: { id },
      authorName: "HP steward 1",
      previousValue: 151000,
    });
  });
});

describe("reportingCoverage (public)", () => {
  it("shows drafts as counts, names what makes a target assessable, and follows the merger", async () => {
    const d = await create(hp1, "od-workers-examined", 2024, 210000);
    const res = await gql.run(COVERAGE, { p: "hp-nq23-2023-2025", u: null });
    expect(res.errors).toBeUndefined();
    const c = res.data!.reportingCoverage;
    expect(c.years).toEqual([2022, 2023, 2024, 2025]);
    expect(c.deadline).toBeNull();
    expect(c.cells).toContainEqual({
      indicator: "od-workers-examined",
      year: 2024,
      unit: "hai-phong-63",
      state: "DRAFT",
      baseYear: false,
    });
    const t2a = c.targets.find((t: any) => t.target.label === "2a");
    expect(t2a.assessable).toBe(false);
    expect(t2a.missing).toContainEqual({
      indicator: "od-workers-examined",
      year: 2022,
      unit: "hai-phong-63",
      baseYear: true,
    });
    const t1 = c.targets.find((t: any) => t.target.label === "1");
    // Fatal-accident rate, base 2022: deaths and employed workers of 2022 and of a later year
    // (the latest, 2025: the seed's deaths are for the first half of 2024 and 2025 only).
    expect(t1.missing).toEqual([
      { indicator: "employed-population", year: 2022, unit: "hai-phong-63", baseYear: true },
      { indicator: "employed-population", year: 2025, unit: "hai-phong-63", baseYear: false },
      { indicator: "oa-deaths", year: 2022, unit: "hai-phong-63", baseYear: true },
      { indicator: "oa-deaths", year: 2025, unit: "hai-phong-63", baseYear: false },
    ]);
    const totals = c.totals[0];
    expect(totals.unit.code).toBe("hai-phong-63");
    expect(totals.draft).toBeGreaterThanOrEqual(1);
    expect(
      totals.official + totals.provisional + totals.draft + totals.missing + totals.overdue,
    ).toBe(c.cells.length);
    // A public answer never carries a draft value: the schema of the grid has none to carry.
    expect(JSON.stringify(res.data)).not.toContain("210000");
    // National programme for the city formed in 2025: the former provinces report the years before.
    const merged = await gql.run(COVERAGE, { p: "nq19-2021-2025", u: "hai-phong-34" });
    const units = new Set(
      (merged.data!.reportingCoverage.cells as any[]).filter(x => x.year === 2020).map(x => x.unit),
    );
    expect([...units].sort()).toEqual(["hai-duong-63", "hai-phong-63"]);
    expect(d.errors).toBeUndefined();
  });

  it("marks missing values overdue after the deadline the plan gives (Hải Dương: 20 December), on the targets it implements", async () => {
    const res = await gql.run(COVERAGE, { p: "hd-kh-ct31-2024", u: null });
    const c = res.data!.reportingCoverage;
    expect(c.deadline).toBe("12-20");
    const y2024 = (c.cells as any[]).filter(x => x.year === 2024 && x.state !== "OFFICIAL");
    expect(y2024.length).toBeGreaterThan(0);
    expect(
      y2024.every(x => x.state === "OVERDUE" || x.state === "DRAFT" || x.state === "PROVISIONAL"),
    ).toBe(true);
  });
});
