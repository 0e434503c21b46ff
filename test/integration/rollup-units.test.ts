import "reflect-metadata";
import type { Knex } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildCheckupRollup } from "../../server/checkups/checkup-rollup.js";
import { Dataset } from "../../server/graphql/enums.js";
import {
  MonitoringRollupRefresher,
  rebuildMonitoringRollup,
} from "../../server/monitoring/monitoring-rollup.js";
import {
  MonitoringGroup,
  summariseMonitoring,
} from "../../server/monitoring/monitoring-summary.service.js";
import {
  MAX_UNITS_REBUILT,
  rollupWait,
  type RebuildOutcome,
} from "../../server/monitoring/rollup-state.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

/**
 * A rebuild after a write redoes only the units the write touched (Migration20261201220000,
 * server/monitoring/rollup-state.ts). After every kind of write, the rollup tables so rebuilt
 * hold exactly the rows a whole rebuild gives: the check is the tables themselves, row by row.
 */
let db: TestDb;
let knex: Knex;
const execute = (sql: string, params: unknown[] = []) =>
  db.em().getConnection().execute<Record<string, unknown>[]>(sql, params);

beforeAll(async () => {
  db = await openTestDb("rollup_units");
  knex = db.em().getKnex("write");
  expect(await rebuildMonitoringRollup(knex)).toBe("built");
  expect(await rebuildCheckupRollup(knex)).toBe("built");
}, 120_000);
afterAll(async () => {
  await db.close();
});

const TABLES = {
  monitoring: ["monitoring_rollup"],
  checkup: ["checkup_rollup", "checkup_disease_rollup", "checkup_rollup_mover"],
} as const;
type Name = keyof typeof TABLES;
const REBUILD: Record<Name, (k: Knex) => Promise<RebuildOutcome>> = {
  monitoring: rebuildMonitoringRollup,
  checkup: rebuildCheckupRollup,
};

/** Every row of a rollup's tables, as sorted text. */
async function contents(name: Name): Promise<string[]> {
  const out: string[] = [];
  for (const table of TABLES[name]) {
    const rows = await execute(`select to_jsonb(t)::text as row from ${table} t order by 1`);
    out.push(`${table}: ${rows.length} rows`, ...rows.map(r => String(r.row)));
  }
  return out;
}

/** Rebuilds after a write: `expected` outcome, then the same tables as a whole rebuild. */
async function rebuildMatchesWhole(name: Name, expected: RebuildOutcome): Promise<void> {
  expect(await REBUILD[name](knex)).toBe(expected);
  const partial = await contents(name);
  await execute(
    `update summary_state set data_version = data_version + 1, whole_dirty = true where name = ?`,
    [name],
  );
  expect(await REBUILD[name](knex)).toBe("built");
  expect(partial).toEqual(await contents(name));
}

const unitId = async (code: string) =>
  Number((await execute(`select id from administrative_unit where code = ?`, [code]))[0].id);

async function checkup(establishment: string, unit: string, sector: string, year: number) {
  await execute(
    `insert into health_checkup (establishment, unit_id, sector, year, kind, workers_examined, cases_total, cases, dataset)
     values (?, ?, ?, ?, 'PERIODIC', 100, 3, '[{"disease":"silicosis","cases":3}]'::jsonb, 'OFFICIAL')`,
    [establishment, await unitId(unit), sector, year],
  );
}

describe("rollups redo only the units a write touched", () => {
  it("records the units of each statement, and nothing for a statement that changed no row", async () => {
    await execute(`update health_checkup set workers_examined = workers_examined where false`);
    const [state] = await execute(
      `select data_version <> built_version as stale from summary_state where name = 'checkup'`,
    );
    expect(state.stale).toBe(true);
    // Stale, but no unit changed: marked built without redoing anything.
    expect(await rebuildCheckupRollup(knex)).toBe("fresh");
    const [after] = await execute(
      `select data_version = built_version as fresh from summary_state where name = 'checkup'`,
    );
    expect(after.fresh).toBe(true);
    expect(await execute(`select * from rollup_dirty where name = 'checkup'`)).toEqual([]);
  });

  it("monitoring: new site and results, changed results, a site moved to another unit, deletions", async () => {
    const haiDuong = await unitId("hai-duong-63");
    await execute(
      `insert into monitoring_site (code, name, unit_id, sector, factors, dataset)
       values ('units-site', 'Units test site', ?, 'mining', '["dust"]'::jsonb, 'OFFICIAL')`,
      [haiDuong],
    );
    await execute(
      `insert into monitoring_result (site_id, year, factor, samples, samples_over_limit, dataset)
       select id, y, 'dust', 10, 2, 'OFFICIAL' from monitoring_site, generate_series(2021, 2023) y
       where code = 'units-site'`,
    );
    const dirty = await execute(
      `select distinct unit_id from rollup_dirty where name = 'monitoring' order by 1`,
    );
    expect(dirty.map(r => Number(r.unit_id))).toEqual([haiDuong]);
    await rebuildMatchesWhole("monitoring", "units");

    await execute(
      `update monitoring_result set samples_over_limit = 5 where site_id = (select id from monitoring_site where code = 'units-site') and year = 2022`,
    );
    await rebuildMatchesWhole("monitoring", "units");

    // Moved: its rows leave Hải Dương's and join Hải Phòng's (both units are redone).
    await execute(
      `update monitoring_site set unit_id = ?, sector = 'construction' where code = 'units-site'`,
      [await unitId("hai-phong-34")],
    );
    await rebuildMatchesWhole("monitoring", "units");

    await execute(
      `delete from monitoring_result where site_id = (select id from monitoring_site where code = 'units-site') and year = 2021`,
    );
    await rebuildMatchesWhole("monitoring", "units");
    await execute(
      `delete from monitoring_result where site_id = (select id from monitoring_site where code = 'units-site')`,
    );
    await execute(`delete from monitoring_site where code = 'units-site'`);
    await rebuildMatchesWhole("monitoring", "units");
  });

  it("check-ups: establishments that become movers, stop being movers, or go", async () => {
    await checkup("units-a", "hai-duong-63", "mining", 2023);
    await checkup("units-a", "hai-duong-63", "mining", 2024);
    await checkup("units-b", "hai-duong-63", "mining", 2024);
    await rebuildMatchesWhole("checkup", "units");

    // One row moves to another unit: units-a is now a mover, counted apart in both units.
    await execute(
      `update health_checkup set unit_id = ? where establishment = 'units-a' and year = 2024`,
      [await unitId("hai-phong-34")],
    );
    await rebuildMatchesWhole("checkup", "units");
    const movers = await execute(`select distinct establishment from checkup_rollup_mover`);
    expect(movers.map(r => r.establishment)).toContain("units-a");

    // A mover in three units loses one unit's rows: still a mover in the other two.
    await checkup("units-a", "ha-noi", "mining", 2025);
    await rebuildMatchesWhole("checkup", "units");
    await execute(`delete from health_checkup where establishment = 'units-a' and year = 2023`);
    await rebuildMatchesWhole("checkup", "units");
    expect(
      (await execute(`select distinct establishment from checkup_rollup_mover`)).map(
        r => r.establishment,
      ),
    ).toContain("units-a");

    // Back to one unit and sector: no longer a mover; counted in that unit's rows again.
    await execute(`update health_checkup set unit_id = ? where establishment = 'units-a'`, [
      await unitId("hai-phong-34"),
    ]);
    await rebuildMatchesWhole("checkup", "units");
    expect(
      (await execute(`select distinct establishment from checkup_rollup_mover`)).map(
        r => r.establishment,
      ),
    ).not.toContain("units-a");

    // A row added in another unit only: the other unit's counts must drop the new mover,
    // though only the added row's unit changed; and back, by deleting that row.
    await checkup("units-c", "hai-duong-63", "mining", 2023);
    await rebuildMatchesWhole("checkup", "units");
    await checkup("units-c", "ha-noi", "mining", 2024);
    await rebuildMatchesWhole("checkup", "units");
    await execute(`delete from health_checkup where establishment = 'units-c' and year = 2024`);
    await rebuildMatchesWhole("checkup", "units");
    await execute(`delete from health_checkup where establishment = 'units-c'`);
    await rebuildMatchesWhole("checkup", "units");

    // A change of sector alone makes a mover too; then the establishment goes.
    await execute(
      `update health_checkup set sector = 'construction' where establishment = 'units-b'`,
    );
    await checkup("units-b", "hai-duong-63", "mining", 2025);
    await rebuildMatchesWhole("checkup", "units");
    await execute(`delete from health_checkup where establishment in ('units-a', 'units-b')`);
    await rebuildMatchesWhole("checkup", "units");
  });

  it(`rebuilds whole when more than ${MAX_UNITS_REBUILT} units changed`, async () => {
    const units = await execute(
      `select id from administrative_unit where level = 'PROVINCE' order by id limit ?`,
      [MAX_UNITS_REBUILT + 1],
    );
    expect(units).toHaveLength(MAX_UNITS_REBUILT + 1);
    await execute(
      `insert into health_checkup (establishment, unit_id, sector, year, kind, workers_examined, cases_total, cases, dataset)
       select 'units-many-' || id, id, 'mining', 2024, 'PERIODIC', 10, 0, '[]'::jsonb, 'OFFICIAL'
       from administrative_unit where id = any(?::int[])`,
      [`{${units.map(u => u.id).join(",")}}`],
    );
    await rebuildMatchesWhole("checkup", "built");
    await execute(`delete from health_checkup where establishment like 'units-many-%'`);
    await rebuildMatchesWhole("checkup", "built");
  });
});

describe("a summary asked while a few units are rebuilt waits for them", () => {
  const args = {
    groupBy: [MonitoringGroup.FACTOR, MonitoringGroup.YEAR],
    units: null,
    yearFrom: null,
    yearTo: null,
    datasets: [Dataset.OFFICIAL, Dataset.ILLUSTRATIVE],
  };
  /** The summary's statements, to tell the rollup's (which check freshness) from the raw ones. */
  function recording() {
    const statements: string[] = [];
    const run = (sql: string, params: unknown[] = []) => {
      statements.push(sql);
      return execute(sql, params);
    };
    const raw = () => statements.filter(sql => /from monitoring_result/.test(sql)).length;
    return { run, statements, raw };
  }
  const writeOneUnit = () =>
    execute(
      `update monitoring_result set samples = samples + 1 where id = (select min(id) from monitoring_result)`,
    );

  it("reads the rollup once the changed unit is rebuilt, with the raw tables' answer", async () => {
    const refresher = new MonitoringRollupRefresher(knex, 20);
    try {
      await refresher.refreshNow();
      await writeOneUnit();
      // Not scheduled: the request came before the NOTIFY; the reader starts the rebuild.
      const { run, raw } = recording();
      const rows = await summariseMonitoring(
        run,
        args,
        "if-fresh",
        rollupWait("monitoring", refresher, sql => run(sql)),
      );
      expect(raw()).toBe(0);
      expect(rows).toEqual(await summariseMonitoring(execute, args, false));
    } finally {
      await refresher.stop();
    }
  });

  it("does not wait when the next rebuild is whole, nor without a rebuild to wait for", async () => {
    const refresher = new MonitoringRollupRefresher(knex, 20);
    try {
      await refresher.refreshNow();
      await execute(
        `update summary_state set data_version = data_version + 1, whole_dirty = true where name = 'monitoring'`,
      );
      let waited = 0;
      const idle = { kick: () => void waited++, idle: async () => void waited++ };
      const whole = recording();
      await summariseMonitoring(
        whole.run,
        args,
        "if-fresh",
        rollupWait("monitoring", idle, sql => whole.run(sql)),
      );
      expect(waited).toBe(0);
      expect(whole.raw()).toBe(1);

      await refresher.refreshNow();
      await writeOneUnit();
      const alone = recording();
      expect(rollupWait("monitoring", null, sql => alone.run(sql))).toBeUndefined();
      await summariseMonitoring(alone.run, args, "if-fresh", undefined);
      expect(alone.raw()).toBe(1);
    } finally {
      await refresher.stop();
    }
  });
});
