import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("analytics");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const SCORECARD = `query($units: [Code!]!, $datasets: [Dataset!]) {
  scorecard(programmes: ["nq19-2021-2025"], units: $units, datasets: $datasets) {
    notAssessableCount containsIllustrative
    rows { target { label kind } cells { unit { code }
      progress { status method reason reasonText reasonVi reasonEn illustrative sentenceVi sentenceEn components { baseYear latestYear observedRate requiredRate ratio interval { lower upper } } }
      ownTarget { label programme { code } } ownProgress { status } nationalLatestValue } } } }`;

describe("scorecard on the seeded data (official dataset)", () => {
  it("judges every NQ 19 target for the nation and both provinces, and says which cells lack data", async () => {
    const result = await gql.run<any>(SCORECARD, { units: ["vn", "hai-phong-63", "hai-duong-63"] });
    expect(result.errors).toBeUndefined();
    const card = result.data.scorecard;
    expect(card.containsIllustrative).toBe(false);
    expect(card.rows).toHaveLength(10);
    const cells = card.rows.flatMap((r: any) =>
      r.cells.map((c: any) => ({ target: r.target.label, unit: c.unit.code, ...c.progress })),
    );
    expect(cells).toHaveLength(30);
    const notAssessable = cells.filter((c: any) => c.status === "NOT_ASSESSABLE");
    expect(card.notAssessableCount).toBe(notAssessable.length);
    for (const c of notAssessable) {
      expect(c.reason).toBeTruthy();
      expect(c.reasonText).toBeTruthy();
      // The one wording of the reason, the same words the Vietnamese sentence gives.
      expect(c.reasonVi).toBeTruthy();
      expect(c.reasonEn).toBeTruthy();
      expect(c.sentenceVi).toContain(`(${c.reasonVi})`);
    }
    // No provincial fatal-frequency series exists in the sources: both provinces are not assessable.
    const fatal = cells.filter((c: any) => c.target === "a");
    expect(fatal.find((c: any) => c.unit === "hai-duong-63").status).toBe("NOT_ASSESSABLE");
    expect(fatal.find((c: any) => c.unit === "hai-phong-63").status).toBe("NOT_ASSESSABLE");
    // Hải Phòng's own target 1 restates NQ 19 target a.
    const hpFatal = card.rows
      .find((r: any) => r.target.label === "a")
      .cells.find((c: any) => c.unit.code === "hai-phong-63");
    expect(hpFatal.ownTarget).toMatchObject({
      label: "1",
      programme: { code: "hp-nq23-2023-2025" },
    });
    console.log(
      JSON.stringify(
        cells.map((c: any) => [c.target, c.unit, c.status, c.reason, c.components.latestYear]),
        null,
        0,
      ),
    );
  });

  it("runs the same number of SQL statements for 1 unit and for 34 units", async () => {
    const one = await gql.run(SCORECARD, { units: ["vn"] });
    const many = await gql.run<any>(
      `query { units(filter: { asOf: "2025-07-01", level: PROVINCE }) { nodes { code } } }`,
    );
    const codes = many.data.units.nodes.map((n: any) => n.code);
    expect(codes).toHaveLength(34);
    const all = await gql.run(SCORECARD, { units: codes });
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect(all.statements).toBe(one.statements);
  });

  it("marks illustrative values when the illustrative dataset is asked for", async () => {
    const result = await gql.run<any>(SCORECARD, {
      units: ["hai-phong-63", "hai-duong-63"],
      datasets: ["OFFICIAL", "ILLUSTRATIVE"],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.scorecard.containsIllustrative).toBe(true);
    const judged = result.data.scorecard.rows
      .flatMap((r: any) => r.cells)
      .filter((c: any) => c.progress.status !== "NOT_ASSESSABLE");
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.some((c: any) => c.progress.illustrative)).toBe(true);
  });
});

describe("series, compare, ranking, summaries", () => {
  it("computes the national fatal accident rate from deaths and employment, with a Poisson interval", async () => {
    const result = await gql.run<any>(
      `{ series(indicators: ["oa-fatal-frequency"], units: ["vn"]) { basis points { year value count denominator interval { lower upper } illustrative } } }`,
    );
    expect(result.errors).toBeUndefined();
    const p2023 = result.data.series[0].points.find((p: any) => p.year === 2023);
    // 699 deaths / 51.3 million employed × 100,000 = 1.3626
    expect(p2023.count).toBe(699);
    expect(p2023.denominator).toBe(51_300_000);
    expect(p2023.value).toBeCloseTo(1.3626, 3);
    expect(p2023.interval.lower).toBeLessThan(p2023.value);
    expect(p2023.interval.upper).toBeGreaterThan(p2023.value);
    expect(result.data.series[0].basis).toBe("AS_REPORTED");
  });

  it("harmonises Hải Phòng (2025) by summing old Hải Phòng and Hải Dương", async () => {
    const result = await gql.run<any>(
      `{ series(indicators: ["oa-accidents"], units: ["hai-phong-34"], basis: HARMONISED) { basis points { year value components missingFrom } } }`,
    );
    expect(result.errors).toBeUndefined();
    const p2024 = result.data.series[0].points.find((p: any) => p.year === 2024);
    // 2024: old Hải Phòng 191 + Hải Dương 142 = 333
    expect(p2024.value).toBe(333);
    expect(p2024.components).toEqual(expect.arrayContaining(["hai-phong-63", "hai-duong-63"]));
    expect(p2024.missingFrom).toEqual([]);
  });

  it("draws the required trajectory for a compare query and ranks provinces", async () => {
    const result =
      await gql.run<any>(`{ compare(indicator: "oa-fatal-frequency", units: ["vn"], yearFrom: 2018, yearTo: 2025) { target { label } trajectories { unit { code } points { year value } } series { points { year value } } }
      ranking(indicator: "oa-deaths", year: 2024, datasets: [OFFICIAL, ILLUSTRATIVE]) { entries { unit { code } rank value illustrative } containsIllustrative } }`);
    expect(result.errors).toBeUndefined();
    const trajectory = result.data.compare.trajectories[0].points;
    expect(trajectory[0].year).toBe(2020);
    expect(trajectory.at(-1).year).toBe(2025);
    // base 966 / 53.4 M × 100,000 = 1.8090; × 0.96^5 = 1.4749
    expect(trajectory[0].value).toBeCloseTo(1.809, 3);
    expect(trajectory.at(-1).value).toBeCloseTo(1.809 * 0.96 ** 5, 3);
    expect(result.data.ranking.entries).toHaveLength(63);
    expect(result.data.ranking.entries[0].rank).toBe(1);
    expect(result.data.ranking.containsIllustrative).toBe(true);
  });

  it("summarises monitoring by factor and check-ups by disease, rolled up by unit and year", async () => {
    const result = await gql.run<any>(`{
      m: monitoringSummary(groupBy: [FACTOR], datasets: [ILLUSTRATIVE]) { factor samples samplesOverLimit shareOverLimit illustrative }
      y: monitoringSummary(groupBy: [UNIT, YEAR], datasets: [ILLUSTRATIVE]) { unit year sites }
      d: checkupSummary(groupBy: [DISEASE], kind: OD_SCREENING, datasets: [ILLUSTRATIVE]) { disease cases workersExamined }
      o: observations(first: 100, filter: { indicators: ["wem-establishments-monitored"], units: ["hai-duong-63"], datasets: [ILLUSTRATIVE] }) { nodes { year value } }
      official: monitoringSummary(groupBy: [FACTOR]) { factor } }`);
    expect(result.errors).toBeUndefined();
    const { m, y, d, o, official } = result.data;
    expect(official).toEqual([]);
    for (const row of m) {
      expect(row.illustrative).toBe(true);
      expect(row.shareOverLimit).toBeCloseTo((100 * row.samplesOverLimit) / row.samples, 6);
    }
    expect(d.length).toBeGreaterThan(0);
    // The roll-up that feeds target 2b equals the monitoring summary per unit and year.
    for (const obs of o.nodes) {
      expect(obs.value).toBe(
        y.find((r: any) => r.unit === "hai-duong-63" && r.year === obs.year).sites,
      );
    }
  });

  it("rejects unknown codes and bad arguments with BAD_USER_INPUT", async () => {
    for (const q of [
      '{ scorecard(programmes: ["nope"], units: ["vn"]) { notAssessableCount } }',
      '{ scorecard(programmes: ["nq19-2021-2025"], units: []) { notAssessableCount } }',
      '{ compare(indicator: "nope", units: ["vn"]) { containsIllustrative } }',
      '{ series(indicators: ["oa-deaths"], units: ["atlantis"]) { basis } }',
      '{ progress(programme: "nq19-2021-2025", number: "z", unit: "vn") { unit { code } } }',
      '{ ranking(indicator: "oa-deaths", year: 3000) { year } }',
      "{ monitoringSummary(groupBy: []) { samples } }",
      "{ checkupSummary(groupBy: [DISEASE], yearFrom: 2025, yearTo: 2020) { cases } }",
    ]) {
      const result = await gql.run(q);
      expect(result.errors?.[0].extensions?.code, q).toBe("BAD_USER_INPUT");
    }
  });
});
