import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOfficialSeeds } from "../../server/db/seed/load-official.js";
import { loadIllustrative } from "../../server/db/seed/illustrative/load-illustrative.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb("seeds");
});
afterAll(() => db.close());

const TABLES = [
  "administrative_unit",
  "unit_lineage",
  "source",
  "legal_instrument",
  "agency",
  "programme",
  "programme_basis",
  "indicator",
  "target",
  "task_area",
  "responsibility",
  "responsibility_agency",
  "responsibility_target",
  "observation",
  "observation_alternative",
  "programme_section",
  "programme_citation",
  "target_citation",
  "context_note",
  "monitoring_site",
  "monitoring_result",
  "health_checkup",
];

/** Every row of every seeded table, as text, minus the write timestamps. */
async function snapshot(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await db
      .em()
      .getConnection()
      .execute<Record<string, unknown>[]>(`select * from "${table}"`);
    out[table] = rows
      .map(({ created_at: _c, updated_at: _u, ...rest }) => JSON.stringify(rest))
      .sort();
  }
  return out;
}

describe("seed loading", () => {
  it("loads the sourced seeds: units, programmes, targets, observations", async () => {
    const snap = await snapshot();
    expect(snap.administrative_unit.length).toBe(1 + 63 + 23);
    expect(snap.target.length).toBeGreaterThan(20);
    expect(snap.observation.length).toBeGreaterThan(50);
  });

  it("changes nothing when the same seeds are loaded again (forced), ids included", async () => {
    const before = await snapshot();
    expect(await loadOfficialSeeds(db.em(), { force: true })).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it("skips an unchanged seed set without writing", async () => {
    expect(await loadOfficialSeeds(db.em())).toBe(false);
    expect(await loadIllustrative(db.em())).toBe(false);
  });

  it("regenerates the same illustrative rows from the same seed", async () => {
    const before = await snapshot();
    expect(await loadIllustrative(db.em(), { force: true })).toBe(true);
    const after = await snapshot();
    const strip = (rows: string[]) =>
      rows
        .map(r => {
          const { id: _i, site_id: _s, ...rest } = JSON.parse(r);
          return JSON.stringify(rest);
        })
        .sort();
    for (const table of ["monitoring_site", "monitoring_result", "health_checkup"]) {
      expect(strip(after[table])).toEqual(strip(before[table]));
    }
    expect(after.observation.length).toBe(before.observation.length);
  });

  it("leaves a value a steward corrected when the seeds are reloaded", async () => {
    const conn = db.em().getConnection();
    const [user] = await conn.execute<{ id: number }[]>(
      `insert into app_user (name, role) values ('Steward', 'STEWARD') returning id`,
    );
    const [target] = await conn.execute<{ id: number; value: number }[]>(
      `select o.id, o.value from observation o join administrative_unit u on u.id = o.unit_id
       where u.code = 'hai-duong-63' and o.dataset = 'OFFICIAL' and o.year = 2024 order by id limit 1`,
    );
    await conn.execute(`update observation set value = ?, created_by_id = ? where id = ?`, [
      target.value + 1,
      user.id,
      target.id,
    ]);
    await loadOfficialSeeds(db.em(), { force: true });
    const [after] = await conn.execute<{ value: number }[]>(
      `select value from observation where id = ?`,
      [target.id],
    );
    expect(after.value).toBe(target.value + 1);
  });
});
