import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

/**
 * List pages read as plain rows (server/graphql/plain-page.ts) when every selected field is a
 * column or a many-to-one reference, and as entities otherwise. Both must answer the same: each
 * query here is asked once as it is (plain rows) and once with one more field that only an
 * entity serves (a getter or a collection), and the shared fields must agree; the plain answers
 * are also checked against the tables themselves.
 */
let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
const sql = async (text: string, params: unknown[] = []) =>
  (await db.em().getConnection().execute(text, params)) as Record<string, any>[];

beforeAll(async () => {
  db = await openTestDb("plainpages");
  gql = await createExecutor(db.orm);
  // One official site with results and one official check-up beside the illustrative data, so
  // the default (OFFICIAL) pages are not empty and mixed pages interleave both data sets.
  const [unit] = await sql(`select id from administrative_unit where code = 'ha-noi'`);
  const [site] = await sql(
    `insert into monitoring_site (code, name, unit_id, sector, factors, dataset)
     values ('plain-official-site', 'Cơ sở chính thức', ?, 'manufacturing', '["dust"]', 'OFFICIAL') returning id`,
    [unit.id],
  );
  await sql(
    `insert into monitoring_result (site_id, year, factor, samples, samples_over_limit, dataset)
     values (?, 2021, 'dust', 12, 3, 'OFFICIAL'), (?, 2022, 'dust', 10, 1, 'OFFICIAL')`,
    [site.id, site.id],
  );
  // One in a unit merged away in 2025, so that a site's unit has a successor.
  await sql(
    `insert into monitoring_site (code, name, unit_id, sector, factors, dataset)
     select 'plain-merged-site', 'Cơ sở ở Hải Dương', id, 'manufacturing', '["noise"]', 'OFFICIAL'
     from administrative_unit where code = 'hai-duong-63'`,
  );
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const nodesOf = (data: any, field: string) => data[field].nodes as Record<string, unknown>[];
const without = (rows: Record<string, unknown>[], key: string) =>
  rows.map(({ [key]: _dropped, ...rest }) => rest);

/** The plain answer, and the entity answer of the same selection plus `extra`, minus `extra`. */
async function bothPaths(field: string, args: string, selection: string, extra: string) {
  const plain = await gql.run(`{ ${field}(${args}) { nodes { ${selection} } } }`);
  const entities = await gql.run(`{ ${field}(${args}) { nodes { ${selection} ${extra} } } }`);
  expect(plain.errors).toBeUndefined();
  expect(entities.errors).toBeUndefined();
  const extraKey = extra.split(/[\s{]/)[0];
  return {
    plain: nodesOf(plain.data, field),
    entities: without(nodesOf(entities.data, field), extraKey),
  };
}

describe("list pages as plain rows", () => {
  it("monitoringResults: the table's rows in year and id order, with site and unit", async () => {
    const result =
      await gql.run(`{ monitoringResults(first: 60, datasets: [OFFICIAL, ILLUSTRATIVE]) {
      nodes { id year factor samples samplesOverLimit dataset site { code unit { code } } } } }`);
    expect(result.errors).toBeUndefined();
    const rows = await sql(
      `select r.id, r.year, r.factor, r.samples, r.samples_over_limit, r.dataset, s.code, u.code as unit
       from monitoring_result r join monitoring_site s on s.id = r.site_id
       join administrative_unit u on u.id = s.unit_id order by r.year, r.id limit 60`,
    );
    expect(rows.length).toBe(60);
    expect(nodesOf(result.data, "monitoringResults")).toEqual(
      rows.map(r => ({
        id: r.id,
        year: r.year,
        factor: r.factor,
        samples: r.samples,
        samplesOverLimit: r.samples_over_limit,
        dataset: r.dataset,
        site: { code: r.code, unit: { code: r.unit } },
      })),
    );
  });

  it("monitoringResults by default: the official rows only", async () => {
    const result = await gql.run(`{ monitoringResults { nodes { year samples site { code } } } }`);
    expect(result.errors).toBeUndefined();
    expect(nodesOf(result.data, "monitoringResults")).toEqual([
      { year: 2021, samples: 12, site: { code: "plain-official-site" } },
      { year: 2022, samples: 10, site: { code: "plain-official-site" } },
    ]);
  });

  it("monitoringSites: plain rows equal entities (illustrative is a getter)", async () => {
    const { plain, entities } = await bothPaths(
      "monitoringSites",
      "first: 80, datasets: [OFFICIAL, ILLUSTRATIVE]",
      "code name sector industrialZone factors dataset unit { code nameVi level validFrom validTo } results { year factor samples }",
      "illustrative",
    );
    expect(plain.length).toBe(80);
    expect(plain).toEqual(entities);
  });

  it("healthCheckups: plain rows equal entities, JSON cases included", async () => {
    const { plain, entities } = await bothPaths(
      "healthCheckups",
      "first: 70, datasets: [ILLUSTRATIVE]",
      "id year establishment kind sector workersExamined casesTotal dataset cases { disease cases } unit { code }",
      "illustrative",
    );
    expect(plain.length).toBe(70);
    expect(plain).toEqual(entities);
  });

  it("targets: plain rows equal entities (part has a resolver), nullable references included", async () => {
    const { plain, entities } = await bothPaths(
      "targets",
      "first: 200",
      "number kind comparator value baseYear endYear textVi section programme { code } indicator { code } source { code title } leadAgency { code } alignedTarget { number }",
      "part",
    );
    expect(plain.length).toBeGreaterThan(20);
    // Some targets lead to no agency or restate no target: null, as from the entity.
    expect(plain.some(t => t.leadAgency === null)).toBe(true);
    expect(plain.some(t => t.alignedTarget !== null)).toBe(true);
    expect(plain).toEqual(entities);
  });

  it("sources and indicators: plain rows equal entities", async () => {
    const sources = await bothPaths(
      "sources",
      "first: 100",
      "code title url publisher publishedOn documentNumber grade language note",
      "__typename",
    );
    expect(sources.plain.length).toBeGreaterThan(5);
    const entitySources = await gql.run(
      `{ sources(first: 100) { nodes { code title url publisher publishedOn documentNumber grade language note } } }`,
    );
    expect(sources.plain).toEqual(nodesOf(entitySources.data, "sources"));
    const indicators = await bothPaths(
      "indicators",
      "first: 100",
      "code nameVi nameEn measure multiplier direction category sdg numerator { code } denominator { code }",
      "targets { number part }",
    );
    expect(indicators.plain.length).toBeGreaterThan(10);
    expect(indicators.plain).toEqual(indicators.entities);
  });

  it("reads related rows for the whole page at once: as many statements for 5 rows as for 300", async () => {
    const q = (first: number) =>
      gql.run(`{ healthCheckups(first: ${first}, datasets: [ILLUSTRATIVE]) {
        nodes { year unit { code nameVi } } } }`);
    const few = await q(5);
    const many = await q(300);
    expect(few.errors).toBeUndefined();
    expect(nodesOf(many.data, "healthCheckups")).toHaveLength(300);
    const units = new Set(nodesOf(many.data, "healthCheckups").map(c => (c.unit as any).code));
    expect(units.size).toBeGreaterThan(1);
    // The page, then its units.
    expect(few.statements).toBe(2);
    expect(many.statements).toBe(2);
  });

  it("totals of different tables with filters of the same shape are each their own", async () => {
    // The same `{ dataset: { $in: [...] } }` on three tables: one kept count each.
    for (const datasets of ["ILLUSTRATIVE", "OFFICIAL, ILLUSTRATIVE", "OFFICIAL"]) {
      const result = await gql.run(`{
        monitoringResults(first: 1, datasets: [${datasets}]) { totalCount }
        healthCheckups(first: 1, datasets: [${datasets}]) { totalCount }
        monitoringSites(first: 1, datasets: [${datasets}]) { totalCount } }`);
      expect(result.errors).toBeUndefined();
      const sets = datasets.split(", ");
      const count = async (table: string) =>
        (
          await sql(
            `select count(*)::int as n from ${table} where dataset = any(string_to_array(?, ','))`,
            [sets.join(",")],
          )
        )[0].n;
      expect((result.data as any).monitoringResults.totalCount).toBe(
        await count("monitoring_result"),
      );
      expect((result.data as any).healthCheckups.totalCount).toBe(await count("health_checkup"));
      expect((result.data as any).monitoringSites.totalCount).toBe(await count("monitoring_site"));
    }
  });

  it("a relation of a related row: sites' units with parent and successor, plain two levels deep", async () => {
    const selection = "code unit { code level parent { code } successor { code nameVi } }";
    const args = "first: 300, datasets: [OFFICIAL, ILLUSTRATIVE]";
    const { plain, entities } = await bothPaths("monitoringSites", args, selection, "illustrative");
    expect(plain).toEqual(entities);
    const rows = await sql(
      `select s.code, u.code as unit, u.level, p.code as parent, n.code as successor,
              n.name_vi as successor_name
       from monitoring_site s join administrative_unit u on u.id = s.unit_id
       left join administrative_unit p on p.id = u.parent_id
       left join administrative_unit n on n.id = u.successor_id
       order by s.code limit 300`,
    );
    expect(plain).toEqual(
      rows.map(r => ({
        code: r.code,
        unit: {
          code: r.unit,
          level: r.level,
          parent: r.parent === null ? null : { code: r.parent },
          successor: r.successor === null ? null : { code: r.successor, nameVi: r.successor_name },
        },
      })),
    );
    expect(plain.some(s => (s.unit as any).successor !== null)).toBe(true);
    // The page, its units, then their parents and successors: one statement each, however many.
    const few = await gql.run(`{ monitoringSites(first: 5, datasets: [OFFICIAL, ILLUSTRATIVE]) {
      nodes { ${selection} } } }`);
    const many = await gql.run(`{ monitoringSites(${args}) { nodes { ${selection} } } }`);
    expect(few.statements).toBe(4);
    expect(many.statements).toBe(4);
    const results = await gql.run(`{ monitoringResults(first: 200, datasets: [ILLUSTRATIVE]) {
      nodes { year site { code unit { code } } } } }`);
    expect(results.errors).toBeUndefined();
    expect(results.statements).toBe(3);
  });

  it("lists below a page: a site's results and an indicator's targets as plain rows", async () => {
    const sites = await gql.run(`{ monitoringSites(first: 30, datasets: [OFFICIAL, ILLUSTRATIVE]) {
      nodes { code results { year factor samples samplesOverLimit site { code } } } } }`);
    expect(sites.errors).toBeUndefined();
    const codes = nodesOf(sites.data, "monitoringSites").map(n => n.code as string);
    const rows = await sql(
      `select s.code, r.year, r.factor, r.samples, r.samples_over_limit from monitoring_result r
       join monitoring_site s on s.id = r.site_id where s.code in (?) order by r.year, r.factor`,
      [codes],
    );
    expect(rows.length).toBeGreaterThan(30);
    expect(nodesOf(sites.data, "monitoringSites")).toEqual(
      codes.map(code => ({
        code,
        results: rows
          .filter(r => r.code === code)
          .map(r => ({
            year: r.year,
            factor: r.factor,
            samples: r.samples,
            samplesOverLimit: r.samples_over_limit,
            site: { code },
          })),
      })),
    );
    const targets =
      "number value baseYear endYear comparator programme { code } indicator { code }";
    const plain = await gql.run(
      `{ indicators(first: 100) { nodes { code targets { ${targets} } } } }`,
    );
    const entities = await gql.run(
      `{ indicators(first: 100) { nodes { code targets { ${targets} part } } } }`,
    );
    expect(plain.errors).toBeUndefined();
    const plainNodes = nodesOf(plain.data, "indicators") as {
      targets: Record<string, unknown>[];
    }[];
    expect(plainNodes.flatMap(n => n.targets).length).toBeGreaterThan(20);
    expect(plainNodes).toEqual(
      (nodesOf(entities.data, "indicators") as { targets: Record<string, unknown>[] }[]).map(n => ({
        ...n,
        targets: without(n.targets, "part"),
      })),
    );
  });

  it("pages and totals: the same pages, cursors and counts on both paths", async () => {
    const page = (extra: string, after: string | null) =>
      gql.run(
        `query($after: String) { monitoringSites(first: 7, after: $after, datasets: [OFFICIAL, ILLUSTRATIVE]) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code ${extra} } } } }`,
        { after },
      );
    const [total] = await sql(`select count(*)::int as n from monitoring_site`);
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const plain: any = await page("", after);
      const entities: any = await page("illustrative", after);
      expect(plain.errors).toBeUndefined();
      const p = plain.data.monitoringSites;
      const e = entities.data.monitoringSites;
      expect(p.totalCount).toBe(total.n);
      expect(p.totalCount).toBe(e.totalCount);
      expect(p.pageInfo).toEqual(e.pageInfo);
      expect(p.edges).toEqual(e.edges.map((x: any) => ({ ...x, node: { code: x.node.code } })));
      expect(p.edges).toHaveLength(7);
      after = p.pageInfo.endCursor;
    }
  });

  it("page and count statements kept for a filter's shape serve later values of that shape", async () => {
    // page-statement.ts keeps the builder's statement per shape and binds each request's values
    // in the order it met them: a later request whose values differ (or repeat) must still get
    // exactly its own rows. Both orders: distinct values first (kept), and equal values first
    // (not kept, then kept by the next).
    const units = await sql(
      `select u.code from monitoring_site s join administrative_unit u on u.id = s.unit_id
       where s.dataset = 'ILLUSTRATIVE' group by u.code order by count(*) desc, u.code limit 2`,
    );
    const [span] = await sql(
      `select min(year) as lo, max(year) as hi from monitoring_result where dataset = 'ILLUSTRATIVE'`,
    );
    expect(span.hi).toBeGreaterThan(span.lo);
    const asked = [
      { unit: units[0].code, from: span.lo, to: span.hi, offset: 0 },
      { unit: units[1].code, from: span.hi, to: span.hi, offset: 0 },
      { unit: units[1].code, from: span.lo + 1, to: span.lo + 1, offset: 3 },
      { unit: units[0].code, from: span.lo, to: span.lo + 1, offset: 3 },
      { unit: units[1].code, from: span.lo, to: span.hi, offset: 2 },
    ];
    for (const { unit, from, to, offset } of asked) {
      const after = offset
        ? `, after: "${Buffer.from(`o:${offset - 1}`).toString("base64url")}"`
        : "";
      const result = await gql.run(`{ monitoringResults(first: 7${after}, units: ["${unit}"],
        yearFrom: ${from}, yearTo: ${to}, datasets: [ILLUSTRATIVE]) { totalCount nodes { id year site { code } } } }`);
      expect(result.errors).toBeUndefined();
      const rows = await sql(
        `select r.id, r.year, s.code from monitoring_result r
         join monitoring_site s on s.id = r.site_id join administrative_unit u on u.id = s.unit_id
         where u.code = ? and r.year between ? and ? and r.dataset = 'ILLUSTRATIVE'
         order by r.year, r.id limit 7 offset ?`,
        [unit, from, to, offset],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(nodesOf(result.data, "monitoringResults")).toEqual(
        rows.map(r => ({ id: r.id, year: r.year, site: { code: r.code } })),
      );
      // The count is kept per shape the same way.
      const [{ total }] = await sql(
        `select count(*)::int as total from monitoring_result r
         join monitoring_site s on s.id = r.site_id join administrative_unit u on u.id = s.unit_id
         where u.code = ? and r.year between ? and ? and r.dataset = 'ILLUSTRATIVE'`,
        [unit, from, to],
      );
      expect((result.data as any).monitoringResults.totalCount).toBe(total);
    }
  });

  it("a filter through a relation (units) and a search keep their rows", async () => {
    const [busiest] = await sql(
      `select u.code from monitoring_site s join administrative_unit u on u.id = s.unit_id
       group by u.code order by count(*) desc, u.code limit 1`,
    );
    const { plain, entities } = await bothPaths(
      "monitoringSites",
      `first: 50, units: ["${busiest.code}"], datasets: [OFFICIAL, ILLUSTRATIVE]`,
      "code unit { code }",
      "illustrative",
    );
    expect(plain.length).toBeGreaterThan(1);
    expect(plain.every(s => (s.unit as { code: string }).code === busiest.code)).toBe(true);
    expect(plain).toEqual(entities);
    // Check-ups of two units (looked up by code, filtered by id) against the table, in order;
    // an unknown code matches nothing.
    const two = await sql(
      `select u.code from health_checkup c join administrative_unit u on u.id = c.unit_id
       group by u.code order by count(*) desc, u.code limit 2`,
    );
    const codes = two.map(r => r.code as string);
    const checkups =
      await gql.run(`{ healthCheckups(first: 40, units: ${JSON.stringify([...codes, "no-such-unit"])},
      datasets: [OFFICIAL, ILLUSTRATIVE]) { totalCount nodes { id unit { code } } } }`);
    expect(checkups.errors).toBeUndefined();
    const expected = await sql(
      `select c.id, u.code, count(*) over () as total from health_checkup c
       join administrative_unit u on u.id = c.unit_id where u.code in (?, ?)
       order by c.year, c.id limit 40`,
      codes,
    );
    expect(expected.length).toBe(40);
    expect(nodesOf(checkups.data, "healthCheckups")).toEqual(
      expected.map(r => ({ id: r.id, unit: { code: r.code } })),
    );
    expect((checkups.data as any).healthCheckups.totalCount).toBe(Number(expected[0].total));
    // Monitoring results of the same two units, filtered on the unit each result carries.
    const results = await gql.run(`{ monitoringResults(first: 40, units: ${JSON.stringify(codes)},
      datasets: [OFFICIAL, ILLUSTRATIVE]) { totalCount nodes { id site { unit { code } } } } }`);
    expect(results.errors).toBeUndefined();
    const expectedResults = await sql(
      `select r.id, u.code, count(*) over () as total from monitoring_result r
       join monitoring_site s on s.id = r.site_id join administrative_unit u on u.id = s.unit_id
       where u.code in (?, ?) order by r.year, r.id limit 40`,
      codes,
    );
    expect(expectedResults.length).toBeGreaterThan(0);
    expect(nodesOf(results.data, "monitoringResults")).toEqual(
      expectedResults.map(r => ({ id: r.id, site: { unit: { code: r.code } } })),
    );
    expect((results.data as any).monitoringResults.totalCount).toBe(
      Number(expectedResults[0].total),
    );
    const none = await gql.run(
      `{ healthCheckups(units: ["no-such-unit"]) { totalCount nodes { id } } monitoringSites(units: ["no-such-unit"]) { nodes { code } } }`,
    );
    expect(none.errors).toBeUndefined();
    expect(none.data).toEqual({
      healthCheckups: { totalCount: 0, nodes: [] },
      monitoringSites: { nodes: [] },
    });
    const search = await bothPaths("sources", 'search: "gov"', "code title", "__typename");
    expect(search.plain.length).toBeGreaterThan(0);
  });
});
