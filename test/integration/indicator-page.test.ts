import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSeedFiles } from "../../server/db/seed/seed-files.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";

/**
 * Issue 11 items 2 and 6: what the indicator page asks the API for (theme, notes in both
 * languages, the targets that use the indicator with their status), and the language of the
 * seeded metadata (no English-only notes, English place names with their diacritics).
 */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("indicator-page");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const PROGRESS = `
  query P($indicator: Code!, $datasets: [Dataset!]) {
    indicatorProgress(indicator: $indicator, datasets: $datasets) {
      target { label number part programme { code } }
      unit { code }
      progress { status reason }
      series { containsIllustrative points { year value illustrative } }
    }
  }
`;

describe("indicatorProgress", () => {
  it("judges every target of the indicator for its own programme's unit, in few statements", async () => {
    const r = await gql.run(PROGRESS, { indicator: "oa-fatal-frequency" });
    expect(r.errors).toBeUndefined();
    const rows = r.data!.indicatorProgress as {
      target: { label: string; number: string; part: string | null; programme: { code: string } };
      unit: { code: string };
      progress: { status: string };
      series: { containsIllustrative: boolean };
    }[];
    const seeded = readSeedFiles().targets.filter(t => t.indicator === "oa-fatal-frequency");
    expect(rows.length).toBe(seeded.length);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const national = rows.find(x => x.target.programme.code === "nq19-2021-2025")!;
    expect(national.target.label).toBe("a");
    expect(national.unit.code).toBe("vn");
    // Official data only by default: nothing generated may enter a status.
    expect(rows.every(x => x.series.containsIllustrative === false)).toBe(true);
    const hp = rows.find(x => x.target.programme.code === "hp-nq23-2023-2025");
    expect(hp?.unit.code).toMatch(/^hai-phong/);
    // The same status as the single-target progress query gives for that target and unit.
    for (const x of rows) {
      const one = await gql.run(
        `query($p: Code!, $n: String!, $part: String, $u: Code!) {
          progress(programme: $p, number: $n, part: $part, unit: $u) { progress { status } }
        }`,
        { p: x.target.programme.code, n: x.target.number, part: x.target.part, u: x.unit.code },
      );
      expect(one.errors).toBeUndefined();
      expect(one.data!.progress.progress.status).toBe(x.progress.status);
    }
    // The statement count does not grow with the number of targets.
    expect(r.statements).toBeLessThanOrEqual(12);
  });

  it("answers an empty list for an indicator no target uses", async () => {
    const r = await gql.run(PROGRESS, { indicator: "population" });
    expect(r.errors).toBeUndefined();
    expect(r.data!.indicatorProgress).toEqual([]);
  });

  it("rejects an unknown indicator with BAD_USER_INPUT naming the field", async () => {
    const r = await gql.run(PROGRESS, { indicator: "no-such-indicator" });
    expect(r.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0].extensions?.field).toBe("indicator");
  });

  it("marks a status judged with illustrative data when asked for it", async () => {
    const r = await gql.run(PROGRESS, {
      indicator: "oa-fatal-frequency",
      datasets: ["OFFICIAL", "ILLUSTRATIVE"],
    });
    expect(r.errors).toBeUndefined();
    const rows = r.data!.indicatorProgress as {
      series: { containsIllustrative: boolean; points: { illustrative: boolean }[] };
    }[];
    for (const x of rows) {
      expect(x.series.containsIllustrative).toBe(x.series.points.some(p => p.illustrative));
    }
  });
});

describe("indicator metadata", () => {
  it("gives every indicator a theme, and a Vietnamese note wherever there is an English one", async () => {
    const r = await gql.run(
      `{ indicators(first: 500) { nodes { code category note noteVi nameVi } } }`,
    );
    expect(r.errors).toBeUndefined();
    const nodes = r.data!.indicators.nodes as {
      code: string;
      category: string;
      note: string | null;
      noteVi: string | null;
      nameVi: string;
    }[];
    const byCategory = new Map<string, string[]>();
    for (const n of nodes) {
      byCategory.set(n.category, [...(byCategory.get(n.category) ?? []), n.code]);
    }
    expect([...byCategory.keys()].sort()).toEqual([
      "ACCIDENTS",
      "CONTEXT",
      "DISEASE_CHECKUPS",
      "MONITORING",
      "TRAINING",
    ]);
    expect(byCategory.get("ACCIDENTS")).toContain("oa-fatal-frequency");
    expect(byCategory.get("TRAINING")).toContain("tr-osh-officers");
    expect(byCategory.get("CONTEXT")).toContain("employed-population");
    expect(nodes.filter(n => n.note && !n.noteVi).map(n => n.code)).toEqual([]);
    // No internal "concept unclear" label in a public name.
    expect(nodes.filter(n => /chưa rõ|unclear/i.test(n.nameVi)).map(n => n.code)).toEqual([]);
  });

  it("gives every target note in Vietnamese too, without internal jargon", async () => {
    const r = await gql.run(
      `{ targets(first: 500) { nodes { label assumption assumptionVi conflict conflictVi programme { code } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const nodes = r.data!.targets.nodes as Record<string, string | null>[];
    expect(nodes.length).toBeGreaterThan(30);
    for (const n of nodes) {
      expect(Boolean(n.assumption)).toBe(Boolean(n.assumptionVi));
      expect(Boolean(n.conflict)).toBe(Boolean(n.conflictVi));
      for (const text of [n.assumption, n.assumptionVi, n.conflict, n.conflictVi]) {
        expect(text ?? "").not.toMatch(/textVi|baseYear|endYear|\bGTE\b/);
      }
    }
  });

  it("writes English place names with their Vietnamese diacritics", async () => {
    const r = await gql.run(`{ units(first: 200) { nodes { code nameVi nameEn } } }`);
    expect(r.errors).toBeUndefined();
    const units = r.data!.units.nodes as { code: string; nameVi: string; nameEn: string }[];
    const hp = units.find(u => u.code === "hai-phong-63")!;
    expect(hp.nameEn).toBe("Hải Phòng city");
    expect(units.find(u => u.code === "vn")!.nameEn).toBe("Việt Nam");
    for (const u of units) {
      const base = u.nameVi.replace(/\s*\(2025\)$/, "");
      expect(u.nameEn.startsWith(base), `${u.code}: ${u.nameEn}`).toBe(true);
    }
  });
});

describe("search without diacritics", () => {
  it("finds indicators and units whether or not the diacritics are typed", async () => {
    const r = await gql.run(`{
      a: indicators(search: "CHET NGUOI", first: 100) { nodes { code } }
      b: indicators(search: "chết người", first: 100) { nodes { code } }
      c: units(filter: { search: "hai phong" }) { nodes { code } }
      d: units(filter: { search: "50%_" }) { nodes { code } }
    }`);
    expect(r.errors).toBeUndefined();
    const codes = (k: string) => (r.data![k].nodes as { code: string }[]).map(n => n.code).sort();
    expect(codes("a")).toContain("oa-fatal-accidents");
    expect(codes("a")).toEqual(codes("b"));
    expect(codes("c")).toEqual(expect.arrayContaining(["hai-phong-34", "hai-phong-63"]));
    // LIKE wildcards typed by the user are plain characters.
    expect(codes("d")).toEqual([]);
  });
});
