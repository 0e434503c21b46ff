import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readChosen, type Chosen } from "../../server/analytics-api/series-values.js";
import { Dataset } from "../../server/graphql/enums.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { copyToYear, twoOverlappingCopies } from "../helpers/observation-copies.js";

/**
 * `observation_year_series` (Migration20261201070000) is kept by triggers: after any write to
 * `observation` (insert, update of any column that matters, delete, truncate, concurrent
 * transactions on one pair), readChosen answers what a walk of `observation` itself answers.
 * The oracle is the statement readChosen ran before the table existed.
 */
let db: TestDb;
let client: pg.Client;
beforeAll(async () => {
  db = await openTestDb("yearseries");
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await db.close();
});

const ORACLE_SQL = `select i.id as indicator_id, u.code, s.years, s.official, s.vals
  from unnest($1::int[]) as i(id) cross join administrative_unit u
  cross join lateral (select array_agg(year order by year) as years,
      array_agg(dataset = 'OFFICIAL' order by year) as official,
      array_agg(value order by year) as vals
    from (select distinct on (year) year, dataset, value from observation
      where indicator_id = i.id and unit_id = u.id and period = 'YEAR'
        and disaggregation = 'TOTAL' and review_state = 'APPROVED' and dataset = any($2::text[])
      order by year, dataset = 'OFFICIAL' desc) o) s
  where u.id = any($3::int[]) and s.years is not null`;

const DATASET_CHOICES = [
  [Dataset.OFFICIAL],
  [Dataset.ILLUSTRATIVE],
  [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE],
];

/** indicator id -> unit code -> values, as sorted plain entries for toEqual. */
function plain(chosen: Chosen) {
  return [...chosen]
    .flatMap(([indicator, byUnit]) =>
      [...byUnit].map(([code, v]) => ({ key: `${indicator}|${code}`, ...v })),
    )
    .sort((a, b) => a.key.localeCompare(b.key));
}

async function everyPair() {
  const indicators = (await client.query<{ id: number }>("select id from indicator")).rows.map(
    r => r.id,
  );
  const units = (
    await client.query<{ id: number; code: string }>("select id, code from administrative_unit")
  ).rows;
  return { indicators, units: new Map(units.map(u => [u.code, u.id])) };
}

/** readChosen against the oracle, for every indicator and unit and each data set choice. */
async function expectSameAsObservations(): Promise<number> {
  const { indicators, units } = await everyPair();
  let pairs = 0;
  for (const datasets of DATASET_CHOICES) {
    const got = plain(await readChosen(db.em(), indicators, units, datasets));
    const oracle = await client.query<{
      indicator_id: number;
      code: string;
      years: number[];
      official: boolean[];
      vals: number[];
    }>(ORACLE_SQL, [indicators, datasets, [...units.values()]]);
    const want = oracle.rows
      .map(r => ({
        key: `${r.indicator_id}|${r.code}`,
        years: r.years,
        official: r.official,
        values: r.vals,
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
    expect(got).toEqual(want);
    pairs += want.length;
  }
  return pairs;
}

/** A yearly total of the data, its id and pair. */
async function someRow(dataset: Dataset) {
  const { rows } = await client.query<{
    id: number;
    indicator_id: number;
    unit_id: number;
    year: number;
  }>(
    `select id, indicator_id, unit_id, year from observation
      where dataset = $1 and period = 'YEAR' and disaggregation = 'TOTAL' and review_state = 'APPROVED'
      order by id limit 1`,
    [dataset],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe("observation_year_series", () => {
  it("holds what the seeded observations hold", async () => {
    expect(await expectSameAsObservations()).toBeGreaterThan(0);
  });

  it("follows inserts, updates of every column it depends on, and deletes", async () => {
    const official = await someRow(Dataset.OFFICIAL);
    const illustrative = await someRow(Dataset.ILLUSTRATIVE);
    // A new year for each data set, then an illustrative value in an official row's year.
    await copyToYear(client, official.id, 1990, 12.5);
    await copyToYear(client, illustrative.id, 1991, 7);
    await expectSameAsObservations();
    await client.query(`update observation set value = value + 1 where id = $1`, [official.id]);
    await expectSameAsObservations();
    await client.query(`update observation set review_state = 'DRAFT' where id = $1`, [
      official.id,
    ]);
    await expectSameAsObservations();
    await client.query(`update observation set review_state = 'APPROVED' where id = $1`, [
      official.id,
    ]);
    await client.query(`update observation set year = 1992 where id = $1`, [illustrative.id]);
    await client.query(`update observation set period = 'H1' where year = 1991`);
    await expectSameAsObservations();
    // A row moved to another unit leaves its old pair and joins the new one.
    const other = await client.query<{ id: number }>(
      `select id from administrative_unit where id <> $1 order by id limit 1`,
      [official.unit_id],
    );
    await client.query(`update observation set unit_id = $1 where year = 1990`, [other.rows[0].id]);
    await expectSameAsObservations();
    await client.query(`delete from observation where year in (1990, 1992)`);
    await client.query(
      `update observation set disaggregation = 'WITH_LABOUR_RELATIONS' where id = $1`,
      [official.id],
    );
    await expectSameAsObservations();
    await client.query(`update observation set disaggregation = 'TOTAL' where id = $1`, [
      official.id,
    ]);
    await expectSameAsObservations();
  });

  it("is right after two transactions write one pair at once", async () => {
    const row = await someRow(Dataset.ILLUSTRATIVE);
    await twoOverlappingCopies(db.url, row.id, [1993, 1994]);
    const { rows } = await client.query<{ years: number[] }>(
      `select years from observation_year_series where indicator_id = $1 and unit_id = $2 and dataset = 'ILLUSTRATIVE'`,
      [row.indicator_id, row.unit_id],
    );
    expect(rows[0].years).toEqual(expect.arrayContaining([1993, 1994]));
    await expectSameAsObservations();
  });

  it("is emptied with a truncated observation table", async () => {
    await client.query("truncate observation cascade");
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from observation_year_series",
    );
    expect(rows[0].n).toBe(0);
    expect(await expectSameAsObservations()).toBe(0);
  });
});
