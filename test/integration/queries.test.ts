import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("queries");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

async function ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await gql.run<T>(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

describe("units", () => {
  it("has 63 provinces before 2025-07-01 and 34 from that day", async () => {
    const q = `query($d: LocalDate!) { units(filter: { level: PROVINCE, asOf: $d }) { totalCount } }`;
    expect((await ok(q, { d: "2025-06-30" })).units.totalCount).toBe(63);
    expect((await ok(q, { d: "2025-07-01" })).units.totalCount).toBe(34);
  });

  it("gives Hải Dương no successor while it existed, and Hải Phòng (2025) after", async () => {
    const data = await ok(`{
      before: units(filter: { asOf: "2025-06-30", codes: ["hai-duong-63"] }) { nodes { code validTo } }
      after: units(filter: { asOf: "2025-07-01", codes: ["hai-duong-63"] }) { totalCount }
      hd: unit(code: "hai-duong-63") { nameVi validTo successor { code nameVi validFrom } }
      hp: unit(code: "hai-phong-34") { predecessors { code } }
    }`);
    expect(data.before.nodes).toEqual([{ code: "hai-duong-63", validTo: "2025-06-30" }]);
    expect(data.after.totalCount).toBe(0);
    expect(data.hd.nameVi).toContain("Hải Dương");
    expect(data.hd.successor).toMatchObject({ code: "hai-phong-34", validFrom: "2025-07-01" });
    expect(data.hp.predecessors.map((u: { code: string }) => u.code)).toEqual([
      "hai-duong-63",
      "hai-phong-63",
    ]);
  });

  it("lists the merger table and pages with cursors", async () => {
    const data = await ok(
      `{ unitLineage { predecessor { code } successor { code } effectiveOn } }`,
    );
    expect(data.unitLineage).toHaveLength(52);
    expect(data.unitLineage).toContainEqual({
      predecessor: { code: "hai-duong-63" },
      successor: { code: "hai-phong-34" },
      effectiveOn: "2025-07-01",
    });
    const first = await ok(
      `{ units(first: 10, orderBy: CODE_ASC) { totalCount edges { cursor node { code } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(first.units.edges).toHaveLength(10);
    expect(first.units.pageInfo.hasNextPage).toBe(true);
    const second = await ok(
      `query($a: String) { units(first: 10, after: $a, orderBy: CODE_ASC) { nodes { code } pageInfo { hasPreviousPage } } }`,
      { a: first.units.pageInfo.endCursor },
    );
    expect(second.units.nodes[0].code > first.units.edges[9].node.code).toBe(true);
    expect(second.units.pageInfo.hasPreviousPage).toBe(true);
  });

  it("finds units by name in Vietnamese or English", async () => {
    const data = await ok(
      `{ a: units(filter: { search: "Hải Dương" }) { nodes { code } } b: units(filter: { search: "hai duong" }) { nodes { code } } }`,
    );
    expect(data.a.nodes.map((n: { code: string }) => n.code)).toContain("hai-duong-63");
    expect(data.b.nodes.map((n: { code: string }) => n.code)).toContain("hai-duong-63");
  });
});

describe("programmes, targets, agencies", () => {
  it("records that Hải Phòng target 2 is led by Sở Y tế and targets 1, 3, 4, 6, 7, 8 by Sở LĐTBXH", async () => {
    const data =
      await ok(`{ programme(code: "hp-nq23-2023-2025") { unit { code } implements { code }
      targets { number part section kind leadAgency { nameVi } alignedTarget { programme { code } number } } } }`);
    const p = data.programme;
    expect(p.unit.code).toBe("hai-phong-63");
    expect(p.implements.code).toBe("nq19-2021-2025");
    expect(new Set(p.targets.map((t: { number: string }) => t.number))).toEqual(
      new Set(["1", "2", "3", "4", "5", "6", "7", "8"]),
    );
    for (const t of p.targets) {
      const lead = t.leadAgency.nameVi as string;
      if (t.number === "2" || t.number === "5") expect(lead).toMatch(/Sở Y tế/);
      else expect(lead).toMatch(/Lao động/);
      expect(t.section).toMatch(/^II\.2/);
      expect(t.alignedTarget.programme.code).toBe("nq19-2021-2025");
    }
    expect(p.targets.find((t: { number: string }) => t.number === "1").kind).toBe("ANNUAL_RATE");
    expect(p.targets.find((t: { number: string }) => t.number === "8").kind).toBe("ALL");
  });

  it("describes the Hải Phòng plan: 4 content groups and 16 bodies", async () => {
    const data = await ok(
      `{ programme(code: "hp-nq23-2023-2025") { taskAreas { number items { label } } responsibilities { number role leadsTargets { label } agencies { code } } } }`,
    );
    expect(data.programme.taskAreas).toHaveLength(4);
    expect(data.programme.responsibilities).toHaveLength(16);
    const leads = data.programme.responsibilities.flatMap(
      (r: { leadsTargets: { label: string }[] }) => r.leadsTargets.map(t => t.label),
    );
    expect(leads.length).toBeGreaterThanOrEqual(8);
  });

  it("describes the Hải Dương plan: 4 task groups, 18 groups of bodies, reports due 20 December", async () => {
    const data = await ok(
      `{ programme(code: "hd-kh-ct31-2024") { reportDueMonthDay taskAreas { number } responsibilities { number } } }`,
    );
    expect(data.programme.reportDueMonthDay).toBe("12-20");
    expect(data.programme.taskAreas).toHaveLength(4);
    expect(data.programme.responsibilities).toHaveLength(18);
  });

  it("keeps the NQ 19 craft-village target with its conflict flagged", async () => {
    const data = await ok(
      `{ target(programme: "nq19-2021-2025", number: "e") { value comparator conflict source { grade url } } }`,
    );
    expect(data.target.value).toBe(80);
    expect(data.target.conflict).toMatch(/90/);
    expect(data.target.source.url).toBeTruthy();
  });

  it("models Sở LĐTBXH becoming Sở Nội vụ on 2025-03-01", async () => {
    const data = await ok(
      `{ agencies(units: ["hai-phong-63"], first: 200) { nodes { code nameVi validTo successor { nameVi validFrom } } } }`,
    );
    const labour = data.agencies.nodes.find((a: { nameVi: string }) =>
      /Lao động - Thương binh/.test(a.nameVi),
    );
    expect(labour.validTo).toBe("2025-02-28");
    expect(labour.successor.nameVi).toMatch(/Nội vụ/);
  });

  it("lists every target with an indicator and the section it comes from", async () => {
    const data = await ok(
      `{ targets(first: 500) { totalCount nodes { section indicator { code } programme { code } } } }`,
    );
    expect(data.targets.totalCount).toBe(data.targets.nodes.length);
    for (const t of data.targets.nodes) {
      expect(t.section).not.toBe("");
      expect(t.indicator.code).toBeTruthy();
    }
  });
});

describe("observations", () => {
  it("gives the 2023 national figures with source and grade", async () => {
    const data =
      await ok(`{ observations(filter: { units: ["vn"], yearFrom: 2023, yearTo: 2023, indicators: ["oa-deaths"], disaggregation: TOTAL }) {
      containsIllustrative nodes { value status grade quote source { url grade } illustrative } } }`);
    expect(data.observations.containsIllustrative).toBe(false);
    expect(data.observations.nodes).toHaveLength(1);
    expect(data.observations.nodes[0]).toMatchObject({ value: 699, illustrative: false });
    expect(data.observations.nodes[0].source.url).toMatch(/^https?:/);
  });

  it("never mixes illustrative values into the default (official) answer, and marks them when asked", async () => {
    const official = await ok(
      `{ observations(first: 1000, filter: { units: ["hai-duong-63"] }) { nodes { dataset } containsIllustrative } }`,
    );
    expect(
      official.observations.nodes.every((n: { dataset: string }) => n.dataset === "OFFICIAL"),
    ).toBe(true);
    const both = await ok(
      `{ observations(first: 1000, filter: { units: ["hai-duong-63"], datasets: [OFFICIAL, ILLUSTRATIVE] }) { nodes { dataset illustrative status } containsIllustrative } }`,
    );
    expect(both.observations.containsIllustrative).toBe(true);
    for (const n of both.observations.nodes) {
      expect(n.illustrative).toBe(n.dataset === "ILLUSTRATIVE");
    }
  });

  it("returns no row (not zero) where no figure is known", async () => {
    // Only the no-contract sector is known for Hải Dương 2023 (6 deaths): no total is made up from it.
    const data = await ok(
      `{ observations(filter: { units: ["hai-duong-63"], indicators: ["oa-deaths"], yearFrom: 2019, yearTo: 2023, disaggregation: TOTAL }) { totalCount } }`,
    );
    expect(data.observations.totalCount).toBe(0);
  });

  it("keeps disputed values with their alternatives", async () => {
    const data = await ok(
      `{ observations(first: 1000, filter: { units: ["vn"] }) { nodes { disputed alternatives { value source { code } } } } }`,
    );
    const disputed = data.observations.nodes.filter((n: { disputed: boolean }) => n.disputed);
    expect(disputed.length).toBeGreaterThan(0);
    for (const d of disputed) expect(d.alternatives.length).toBeGreaterThan(0);
  });
});

describe("sources, instruments, monitoring, check-ups", () => {
  it("answers every list query with totals", async () => {
    const data = await ok(`{
      sources(grades: [A]) { totalCount nodes { grade } }
      instruments(kinds: [RESOLUTION]) { totalCount nodes { number unit { code } } }
      indicators(first: 500) { totalCount nodes { code measure numerator { code } } }
      programmes { totalCount }
      monitoringSites(datasets: [ILLUSTRATIVE], first: 5) { totalCount nodes { illustrative unit { code } results { year factor samples samplesOverLimit } } }
      monitoringResults(datasets: [ILLUSTRATIVE], factor: "noise", first: 5) { totalCount nodes { factor site { code } } }
      healthCheckups(datasets: [ILLUSTRATIVE], kind: OD_SCREENING, first: 5) { totalCount nodes { illustrative workersExamined casesTotal cases { disease cases } } }
      officialSites: monitoringSites { totalCount }
    }`);
    expect(data.sources.nodes.every((s: { grade: string }) => s.grade === "A")).toBe(true);
    expect(data.instruments.nodes.map((i: { number: string }) => i.number)).toContain("19/NQ-CP");
    expect(data.monitoringSites.totalCount).toBe(80);
    expect(data.monitoringSites.nodes.every((s: { illustrative: boolean }) => s.illustrative)).toBe(
      true,
    );
    expect(
      data.monitoringResults.nodes.every((r: { factor: string }) => r.factor === "noise"),
    ).toBe(true);
    expect(data.healthCheckups.totalCount).toBeGreaterThan(0);
    expect(data.officialSites.totalCount).toBe(0);
  });
});

describe("responsibilities and task areas", () => {
  it("lists who does what across programmes, filtered by agency", async () => {
    const data =
      await ok(`{ responsibilities(agencies: ["hp-so-y-te"]) { programme { code } role leadsTargets { label } agencies { code } }
      taskAreas(programmes: ["hd-kh-ct31-2024"]) { number section items { label } } }`);
    // The general tasks (VI.1) name every department; section VI.3 is Sở Y tế's own, leading 2 and 5.
    expect(data.responsibilities.map((r: { role: string }) => r.role).sort()).toEqual([
      "COORDINATE",
      "LEAD",
    ]);
    const lead = data.responsibilities.find((r: { role: string }) => r.role === "LEAD");
    expect(lead.programme.code).toBe("hp-nq23-2023-2025");
    expect(lead.leadsTargets.map((t: { label: string }) => t.label).sort()).toEqual([
      "2a",
      "2b",
      "5",
    ]);
    expect(data.taskAreas.map((t: { number: string }) => t.number)).toEqual(["1", "2", "3", "4"]);
  });
});
