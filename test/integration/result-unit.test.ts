import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../helpers/db.js";

/**
 * A monitoring result carries its site's unit (`unit_id`, Migration20261202050000), which the
 * unit's page of results is filtered and ordered on. The database keeps it: it is read from
 * the site whatever a statement writes, and follows a site moved to another unit.
 */
let db: TestDb;
const sql = async (text: string, params: unknown[] = []) =>
  (await db.em().getConnection().execute(text, params)) as Record<string, any>[];
const unitId = async (code: string) =>
  (await sql(`select id from administrative_unit where code = ?`, [code]))[0].id as number;

beforeAll(async () => {
  db = await openTestDb("resultunit");
});
afterAll(async () => {
  await db.close();
});

describe("a monitoring result's unit", () => {
  it("is its site's for every row the migration and the seeds left", async () => {
    const [row] = await sql(
      `select count(*)::int as total,
              count(*) filter (where r.unit_id is distinct from s.unit_id)::int as wrong
       from monitoring_result r join monitoring_site s on s.id = r.site_id`,
    );
    expect(row.total).toBeGreaterThan(0);
    expect(row.wrong).toBe(0);
  });

  it("is read from the site whatever an insert or update says, and follows the site", async () => {
    const haNoi = await unitId("ha-noi");
    const haiPhong = await unitId("hai-phong-34");
    const [site] = await sql(
      `insert into monitoring_site (code, name, unit_id, sector, factors, dataset)
       values ('result-unit-site', 'Cơ sở thử', ?, 'manufacturing', '["dust"]', 'OFFICIAL') returning id`,
      [haNoi],
    );
    // A client naming another unit, or none, still gets the site's.
    await sql(
      `insert into monitoring_result (site_id, unit_id, year, factor, samples, samples_over_limit, dataset)
       values (?, ?, 2023, 'dust', 5, 1, 'OFFICIAL')`,
      [site.id, haiPhong],
    );
    await sql(
      `insert into monitoring_result (site_id, year, factor, samples, samples_over_limit, dataset)
       values (?, 2024, 'dust', 6, 2, 'OFFICIAL')`,
      [site.id],
    );
    const units = async () =>
      (
        await sql(`select unit_id from monitoring_result where site_id = ? order by year`, [
          site.id,
        ])
      ).map(r => r.unit_id);
    expect(await units()).toEqual([haNoi, haNoi]);
    await sql(`update monitoring_result set unit_id = ? where site_id = ?`, [haiPhong, site.id]);
    expect(await units()).toEqual([haNoi, haNoi]);
    // The site moves: its results move with it.
    await sql(`update monitoring_site set unit_id = ? where id = ?`, [haiPhong, site.id]);
    expect(await units()).toEqual([haiPhong, haiPhong]);
  });
});
