import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedsDir } from "../../server/paths.js";
import { readSeedFiles } from "../../server/db/seed/seed-files.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { createExecutor } from "../helpers/server.js";

/**
 * Issue 15, "complete the record": every figure of the research files is either loaded (a value,
 * an alternative, a target, an instrument or a context note, with the same source) or listed in
 * seeds/not-loaded.json with a reason; and the plans' sections, cited instruments and context
 * notes are in the API.
 */

interface ResearchRow {
  id: string;
  url: string;
  year: string;
  value: unknown;
}
interface NotLoaded {
  research: string;
  what: string;
  reason: string;
}

const seeds = readSeedFiles();
/** The project's shared folder (plan texts and research notes), next to the checkout or a worktree, when present. */
const sharedDir = [
  process.env.OSH_SHARED_DIR,
  resolve(seedsDir(), "../../shared"),
  resolve(seedsDir(), "../../../shared"),
].find(d => d && existsSync(join(d, "research/data/osh-facts-1.json")));
// The research files sit beside the checkout on every developer machine and in CI. Without them
// these checks cannot run: fail loudly, unless someone opts out on purpose (OSH_SKIP_SHARED=1).
const skipShared = process.env.OSH_SKIP_SHARED === "1";
if (!sharedDir && !skipShared) {
  throw new Error(
    "../shared (plan texts and research files) not found beside the checkout: set OSH_SHARED_DIR, or OSH_SKIP_SHARED=1 to skip the checks against them",
  );
}
const index: ResearchRow[] = JSON.parse(
  readFileSync(join(seedsDir(), "research-index.json"), "utf8"),
);
const notLoaded: NotLoaded[] = JSON.parse(
  readFileSync(join(seedsDir(), "not-loaded.json"), "utf8"),
);
const claims = (row: object): string[] => (row as { research?: string[] }).research ?? [];

/** The numbers a research value states: 1/0 for yes/no flags, a date as text, else every number in it. */
function statedValues(value: unknown): (number | string)[] {
  if (typeof value === "number") return [value];
  const text = String(value).trim().toLowerCase();
  if (text === "yes") return [1];
  if (text === "no") return [0];
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return [text];
  return [...text.replace(/(\d),(\d{3})/g, "$1$2").matchAll(/\d+(?:\.\d+)?/g)].map(m =>
    Number(m[0]),
  );
}
/** Stored values may be scaled: "51.3 million" is stored as 51,300,000 persons. */
function sameValue(stated: number | string, stored: number | string | null): boolean {
  if (stored === null) return false;
  if (typeof stated === "string" || typeof stored === "string") return stated === stored;
  return [1, 1e3, 1e6, 1e-3].some(
    k => Math.abs(stated * k - stored) <= 1e-6 * Math.max(1, Math.abs(stored)),
  );
}

/** What the seeds hold, each with its source URL: values (with their year), targets, instruments, notes. */
function loadedCandidates() {
  const url = new Map(seeds.sources.map(s => [s.code, s.url]));
  const out: {
    url: string | null | undefined;
    value: number | string | null;
    year: number | null;
    claims: string[];
    value_only: boolean;
  }[] = [];
  for (const o of seeds.observations) {
    out.push({
      url: url.get(o.source ?? ""),
      value: o.value,
      year: o.year,
      claims: [],
      value_only: true,
    });
    for (const a of o.alternatives ?? []) {
      out.push({
        url: url.get(a.source),
        value: a.value,
        year: o.year,
        claims: [],
        value_only: true,
      });
    }
  }
  for (const t of seeds.targets) {
    out.push({
      url: url.get(t.source ?? ""),
      value: Math.abs(t.value),
      year: null,
      claims: claims(t),
      value_only: false,
    });
  }
  for (const i of seeds.instruments) {
    out.push({
      url: url.get(i.source ?? ""),
      value: i.issuedOn,
      year: null,
      claims: claims(i),
      value_only: false,
    });
  }
  for (const n of seeds.contextNotes) {
    out.push({
      url: url.get(n.source),
      value: null,
      year: n.year,
      claims: claims(n),
      value_only: false,
    });
  }
  return out;
}

function isLoaded(row: ResearchRow, candidates: ReturnType<typeof loadedCandidates>): boolean {
  const stated = statedValues(row.value);
  const year = /^\d{4}/.test(row.year) ? Number(row.year.slice(0, 4)) : null;
  return candidates.some(c => {
    if (c.url !== row.url) return false;
    if (c.claims.includes(row.id)) return true;
    if (c.value_only && year !== null && c.year !== year) return false;
    return stated.some(v => sameValue(v, c.value));
  });
}

describe("research coverage: nothing silently dropped", () => {
  it("loads every research figure with its source, or lists it as not loaded with a reason (never both)", () => {
    const candidates = loadedCandidates();
    const listed = new Set(notLoaded.map(n => n.research));
    const missing: string[] = [];
    const both: string[] = [];
    for (const row of index) {
      const loaded = isLoaded(row, candidates);
      if (!loaded && !listed.has(row.id)) missing.push(`${row.id} (${String(row.value)})`);
      if (loaded && listed.has(row.id)) both.push(row.id);
    }
    expect(missing).toEqual([]);
    expect(both).toEqual([]);
    expect(index.length).toBe(141 + 80 + 15);
  });

  it("gives every not-loaded entry a known research id and a reason", () => {
    const ids = new Set(index.map(r => r.id));
    for (const n of notLoaded) {
      expect(ids.has(n.research) || n.research.startsWith("osh-facts.md#"), n.research).toBe(true);
      expect(n.reason.length, n.research).toBeGreaterThan(20);
      expect(n.what.length, n.research).toBeGreaterThan(5);
    }
    expect(new Set(notLoaded.map(n => n.research)).size).toBe(notLoaded.length);
  });

  it("claims only research ids that exist, with the claimed row's own source", () => {
    const byId = new Map(index.map(r => [r.id, r]));
    const url = new Map(seeds.sources.map(s => [s.code, s.url]));
    const rows: { source: string | null; research?: string[] }[] = [
      ...seeds.targets,
      ...seeds.instruments,
      ...seeds.contextNotes,
    ];
    for (const row of rows) {
      for (const id of claims(row)) {
        expect(byId.has(id), id).toBe(true);
        expect(url.get(row.source ?? ""), id).toBe(byId.get(id)!.url);
      }
    }
  });

  // The index is a copy of the research files (id, URL, year, value); when they are at hand, it must match them.
  const researchDir = sharedDir ? join(sharedDir, "research/data") : undefined;
  it.skipIf(skipShared)("matches the research files it was made from", () => {
    const rows: ResearchRow[] = [];
    const add = (file: string, list: Record<string, unknown>[]) =>
      list.forEach((r, i) =>
        rows.push({
          id: `${file}#${i}`,
          url: String(r.source_url),
          year: String(r.year),
          value: r.value,
        }),
      );
    add(
      "osh-facts-1.json",
      JSON.parse(readFileSync(join(researchDir!, "osh-facts-1.json"), "utf8")),
    );
    add(
      "osh-facts-2.json",
      JSON.parse(readFileSync(join(researchDir!, "osh-facts-2.json"), "utf8")),
    );
    add(
      "osh-facts-3.jsonl",
      readFileSync(join(researchDir!, "osh-facts-3.jsonl"), "utf8")
        .split("\n")
        .filter(l => l.trim())
        .map(l => JSON.parse(l)),
    );
    expect(index).toEqual(rows);
  });
});

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("record");
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

const obsQuery = `query($f: ObservationFilter) { observations(first: 100, filter: $f) { nodes {
  indicator { code } unit { code } year period disaggregation value qualifier status grade quote disputed
  source { code url grade } alternatives { value rejected note source { code } }
} } }`;

describe("programme sections", () => {
  it("represents every numbered section of both plans, funding included", async () => {
    const data = await ok(`{
      hp: programme(code: "hp-nq23-2023-2025") { sections { number kind titleVi titleEn summaryVi items { label textVi verbatim amountBillionVnd } } }
      hd: programme(code: "hd-kh-ct31-2024") { sections { number kind titleVi items { label textVi } } }
    }`);
    expect(data.hp.sections.map((s: { number: string }) => s.number)).toEqual([
      "I",
      "II",
      "III",
      "IV",
      "V",
      "VI",
    ]);
    expect(data.hd.sections.map((s: { number: string }) => s.number)).toEqual(["I", "II", "III"]);
    const funding = data.hp.sections.find((s: { number: string }) => s.number === "V");
    expect(funding).toMatchObject({ kind: "FUNDING", titleVi: "KINH PHÍ THỰC HIỆN" });
    expect(funding.items.map((i: { label: string }) => i.label)).toEqual(["1", "2", "3"]);
    expect(funding.items[0].textVi).toMatch(
      /^Ngân sách thành phố bố trí trong dự toán ngân sách hàng năm/,
    );
    expect(funding.items[1].textVi).toContain("tài trợ, viện trợ quốc tế");
    // The plan states no amounts: none are made up.
    expect(
      funding.items.every(
        (i: { amountBillionVnd: number | null; verbatim: boolean }) =>
          i.amountBillionVnd === null && i.verbatim,
      ),
    ).toBe(true);
    expect(data.hp.sections.find((s: { number: string }) => s.number === "VI").items).toHaveLength(
      16,
    );
    expect(data.hd.sections.find((s: { number: string }) => s.number === "III").items).toHaveLength(
      18,
    );
  });

  it.skipIf(skipShared)("copies verbatim items exactly as the plans print them", () => {
    const plans: Record<string, string> = {
      "hp-nq23-2023-2025": readFileSync(join(sharedDir!, "seeds/002_3d5bdec3530488ff.txt"), "utf8"),
      "hd-kh-ct31-2024": readFileSync(join(sharedDir!, "seeds/000_e127fa86286b9415.txt"), "utf8"),
    };
    for (const s of seeds.sections) {
      expect(plans[s.programme], s.titleVi).toContain(s.titleVi);
      for (const item of s.items.filter(i => i.verbatim)) {
        expect(plans[s.programme], item.textVi).toContain(item.textVi);
      }
    }
  });
});

describe("cited instruments", () => {
  it("gives the Hải Dương plan its preamble letters with issuer and date", async () => {
    const data = await ok(
      `{ programme(code: "hd-kh-ct31-2024") { citedInstruments { code number kind issuer issuedOn } } }`,
    );
    const cited = data.programme.citedInstruments;
    expect(cited.find((i: { number: string }) => i.number === "2365-CV/VPTU")).toMatchObject({
      kind: "OFFICIAL_LETTER",
      issuedOn: "2024-04-12",
      issuer: expect.stringContaining("Tỉnh ủy Hải Dương"),
    });
    expect(cited.find((i: { number: string }) => i.number === "227-CV/BCS")).toMatchObject({
      kind: "OFFICIAL_LETTER",
      issuedOn: "2024-04-17",
      issuer: "Ban Cán sự Đảng Ủy ban nhân dân tỉnh Hải Dương",
    });
    expect(cited.map((i: { number: string }) => i.number)).toEqual(
      expect.arrayContaining(["31-CT/TW", "1562/CTr-UBND", "2520/KH-UBND"]),
    );
  });

  it("links the Hải Phòng plan to the instruments it cites, and targets to theirs", async () => {
    const data = await ok(`{
      programme(code: "hp-nq23-2023-2025") { citedInstruments { number issuedOn } }
      targets(first: 100, programmes: ["hd-ctr1562-2021-2025", "qd05-2016-2020"]) { nodes { label citedInstruments { number } } }
    }`);
    expect(data.programme.citedInstruments).toEqual(
      expect.arrayContaining([
        { number: "23/NQ-HĐND", issuedOn: "2023-07-18" },
        { number: "19/NQ-CP", issuedOn: "2022-02-16" },
        { number: "39/2016/NĐ-CP", issuedOn: "2016-05-15" },
      ]),
    );
    for (const t of data.targets.nodes) expect(t.citedInstruments.length).toBeGreaterThan(0);
  });

  it("holds every instrument the plans cite", () => {
    const numbers = new Set(seeds.instruments.map(i => i.number));
    for (const n of [
      "31-CT/TW",
      "2365-CV/VPTU",
      "227-CV/BCS",
      "1562/CTr-UBND",
      "2520/KH-UBND",
      "23/NQ-HĐND",
      "19/NQ-CP",
      "39/2016/NĐ-CP",
    ]) {
      expect(numbers.has(n), n).toBe(true);
    }
  });
});

describe("the older national targets and the Action Month plan", () => {
  it("has the QĐ 05/QĐ-TTg 2016-2020 targets", async () => {
    const data = await ok(
      `{ programme(code: "qd05-2016-2020") { instrument { number issuedOn } targets { label kind comparator value indicator { code } } } }`,
    );
    expect(data.programme.instrument).toEqual({ number: "05/QĐ-TTg", issuedOn: "2016-01-05" });
    expect(data.programme.targets).toEqual([
      {
        label: "1",
        kind: "ANNUAL_RATE",
        comparator: "GTE",
        value: -5,
        indicator: { code: "oa-fatal-frequency" },
      },
      {
        label: "2",
        kind: "LEVEL",
        comparator: "GT",
        value: 50,
        indicator: { code: "od-exam-coverage-hazardous" },
      },
      {
        label: "3a",
        kind: "LEVEL",
        comparator: "GT",
        value: 70,
        indicator: { code: "wem-coverage-large-enterprises" },
      },
      {
        label: "3b",
        kind: "LEVEL",
        comparator: "GT",
        value: 30,
        indicator: { code: "wem-coverage-sme" },
      },
    ]);
  });

  it("has the Hải Dương Sở Công Thương plan for the 2024 Action Month (grade A)", async () => {
    const data = await ok(
      `{ programme(code: "hd-sct-action-month-2024") { startYear endYear instrument { issuer issuedOn source { grade url } } } }`,
    );
    expect(data.programme).toMatchObject({ startYear: 2024, endYear: 2024 });
    expect(data.programme.instrument).toMatchObject({
      issuer: "Sở Công Thương tỉnh Hải Dương",
      issuedOn: null,
      source: { grade: "A" },
    });
  });
});

describe("values from osh-facts-3 and the earlier gaps", () => {
  it("stores Hải Dương 2023 no-contract accidents (5) and deaths (6), grade A, disaggregated", async () => {
    const data = await ok(obsQuery, {
      f: {
        units: ["hai-duong-63"],
        yearFrom: 2023,
        yearTo: 2023,
        disaggregation: "WITHOUT_LABOUR_RELATIONS",
      },
    });
    const byInd = Object.fromEntries(
      data.observations.nodes.map((n: { indicator: { code: string } }) => [n.indicator.code, n]),
    );
    expect(byInd["oa-fatal-accidents"]).toMatchObject({
      value: 5,
      grade: "A",
      status: "OFFICIAL",
      source: { code: "haiduong-gov-2024-kqhld" },
    });
    expect(byInd["oa-deaths"]).toMatchObject({ value: 6, grade: "A" });
    expect(byInd["oa-deaths"].quote).toContain(
      "05 vụ tai nạn lao động (TNLĐ) chết người và làm 06 người chết",
    );
    // No total is made up for 2023.
    const total = await ok(obsQuery, {
      f: {
        units: ["hai-duong-63"],
        indicators: ["oa-deaths"],
        yearFrom: 2023,
        yearTo: 2023,
        disaggregation: "TOTAL",
      },
    });
    expect(total.observations.nodes).toEqual([]);
  });

  it("stores the 2024 national no-contract figures, and keeps the mislabelled page only as rejected alternatives", async () => {
    const data = await ok(obsQuery, {
      f: { units: ["vn"], yearFrom: 2024, yearTo: 2024, period: "YEAR" },
    });
    const get = (code: string, d: string) =>
      data.observations.nodes.find((n: any) => n.indicator.code === code && n.disaggregation === d);
    expect(get("oa-deaths", "WITHOUT_LABOUR_RELATIONS")).toMatchObject({ value: 143, grade: "B" });
    expect(get("oa-accidents", "WITHOUT_LABOUR_RELATIONS")).toMatchObject({ value: 384 });
    expect(get("oa-seriously-injured", "WITHOUT_LABOUR_RELATIONS")).toMatchObject({ value: 144 });
    const deaths = get("oa-deaths", "TOTAL");
    expect(deaths).toMatchObject({ value: 727, disputed: false });
    expect(deaths.alternatives).toEqual([
      expect.objectContaining({
        value: 584,
        rejected: true,
        source: { code: "vietnamvn-2025-05-binhthuan" },
      }),
    ]);
    expect(deaths.alternatives[0].note).toContain("727 − 143 = 584");
    expect(get("oa-accidents", "TOTAL").alternatives).toEqual([
      expect.objectContaining({ value: 8206, rejected: true }),
    ]);
  });

  it("stores the 2022 monitoring samples and benefit recipients, and the grade-C Hải Phòng H1-2024 deaths", async () => {
    const data = await ok(obsQuery, {
      f: {
        units: ["vn"],
        yearFrom: 2022,
        yearTo: 2022,
        indicators: ["wem-samples", "wem-samples-not-meeting", "comp-vss-beneficiaries"],
      },
    });
    expect(
      data.observations.nodes.map((n: any) => [n.indicator.code, n.value, n.qualifier]),
    ).toEqual(
      expect.arrayContaining([
        ["wem-samples", 944127, "EXACT"],
        ["wem-samples-not-meeting", 42574, "APPROXIMATE"],
        ["comp-vss-beneficiaries", 8164, "EXACT"],
      ]),
    );
    const hp = await ok(obsQuery, {
      f: {
        units: ["hai-phong-63"],
        indicators: ["oa-deaths"],
        yearFrom: 2024,
        yearTo: 2024,
        period: "H1",
      },
    });
    expect(hp.observations.nodes).toEqual([expect.objectContaining({ value: 12, grade: "C" })]);
  });

  it("makes the most-deaths lists queryable per year and unit", async () => {
    const data = await ok(obsQuery, {
      f: { indicators: ["oa-most-deaths-listed"], units: ["hai-duong-63", "hai-phong-63"] },
    });
    const got = data.observations.nodes
      .map((n: any) => `${n.unit.code} ${n.year}${n.period === "H1" ? "H1" : ""}=${n.value}`)
      .sort();
    expect(got).toEqual([
      "hai-duong-63 2018=1",
      "hai-duong-63 2019=1",
      "hai-duong-63 2021=1",
      "hai-duong-63 2023=0",
      "hai-duong-63 2024=0",
      "hai-duong-63 2024H1=0",
      "hai-phong-63 2018=0",
      "hai-phong-63 2019=0",
      "hai-phong-63 2023=0",
      "hai-phong-63 2024=1",
      "hai-phong-63 2024H1=1",
    ]);
    // A second source naming the same list confirms; it does not make the value disputed.
    const hp2024 = data.observations.nodes.find(
      (n: any) => n.unit.code === "hai-phong-63" && n.year === 2024 && n.period === "YEAR",
    );
    expect(hp2024).toMatchObject({ disputed: false, source: { code: "dantri-2025-04" } });
    expect(hp2024.alternatives).toEqual([expect.objectContaining({ value: 1, rejected: false })]);
  });

  it("stores labour-force growth and areas as values", async () => {
    const data = await ok(obsQuery, { f: { indicators: ["labour-force-growth", "area-km2"] } });
    expect(
      data.observations.nodes.map((n: any) => [n.indicator.code, n.unit.code, n.year, n.value]),
    ).toEqual(
      expect.arrayContaining([
        ["labour-force-growth", "hai-duong-63", 2019, 2.03],
        ["labour-force-growth", "hai-duong-63", 2020, 1.1],
        ["area-km2", "hai-duong-63", 2022, 1668.39],
        ["area-km2", "hai-phong-63", 2024, 1526.52],
        ["area-km2", "hai-phong-34", 2025, 3194.7],
      ]),
    );
  });
});

describe("context notes", () => {
  it("attaches the late-reporting finding to Hải Phòng target 8 for 2024", async () => {
    const data = await ok(
      `{ programme(code: "hp-nq23-2023-2025") { targets { label contextNotes { code year grade quote unit { code } source { url } indicator { code } } } } }`,
    );
    const t8 = data.programme.targets.find((t: { label: string }) => t.label === "8");
    expect(t8.contextNotes).toEqual([
      expect.objectContaining({
        year: 2024,
        grade: "B",
        unit: { code: "hai-phong-63" },
        indicator: { code: "oa-fatal-investigated" },
      }),
    ]);
    expect(t8.contextNotes[0].quote).toContain("Thanh Hoa, Hai Phong, Ha Tinh");
  });

  it("gives indicators their context (pooled, sector-only, statements, incidents), each with source, quote and grade", async () => {
    const data = await ok(
      `{ indicators(first: 200, codes: ["od-cases", "oa-fatal-frequency", "oa-deaths"]) { nodes { code contextNotes { code periodText grade quote textEn source { url } } } } }`,
    );
    const codes = Object.fromEntries(
      data.indicators.nodes.map((i: any) => [i.code, i.contextNotes.map((n: any) => n.code)]),
    );
    expect(codes["od-cases"]).toEqual(
      expect.arrayContaining(["od-2016-2020-pooled-cases", "od-2024-trend-up"]),
    );
    expect(codes["oa-fatal-frequency"]).toEqual(
      expect.arrayContaining([
        "oa-frequency-2024-statement",
        "oa-frequency-electricity-1996-2000",
        "oa-frequency-textbook-formula",
      ]),
    );
    expect(codes["oa-deaths"]).toEqual(
      expect.arrayContaining(["oa-hd-2020-organotin-poisoning", "oa-hp-2025-gia-vien-collapse"]),
    );
    for (const i of data.indicators.nodes) {
      for (const n of i.contextNotes) {
        expect(n.quote.length).toBeGreaterThan(10);
        expect(n.source.url).toMatch(/^https?:/);
        expect(["A", "B", "C"]).toContain(n.grade);
      }
    }
    const pooled = data.indicators.nodes
      .find((i: any) => i.code === "od-cases")
      .contextNotes.find((n: any) => n.code === "od-2016-2020-pooled-cases");
    expect(pooled).toMatchObject({ periodText: "2016-2020", grade: "A" });
  });

  it("filters context notes by unit and year", async () => {
    const data = await ok(`{ contextNotes(units: ["hai-duong-63"], year: 2020) { code } }`);
    expect(data.contextNotes.map((n: { code: string }) => n.code).sort()).toEqual([
      "oa-hd-2020-organotin-death",
      "oa-hd-2020-organotin-poisoning",
      "od-hd-2020-organotin-screening",
    ]);
  });
});

describe("section texts shown to readers", () => {
  it("name no internal API fields (a reader sees words, not `taskAreas`)", () => {
    for (const s of seeds.sections) {
      for (const text of [s.summaryVi, s.summaryEn]) expect(text ?? "", s.number).not.toMatch(/`/);
    }
  });
});
