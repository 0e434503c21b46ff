import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";
import { makeUser, type TestUser } from "../helpers/users.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
let hd: TestUser; // steward of Hải Dương (before the merger)
let hd2: TestUser; // a second Hải Dương steward, to review
let hp: TestUser; // steward of Hải Phòng
let hn: TestUser; // steward of Hà Nội: another province (a hai-phong-34 steward also writes the former Hải Dương units)
let admin: TestUser;
let viewer: TestUser;
beforeAll(async () => {
  db = await openTestDb("taskreports");
  gql = await createExecutor(db.orm);
  hd = await makeUser(db.orm, "Steward HD", Role.STEWARD, ["hai-duong-63"]);
  hd2 = await makeUser(db.orm, "Steward HD 2", Role.STEWARD, ["hai-duong-63"]);
  hp = await makeUser(db.orm, "Steward HP", Role.STEWARD, ["hai-phong-63", "hai-phong-34"]);
  hn = await makeUser(db.orm, "Steward HN", Role.STEWARD, ["ha-noi"]);
  admin = await makeUser(db.orm, "Admin TR", Role.ADMIN);
  viewer = await makeUser(db.orm, "Viewer TR", Role.VIEWER);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const SUBMIT = `mutation($input: TaskReportInput!) { submitTaskReport(input: $input) { id year status summary evidenceUrl reviewState rejectionReason programme responsibility agency { code } submittedBy } }`;
const APPROVE = `mutation($id: Int!) { approveTaskReport(id: $id) { id reviewState reviewedAt } }`;
const REJECT = `mutation($id: Int!, $reason: String!) { rejectTaskReport(id: $id, reason: $reason) { id reviewState rejectionReason } }`;
const LIST = `query($p: Code!, $y: Int) { taskReports(programme: $p, year: $y) { awaitingReview reports { id status summary reviewState rejectionReason agency { code } responsibility submittedBy } } }`;
const STATUS = `query($p: Code!, $asOf: LocalDate) { taskReportStatus(programme: $p, asOf: $asOf) { reportDueMonthDay asOf years rows { responsibility agency { code } reported overdue cells { year deadline state reviewState taskStatus reportId } } } }`;

// Row 2 of the Hải Dương plan (section III): Sở Y tế.
const base = {
  programme: "hd-kh-ct31-2024",
  responsibility: "2",
  agency: "hd-so-y-te",
  year: 2024,
  status: "DONE",
  summary: "Tổ chức 3 lớp huấn luyện ATVSLĐ cho 240 người làm công tác y tế cơ sở.",
  evidenceUrl: "https://soyte.haiduong.gov.vn/bao-cao-2024",
};

async function counts() {
  const conn = db.orm.em.getConnection();
  const [row] = await conn.execute(
    `select (select count(*)::int from task_report) reports,
            (select md5(coalesce(string_agg(id || status || summary || review_state, ',' order by id), '')) from task_report) h,
            (select count(*)::int from audit_log where entity = 'task_report') audits`,
  );
  return row;
}

const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) =>
  r.errors?.[0]?.extensions?.code;
const fieldOf = (r: { errors?: { extensions?: { field?: string } }[] }) =>
  r.errors?.[0]?.extensions?.field;

describe("task reports: who may write", () => {
  it("needs a token, refuses viewers and stewards of another unit, and writes nothing", async () => {
    const before = await counts();
    expect(codeOf(await gql.run(SUBMIT, { input: base }))).toBe("UNAUTHENTICATED");
    expect(codeOf(await gql.run(SUBMIT, { input: base }, viewer.user))).toBe("FORBIDDEN");
    expect(codeOf(await gql.run(SUBMIT, { input: base }, hn.user))).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["an empty summary", { summary: "  " }, "summary"],
    ["a summary over 4000 characters", { summary: "x".repeat(4001) }, "summary"],
    ["a control character in the summary", { summary: "ok\u0000" }, "summary"],
    ["an evidence link that is not http(s)", { evidenceUrl: "javascript:alert(1)" }, "evidenceUrl"],
    ["an evidence link with a space", { evidenceUrl: "https://a b" }, "evidenceUrl"],
    ["a year outside the programme (2023)", { year: 2023 }, "year"],
    ["a year out of range", { year: 1800 }, "year"],
    ["an agency not named in the row", { agency: "hd-so-tu-phap" }, "agency"],
    ["an unknown agency code", { agency: "Nope!" }, "agency"],
    ["a row the programme does not have", { responsibility: "99" }, "responsibility"],
    ["an unknown programme", { programme: "atlantis" }, "programme"],
  ])("refuses %s with BAD_USER_INPUT naming the field", async (_name, change, field) => {
    const before = await counts();
    const r = await gql.run(SUBMIT, { input: { ...base, ...change } }, hd.user);
    expect(codeOf(r)).toBe("BAD_USER_INPUT");
    expect(fieldOf(r)).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it("refuses a status that is not one of the four (GraphQL validation)", async () => {
    const r = await gql.run(SUBMIT, { input: { ...base, status: "FINISHED" } }, hd.user);
    expect(codeOf(r)).toBe("BAD_USER_INPUT");
  });
});

describe("task reports: submit, four eyes, review", () => {
  let id = 0;

  it("enters a report as DRAFT: the public sees a count, not its content", async () => {
    const r = await gql.run<any>(SUBMIT, { input: base }, hd.user);
    expect(r.errors).toBeUndefined();
    const report = r.data.submitTaskReport;
    id = report.id;
    expect(report).toMatchObject({
      year: 2024,
      status: "DONE",
      reviewState: "DRAFT",
      programme: "hd-kh-ct31-2024",
      responsibility: "2",
      agency: { code: "hd-so-y-te" },
      submittedBy: "Steward HD",
    });
    const pub = await gql.run<any>(LIST, { p: "hd-kh-ct31-2024" });
    expect(pub.data.taskReports).toEqual({ awaitingReview: 1, reports: [] });
    const own = await gql.run<any>(LIST, { p: "hd-kh-ct31-2024" }, hd2.user);
    expect(own.data.taskReports.reports.map((x: any) => x.id)).toEqual([id]);
    // A steward of another unit sees only what the public sees.
    const other = await gql.run<any>(LIST, { p: "hd-kh-ct31-2024" }, hn.user);
    expect(other.data.taskReports.reports).toEqual([]);
  });

  it("never lets the author review it, nor a steward of another unit", async () => {
    const before = await counts();
    expect(codeOf(await gql.run(APPROVE, { id }, hd.user))).toBe("FORBIDDEN");
    expect(codeOf(await gql.run(REJECT, { id, reason: "no" }, hd.user))).toBe("FORBIDDEN");
    expect(codeOf(await gql.run(APPROVE, { id }, hn.user))).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
  });

  it("is approved by a second steward, audited, and then public", async () => {
    const r = await gql.run<any>(APPROVE, { id }, hd2.user);
    expect(r.errors).toBeUndefined();
    expect(r.data.approveTaskReport.reviewState).toBe("APPROVED");
    const pub = await gql.run<any>(LIST, { p: "hd-kh-ct31-2024", y: 2024 });
    expect(pub.data.taskReports.awaitingReview).toBe(0);
    expect(pub.data.taskReports.reports).toEqual([
      expect.objectContaining({ id, status: "DONE", summary: base.summary, submittedBy: null }),
    ]);
    const audits = await db.orm.em
      .getConnection()
      .execute(
        `select action, user_name from audit_log where entity = 'task_report' and entity_id = ? order by id`,
        [String(id)],
      );
    expect(audits).toEqual([
      { action: "CREATE", user_name: "Steward HD" },
      { action: "APPROVE", user_name: "Steward HD 2" },
    ]);
    const byAgency = (agency: string) =>
      gql.run<any>(
        `query($a: Code) { taskReports(programme: "hd-kh-ct31-2024", agency: $a) { reports { id } } }`,
        { a: agency },
      );
    expect((await byAgency("hd-so-y-te")).data.taskReports.reports).toEqual([{ id }]);
    expect((await byAgency("hd-so-tu-phap")).data.taskReports.reports).toEqual([]);
    expect((await byAgency("Bad Code")).errors?.[0].extensions?.field).toBe("agency");
    // Approving twice is a mistake, not a change.
    const again = await gql.run(APPROVE, { id }, admin.user);
    expect(codeOf(again)).toBe("BAD_USER_INPUT");
  });

  it("keeps an approved report when the same report is sent again", async () => {
    const before = await counts();
    const r = await gql.run<any>(SUBMIT, { input: base }, hd2.user);
    expect(r.data.submitTaskReport).toMatchObject({ id, reviewState: "APPROVED" });
    expect(await counts()).toEqual(before);
  });

  it("puts a changed report back to DRAFT; whoever changed it may not approve it", async () => {
    const changed = { ...base, status: "IN_PROGRESS", summary: "Đang tổ chức lớp thứ 4." };
    const r = await gql.run<any>(SUBMIT, { input: changed }, hd2.user);
    expect(r.data.submitTaskReport).toMatchObject({ id, reviewState: "DRAFT" });
    // Back to draft: the public sees the count again, no longer the old content as current.
    const pub = await gql.run<any>(LIST, { p: "hd-kh-ct31-2024" });
    expect(pub.data.taskReports).toEqual({ awaitingReview: 1, reports: [] });
    expect(codeOf(await gql.run(APPROVE, { id }, hd2.user))).toBe("FORBIDDEN");
  });

  it("rejects with a reason the author sees; an empty reason is refused", async () => {
    const empty = await gql.run(REJECT, { id, reason: " " }, hd.user);
    expect(codeOf(empty)).toBe("BAD_USER_INPUT");
    expect(fieldOf(empty)).toBe("reason");
    const r = await gql.run<any>(REJECT, { id, reason: "Thiếu số người được huấn luyện" }, hd.user);
    expect(r.data.rejectTaskReport).toMatchObject({
      reviewState: "REJECTED",
      rejectionReason: "Thiếu số người được huấn luyện",
    });
    const own = await gql.run<any>(LIST, { p: "hd-kh-ct31-2024" }, hd2.user);
    expect(own.data.taskReports.reports[0].rejectionReason).toBe("Thiếu số người được huấn luyện");
    const pub = await gql.run<any>(LIST, { p: "hd-kh-ct31-2024" });
    expect(pub.data.taskReports).toEqual({ awaitingReview: 0, reports: [] });
  });

  it("a rejection does not make the reviewer an author: resent, the reviewer may approve", async () => {
    const fixed = { ...base, status: "DONE", summary: "4 lớp, 320 người được huấn luyện." };
    const r = await gql.run<any>(SUBMIT, { input: fixed }, hd2.user);
    expect(r.data.submitTaskReport).toMatchObject({ reviewState: "DRAFT", rejectionReason: null });
    const ok = await gql.run<any>(APPROVE, { id }, hd.user);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.approveTaskReport.reviewState).toBe("APPROVED");
  });

  it("lets an admin report for any programme (and another admin approve)", async () => {
    const r = await gql.run<any>(
      SUBMIT,
      {
        input: {
          programme: "hp-nq23-2023-2025",
          responsibility: "2",
          agency: "hp-so-ldtbxh",
          year: 2023,
          status: "IN_PROGRESS",
          summary: "Đang triển khai.",
        },
      },
      admin.user,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.submitTaskReport.evidenceUrl).toBeNull();
    expect(codeOf(await gql.run(APPROVE, { id: r.data.submitTaskReport.id }, admin.user))).toBe(
      "FORBIDDEN",
    );
    const ok = await gql.run<any>(APPROVE, { id: r.data.submitTaskReport.id }, hp.user);
    expect(ok.data.approveTaskReport.reviewState).toBe("APPROVED");
  });
});

describe("task reports: reporting status per body and year", () => {
  it("Hải Dương (due 20 December): reported, overdue for 2024, not overdue for bodies that ended before the 2025 deadline", async () => {
    const r = await gql.run<any>(STATUS, { p: "hd-kh-ct31-2024", asOf: "2026-11-30" });
    expect(r.errors).toBeUndefined();
    const s = r.data.taskReportStatus;
    expect(s.reportDueMonthDay).toBe("12-20");
    expect(s.years).toEqual([2024, 2025]);
    // 18 rows of bodies, some naming several agencies (row 3: Sở TT&TT and the press).
    expect(new Set(s.rows.map((x: any) => x.responsibility)).size).toBe(18);
    expect(s.rows.length).toBe(26);
    const yte = s.rows.find((x: any) => x.agency.code === "hd-so-y-te");
    expect(yte.cells[0]).toMatchObject({
      year: 2024,
      deadline: "2024-12-20",
      state: "REPORTED",
      reviewState: "APPROVED",
      taskStatus: "DONE",
    });
    expect(yte.cells[0].reportId).toBeGreaterThan(0);
    expect(yte.reported).toBe(1);
    const tuPhap = s.rows.find((x: any) => x.agency.code === "hd-so-tu-phap");
    expect(tuPhap.cells.map((c: any) => c.state)).toEqual(["OVERDUE", "NOT_REPORTED"]);
    expect(tuPhap.overdue).toBe(1);
    expect(s.rows.filter((x: any) => x.overdue === 1).length).toBe(25);
  });

  it("before the deadline nothing is overdue, and later years are not listed yet", async () => {
    const r = await gql.run<any>(STATUS, { p: "hd-kh-ct31-2024", asOf: "2024-12-20" });
    const s = r.data.taskReportStatus;
    expect(s.years).toEqual([2024]);
    expect(s.rows.every((x: any) => x.overdue === 0)).toBe(true);
  });

  it("Hải Phòng's plan sets no date: never overdue", async () => {
    const r = await gql.run<any>(STATUS, { p: "hp-nq23-2023-2025", asOf: "2026-11-30" });
    const s = r.data.taskReportStatus;
    expect(s.reportDueMonthDay).toBeNull();
    expect(s.years).toEqual([2023, 2024, 2025]);
    expect(s.rows.flatMap((x: any) => x.cells).some((c: any) => c.state === "OVERDUE")).toBe(false);
    const ld = s.rows.find((x: any) => x.responsibility === "2");
    expect(ld.cells[0]).toMatchObject({ state: "REPORTED", taskStatus: "IN_PROGRESS" });
  });

  it("refuses a bad programme or date as BAD_USER_INPUT", async () => {
    expect(fieldOf(await gql.run(STATUS, { p: "nope" }))).toBe("programme");
    expect(codeOf(await gql.run(STATUS, { p: "hd-kh-ct31-2024", asOf: "2024-13-01" }))).toBe(
      "BAD_USER_INPUT",
    );
  });
});

describe("csvLayouts", () => {
  it("describes the three import layouts with their columns and limits", async () => {
    const r = await gql.run<any>(
      `{ csvLayouts { layout columns needsSource sampleFile maxBytes maxRows } }`,
    );
    const byLayout = Object.fromEntries(r.data.csvLayouts.map((l: any) => [l.layout, l]));
    expect(Object.keys(byLayout).sort()).toEqual(["ACCIDENTS", "CHECKUPS", "MONITORING"]);
    expect(byLayout.ACCIDENTS.columns).toContain("fatal_accidents");
    expect(byLayout.ACCIDENTS.needsSource).toBe(true);
    expect(byLayout.MONITORING.needsSource).toBe(false);
    expect(byLayout.CHECKUPS.sampleFile).toBe("seeds/samples/checkups.csv");
    expect(byLayout.CHECKUPS.maxBytes).toBe(5 * 1024 * 1024);
    expect(byLayout.CHECKUPS.maxRows).toBe(50_000);
  });
});
