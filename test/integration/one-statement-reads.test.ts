import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../server/app.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";

/**
 * The three reads of the peer bench (bench/peer.ts) are ONE SQL statement each, as PostGraphile
 * sends: the units list with its successors joined, a unit with its observations left-joined,
 * the indicator page with units and sources joined. Each fast path must give exactly what the
 * general path gives (the entity path, or the batched loaders), which a selection the fast path
 * cannot serve still takes. Counted over HTTP with `x-sql-statements`, response cache off.
 */
let app: RunningApp;
let url: string;
beforeAll(async () => {
  url = await createTestDatabase("onestatement");
  app = await startApp({
    databaseUrl: url,
    port: 0,
    production: true,
    responseCache: false,
    exposeSqlCount: true,
  });
});
afterAll(async () => {
  await app.close();
  await dropTestDatabase(url);
});

interface Answer {
  data: any;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string } }[];
  statements: number;
}

async function ask(query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<Answer, "statements">;
  return { ...body, statements: Number(res.headers.get("x-sql-statements")) };
}

async function ok(query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const answer = await ask(query, variables);
  expect(answer.errors).toBeUndefined();
  return answer;
}

describe("one statement per read", () => {
  it("(a) the indicator page with unit code/name and source title", async () => {
    const q = `{ observations(first: 100, orderBy: YEAR_ASC, filter: { indicators: ["oa-deaths"], datasets: [OFFICIAL, ILLUSTRATIVE] }) { nodes { year value unit { code nameVi } source { title } } } }`;
    // The first page of an indicator learns its id (server/observations/code-ids.ts).
    const first = await ok(q);
    const a = await ok(q);
    expect(a.data).toEqual(first.data);
    expect(a.data.observations.nodes.length).toBeGreaterThan(10);
    expect(first.statements).toBe(2);
    expect(a.statements).toBe(1);
  });

  it("(b) a unit with its observations and their indicator codes, after the unit's first read", async () => {
    const q = `{ unit(code: "vn") { code observations(filter: { datasets: [OFFICIAL, ILLUSTRATIVE] }) { year value indicator { code } } } }`;
    // The first read of a unit learns its id (the response cache's tags need it beforehand).
    const first = await ok(q);
    const again = await ok(q);
    expect(again.data).toEqual(first.data);
    expect(again.data.unit.observations.length).toBeGreaterThan(20);
    expect(first.statements).toBe(2);
    expect(again.statements).toBe(1);
  });

  it("(c) the units list with each successor's code", async () => {
    const c = await ok(
      `{ units(first: 100) { nodes { code nameVi level validTo successor { code } } } }`,
    );
    expect(c.data.units.nodes).toContainEqual({
      code: "hai-duong-63",
      nameVi: expect.stringMatching(/Hải Dương/),
      level: "PROVINCE",
      validTo: "2025-06-30",
      successor: { code: "hai-phong-34" },
    });
    expect(c.statements).toBe(1);
  });
});

describe("the units list, joined and through entities", () => {
  // `key` is not a column: asking for it takes the entity path, which serves every field.
  const units = (args: string, extra: string) =>
    `{ units(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
      nodes { code nameVi nameEn level kind validFrom validTo successor { code nameVi validTo } parent { code level } ${extra} } } }`;
  const strip = (d: any) => ({
    ...d.units,
    nodes: d.units.nodes.map(({ key: _key, ...n }: any) => n),
  });

  it("gives the same page, total and cursors for every filter, order and page", async () => {
    const cases = [
      "first: 200",
      'first: 200, filter: { asOf: "2025-07-01", level: PROVINCE }, orderBy: NAME_DESC',
      'first: 200, filter: { asOf: "2025-06-30" }, orderBy: VALID_FROM_ASC',
      'first: 50, filter: { search: "hai duong" }',
      'first: 50, filter: { search: "PHÒNG", kind: CITY }',
      'first: 50, filter: { codes: ["vn", "hai-duong-63", "hai-phong-34", "hai-phong-63"] }, orderBy: CODE_DESC',
      `first: 10, after: "${Buffer.from("o:19").toString("base64url")}", orderBy: NAME_ASC`,
      "first: 200, filter: { codes: [] }",
    ];
    for (const args of cases) {
      const joined = await ok(units(args, ""));
      const entities = await ok(units(args, "key"));
      expect(strip(joined.data), args).toEqual(strip(entities.data));
      expect(joined.statements, args).toBe(1);
      expect(entities.statements, args).toBeGreaterThan(1);
    }
    const merged = await ok(units('first: 5, filter: { codes: ["hai-duong-63"] }', ""));
    expect(merged.data.units.nodes[0].successor).toEqual({
      code: "hai-phong-34",
      nameVi: expect.stringMatching(/Hải Phòng/),
      validTo: null,
    });
    expect(merged.data.units.nodes[0].parent).toEqual({ code: "vn", level: "NATION" });
  });

  it("counts a page past the end, and refuses bad input with the same coded errors", async () => {
    const past = await ok(
      `{ units(first: 10, after: "${Buffer.from("o:100000").toString("base64url")}", filter: { level: PROVINCE }) { totalCount nodes { code } pageInfo { hasPreviousPage } } }`,
    );
    expect(past.data.units).toMatchObject({ nodes: [], pageInfo: { hasPreviousPage: true } });
    expect(past.data.units.totalCount).toBeGreaterThan(60);
    for (const args of ["first: 0", `first: 5, filter: { search: "${"x".repeat(201)}" }`]) {
      const joined = await ask(units(args, ""));
      const entities = await ask(units(args, "key"));
      expect(joined.errors?.[0].extensions?.code, args).toBe("BAD_USER_INPUT");
      expect(joined.errors, args).toEqual(entities.errors);
      expect(joined.statements, args).toBe(0);
    }
  });

  it("keeps loading a successor whose selection needs a resolver", async () => {
    const q = `{ units(first: 5, filter: { codes: ["hai-duong-63"] }) { nodes { code successor { code predecessors { code } } } } }`;
    const answer = await ok(q);
    expect(answer.data.units.nodes[0].successor.code).toBe("hai-phong-34");
    expect(answer.data.units.nodes[0].successor.predecessors.map((p: any) => p.code)).toEqual(
      expect.arrayContaining(["hai-duong-63", "hai-phong-63"]),
    );
  });
});

describe("a unit with its observations, in one statement and in two", () => {
  // A second, aliased `observations` field cannot be read ahead: the batched loader serves both.
  const unit = (code: string, filter: string, fields: string, twoStep: boolean) =>
    `{ unit(code: "${code}") { code nameVi validTo successor { code }
       observations(filter: ${filter}) { ${fields} }
       ${twoStep ? "again: observations(filter: { yearFrom: 2099 }) { year }" : ""} } }`;
  const fields =
    "id year value dataset illustrative status grade disaggregation indicator { code measure } unit { code } source { title grade }";

  it("gives the same observations for every filter, the illustrative ones marked", async () => {
    const cases: [string, string][] = [
      ["vn", "{ datasets: [OFFICIAL, ILLUSTRATIVE] }"],
      ["ha-noi", "{ datasets: [OFFICIAL, ILLUSTRATIVE] }"],
      ["vn", "null"],
      ["hai-phong-34", "{ datasets: [ILLUSTRATIVE], yearFrom: 2020, yearTo: 2023 }"],
      [
        "hai-duong-63",
        '{ indicators: ["oa-deaths", "oa-accidents"], datasets: [OFFICIAL, ILLUSTRATIVE] }',
      ],
      ["vn", "{ statuses: [OFFICIAL], grades: [A, B], period: YEAR, disaggregation: TOTAL }"],
      ["vn", "{ yearFrom: 2099 }"],
    ];
    for (const [code, filter] of cases) {
      await ok(unit(code, filter, fields, false)); // learns the unit's id
      const one = await ok(unit(code, filter, fields, false));
      const two = await ok(unit(code, filter, fields, true));
      const { again: _again, ...twoUnit } = two.data.unit;
      expect(one.data.unit, `${code} ${filter}`).toEqual(twoUnit);
      expect(one.statements, `${code} ${filter}`).toBe(1);
      expect(two.statements, `${code} ${filter}`).toBeGreaterThan(1);
    }
    const observations = [];
    for (const code of ["vn", "ha-noi"]) {
      const all = await ok(unit(code, "{ datasets: [OFFICIAL, ILLUSTRATIVE] }", fields, false));
      expect(all.statements).toBe(1);
      observations.push(...all.data.unit.observations);
    }
    expect(observations.some((o: any) => o.illustrative && o.dataset === "ILLUSTRATIVE")).toBe(
      true,
    );
    expect(observations.some((o: any) => !o.illustrative && o.source?.title)).toBe(true);
    expect(observations.every((o: any) => o.illustrative === (o.dataset === "ILLUSTRATIVE"))).toBe(
      true,
    );
    const none = await ok(unit("vn", "{ yearFrom: 2099 }", "year", false));
    expect(none.data.unit.observations).toEqual([]);
  });

  it("answers null for an unknown unit, and the same coded error for a bad filter", async () => {
    const missing = await ok(unit("no-such-unit", "null", "year", false));
    expect(missing.data).toEqual({ unit: null });
    const bad = "{ yearFrom: 2030, yearTo: 2020 }";
    await ok(unit("vn", "null", "year", false));
    const one = await ask(unit("vn", bad, "year", false));
    const two = await ask(unit("vn", bad, "year", true));
    expect(one.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(one.errors?.[0].path).toEqual(["unit", "observations"]);
    expect(one.errors).toEqual(two.errors);
  });

  it("reads the observations' filter from variables like the field itself", async () => {
    const q = `query($f: ObservationFilter) { unit(code: "vn") { code observations(filter: $f) { year value indicator { code } } } }`;
    const f = { datasets: ["OFFICIAL", "ILLUSTRATIVE"], yearFrom: 2022 };
    await ok(q, { f });
    const one = await ok(q, { f });
    const two = await ok(
      `query($f: ObservationFilter) { unit(code: "vn") { code observations(filter: $f) { year value indicator { code } } again: observations { year } } }`,
      { f },
    );
    expect(one.statements).toBe(1);
    expect(one.data.unit.observations.length).toBeGreaterThan(0);
    expect(one.data.unit.observations.every((o: any) => o.year >= 2022)).toBe(true);
    expect(one.data.unit.observations).toEqual(two.data.unit.observations);
  });
});

describe("observations built as JSON by PostgreSQL", () => {
  // `key` on the unit is not a column: the unit then comes through the entity loader.
  const page = (unitExtra: string) =>
    `{ observations(first: 300, orderBy: UNIT_ASC, filter: { units: ["vn", "hai-duong-63", "ha-noi"], datasets: [OFFICIAL, ILLUSTRATIVE] }) {
       totalCount nodes { year value quote note grade disputed unit { code validTo ${unitExtra} } source { title publishedOn } } } }`;

  it("keeps nulls null, dates as YYYY-MM-DD and numbers as numbers, as the entity path gives them", async () => {
    const json = await ok(page(""));
    const loaded = await ok(page("key"));
    const nodes = json.data.observations.nodes;
    expect(nodes.length).toBeGreaterThan(10);
    expect(json.statements).toBe(1);
    expect(nodes).toEqual(
      loaded.data.observations.nodes.map((n: any) => ({
        ...n,
        unit: { code: n.unit.code, validTo: n.unit.validTo },
      })),
    );
    expect(nodes.some((n: any) => n.quote === null)).toBe(true);
    expect(nodes.some((n: any) => n.source === null || n.source.publishedOn === null)).toBe(true);
    expect(nodes.find((n: any) => n.unit.code === "hai-duong-63").unit.validTo).toBe("2025-06-30");
    for (const n of nodes) {
      expect(typeof n.value).toBe("number");
      if (n.source?.publishedOn) expect(n.source.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("gives [] for a unit with no observations, through the batched loader too", async () => {
    const q = `{ units(first: 3, filter: { codes: ["vn", "hai-duong-63"] }) { nodes { code observations(filter: { yearFrom: 2099 }) { year } } } }`;
    const answer = await ok(q);
    expect(answer.data.units.nodes).toEqual([
      { code: "hai-duong-63", observations: [] },
      { code: "vn", observations: [] },
    ]);
  });
});
