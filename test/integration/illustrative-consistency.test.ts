/**
 * The generated (illustrative) accident counts and workforce never contradict an official
 * figure (issue 11, item 10): checked over the whole generated dataset of the seeded database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadIllustrative } from "../../server/db/seed/illustrative/load-illustrative.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
interface Row {
  indicator: string;
  unit: string;
  year: number;
  dataset: string;
  value: number;
}
/** indicator|unit|year -> the value a mixed view shows (official wins). */
const shown = new Map<string, Row>();
let rows: Row[] = [];

beforeAll(async () => {
  db = await openTestDb("illustrative-consistency");
  await loadIllustrative(db.em(), { force: true });
  rows = (
    await db
      .em()
      .getConnection()
      .execute<Row[]>(
        `select i.code as indicator, u.code as unit, o.year, o.dataset, o.value from observation o
       join indicator i on i.id = o.indicator_id join administrative_unit u on u.id = o.unit_id
       where o.period = 'YEAR' and o.disaggregation = 'TOTAL' and o.review_state = 'APPROVED'
         and i.code in ('oa-accidents', 'oa-fatal-accidents', 'oa-deaths', 'employed-population')`,
      )
  ).map(r => ({ ...r, year: Number(r.year), value: Number(r.value) }));
  for (const r of rows) {
    const k = `${r.indicator}|${r.unit}|${r.year}`;
    const prev = shown.get(k);
    if (!prev || (prev.dataset !== "OFFICIAL" && r.dataset === "OFFICIAL")) shown.set(k, r);
  }
});
afterAll(() => db.close());

const value = (indicator: string, unit: string, year: number) =>
  shown.get(`${indicator}|${unit}|${year}`)?.value;

describe("illustrative data never contradicts official data", () => {
  it("generates no value where an official one exists", () => {
    const official = new Set(
      rows.filter(r => r.dataset === "OFFICIAL").map(r => `${r.indicator}|${r.unit}|${r.year}`),
    );
    const clashes = rows.filter(
      r => r.dataset === "ILLUSTRATIVE" && official.has(`${r.indicator}|${r.unit}|${r.year}`),
    );
    expect(rows.filter(r => r.dataset === "ILLUSTRATIVE").length).toBeGreaterThan(1000);
    expect(clashes).toEqual([]);
  });

  it("deaths ≥ fatal accidents ≤ accidents for every unit and year (official or generated)", () => {
    const cells = new Set([...shown.values()].map(r => `${r.unit}|${r.year}`));
    const broken: string[] = [];
    for (const cell of cells) {
      const [unit, y] = cell.split("|");
      const year = Number(y);
      const a = value("oa-accidents", unit, year);
      const f = value("oa-fatal-accidents", unit, year);
      const d = value("oa-deaths", unit, year);
      if (f !== undefined && d !== undefined && d < f) broken.push(`${cell}: deaths ${d} < ${f}`);
      if (f !== undefined && a !== undefined && f > a) broken.push(`${cell}: fatal ${f} > ${a}`);
    }
    expect(cells.size).toBeGreaterThan(400);
    expect(broken).toEqual([]);
    // The case the issue reported: Hải Phòng 2024, 23 official fatal accidents.
    expect(value("oa-fatal-accidents", "hai-phong-63", 2024)).toBe(23);
    expect(value("oa-deaths", "hai-phong-63", 2024)).toBeGreaterThanOrEqual(23);
    // Hải Dương 2024: 10 official deaths, so generated fatal accidents are at most 10.
    expect(value("oa-fatal-accidents", "hai-duong-63", 2024)).toBeLessThanOrEqual(10);
  });

  it("provincial sums stay within every national official total", async () => {
    const provinces = await db
      .em()
      .getConnection()
      .execute<{ code: string }[]>(`select code from administrative_unit where level = 'PROVINCE'`);
    const isProvince = new Set(provinces.map(p => p.code));
    const sums = new Map<string, number>();
    for (const r of shown.values()) {
      if (!isProvince.has(r.unit)) continue;
      const k = `${r.indicator}|${r.year}`;
      sums.set(k, (sums.get(k) ?? 0) + r.value);
    }
    let checked = 0;
    for (const r of shown.values()) {
      if (r.unit !== "vn" || r.dataset !== "OFFICIAL") continue;
      const sum = sums.get(`${r.indicator}|${r.year}`);
      if (sum === undefined) continue;
      checked++;
      expect(
        sum,
        `${r.indicator} ${r.year}: provinces ${sum} > national ${r.value}`,
      ).toBeLessThanOrEqual(r.value);
      // Not trivially small either: the provinces account for a good part of the total.
      expect(sum / r.value, `${r.indicator} ${r.year}`).toBeGreaterThan(0.4);
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it("is near the official figures where a province has them", () => {
    // Hải Phòng had 191 accidents in 2024 (official); its generated 2023 must be of that order.
    const hp2023 = value("oa-accidents", "hai-phong-63", 2023)!;
    expect(hp2023).toBeGreaterThan(191 * 0.6);
    expect(hp2023).toBeLessThan(191 * 1.4);
    const hd2023 = value("oa-deaths", "hai-duong-63", 2023)!;
    expect(hd2023).toBeGreaterThanOrEqual(5);
    expect(hd2023).toBeLessThanOrEqual(20);
    // Hải Dương's workforce was 1.05 million in 2021 (official).
    const hdWork = value("employed-population", "hai-duong-63", 2022)!;
    expect(hdWork).toBeGreaterThan(900_000);
    expect(hdWork).toBeLessThan(1_200_000);
  });
});
