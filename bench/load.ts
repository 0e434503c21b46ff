import pg from "pg";
import {
  healthCheckups,
  monitoringResults,
  monitoringSites,
} from "../server/db/seed/illustrative/generator.js";
import { generatorOptions, observationMatrix, type ScalePlan } from "./scale.js";

/**
 * Loads the benchmark's ILLUSTRATIVE data straight through `pg`: the ORM would log and count
 * every statement and build entities we do not need. Each table is filled in one transaction
 * with unnest-array INSERTs of BATCH rows (one round trip and one plan per batch, far fewer
 * than row-by-row inserts), then ANALYZEd so the planner sees the real sizes.
 */
const BATCH = 20_000;

export interface LoadTimes {
  table: string;
  rows: number;
  ms: number;
}

export interface LoadedScale {
  times: LoadTimes[];
  /** What the loaded database takes on disk (item 6 of issue 14 asks for it at scale 1000). */
  disk: DiskSize[];
}

export async function loadScale(
  databaseUrl: string,
  plan: ScalePlan,
  log: (line: string) => void,
): Promise<LoadedScale> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await clear(client);
    const units = await client.query<{ id: number; code: string }>(
      `select id, code from administrative_unit where level in ('PROVINCE', 'NATION') order by code`,
    );
    const unitId = new Map(units.rows.map(u => [u.code, u.id]));
    const codes = units.rows.map(u => u.code);
    const options = generatorOptions(plan, codes);
    const times: LoadTimes[] = [];
    const timed = async (table: string, work: () => Promise<number>) => {
      const started = performance.now();
      await client.query("begin");
      const rows = await work();
      await client.query("commit");
      const ms = performance.now() - started;
      times.push({ table, rows, ms });
      log(`  ${table}: ${rows.toLocaleString("en")} rows in ${(ms / 1000).toFixed(1)} s`);
    };

    await timed("observation", () => insertObservations(client, plan, codes, unitId));
    const siteIds = new Map<string, number>();
    await timed("monitoring_site", () => insertSites(client, options.sites, unitId, siteIds));
    await timed("monitoring_result", () => insertResults(client, options.sites, siteIds));
    await timed("health_checkup", () => insertCheckups(client, options.checkups, unitId));
    const started = performance.now();
    // VACUUM too: the previous scale's rows were deleted, and index-only scans need the visibility map.
    await client.query(
      "vacuum analyze observation, monitoring_site, monitoring_result, health_checkup",
    );
    times.push({ table: "VACUUM ANALYZE", rows: 0, ms: performance.now() - started });
    return { times, disk: await logSizes(client, log) };
  } finally {
    await client.end();
  }
}

export interface DiskSize {
  /** The database, or a loaded table with its indexes and TOAST. */
  name: string;
  bytes: number;
}

/** Disk used after the load: the database, and each loaded table with its indexes and TOAST. */
async function diskSizes(client: pg.Client): Promise<DiskSize[]> {
  const { rows } = await client.query<{ name: string; bytes: string }>(
    `select current_database() as name, pg_database_size(current_database()) as bytes
     union all
     select t, pg_total_relation_size(t::regclass) from unnest($1::text[]) as t`,
    [["observation", "monitoring_site", "monitoring_result", "health_checkup"]],
  );
  return rows.map(r => ({ name: r.name, bytes: Number(r.bytes) }));
}

export const diskText = (sizes: DiskSize[]): string => {
  const mb = (bytes: number) =>
    `${(bytes / 1024 / 1024).toLocaleString("en", { maximumFractionDigits: 0 })} MB`;
  const [database, ...tables] = sizes;
  return `database ${mb(database.bytes)}; ${tables.map(t => `${t.name} ${mb(t.bytes)}`).join(", ")}`;
};

async function logSizes(client: pg.Client, log: (line: string) => void): Promise<DiskSize[]> {
  const sizes = await diskSizes(client);
  log(`  disk: ${diskText(sizes)}`);
  return sizes;
}

/** Removes any earlier scale's rows; official rows are never touched. */
async function clear(client: pg.Client): Promise<void> {
  await client.query("begin");
  await client.query(`delete from observation where dataset = 'ILLUSTRATIVE'`);
  await client.query(`delete from monitoring_result where dataset = 'ILLUSTRATIVE'`);
  await client.query(`delete from monitoring_site where dataset = 'ILLUSTRATIVE'`);
  await client.query(`delete from health_checkup where dataset = 'ILLUSTRATIVE'`);
  await client.query("commit");
}

/** Collects generator rows into batches, so a table never sits whole in memory. */
async function inBatches<T>(
  rows: Iterable<T>,
  write: (batch: T[]) => Promise<void>,
): Promise<number> {
  let batch: T[] = [];
  let total = 0;
  for (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH) {
      await write(batch);
      total += batch.length;
      batch = [];
    }
  }
  if (batch.length) await write(batch);
  return total + batch.length;
}

async function insertObservations(
  client: pg.Client,
  plan: ScalePlan,
  codes: string[],
  unitId: Map<string, number>,
): Promise<number> {
  const indicators = await client.query<{ id: number; code: string }>(
    "select id, code from indicator",
  );
  const indicatorId = new Map(indicators.rows.map(i => [i.code, i.id]));
  return inBatches(observationMatrix(plan, codes), async rows => {
    await client.query(
      `insert into observation (indicator_id, unit_id, year, period, disaggregation, dataset, value, qualifier, status, note)
       select r.indicator, r.unit, r.year, 'YEAR', 'TOTAL', 'ILLUSTRATIVE', r.value, 'EXACT', 'ILLUSTRATIVE', 'Benchmark data: not a real figure'
       from unnest($1::int[], $2::int[], $3::int[], $4::float8[]) as r(indicator, unit, year, value)`,
      [
        rows.map(r => must(indicatorId, r.indicator)),
        rows.map(r => must(unitId, r.unit)),
        rows.map(r => r.year),
        rows.map(r => r.value),
      ],
    );
  });
}

async function insertSites(
  client: pg.Client,
  options: Parameters<typeof monitoringSites>[0],
  unitId: Map<string, number>,
  siteIds: Map<string, number>,
): Promise<number> {
  return inBatches(monitoringSites(options), async rows => {
    // Keep the new ids, so the results need no join on the site code.
    const inserted = await client.query<{ id: number; code: string }>(
      `insert into monitoring_site (code, name, unit_id, industrial_zone, sector, factors, dataset)
       select s.code, s.name, s.unit, s.zone, s.sector, s.factors::jsonb, 'ILLUSTRATIVE'
       from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[]) as s(code, name, unit, zone, sector, factors)
       returning id, code`,
      [
        rows.map(s => s.code),
        rows.map(s => s.name),
        rows.map(s => must(unitId, s.unit)),
        rows.map(s => s.industrialZone),
        rows.map(s => s.sector),
        rows.map(s => JSON.stringify(s.factors)),
      ],
    );
    for (const r of inserted.rows) siteIds.set(r.code, r.id);
  });
}

async function insertResults(
  client: pg.Client,
  options: Parameters<typeof monitoringResults>[0],
  siteIds: Map<string, number>,
): Promise<number> {
  return inBatches(monitoringResults(options), async rows => {
    await client.query(
      `insert into monitoring_result (site_id, year, factor, samples, samples_over_limit, dataset)
       select r.site, r.year, r.factor, r.samples, r.over, 'ILLUSTRATIVE'
       from unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::int[]) as r(site, year, factor, samples, over)`,
      [
        rows.map(r => must(siteIds, r.site)),
        rows.map(r => r.year),
        rows.map(r => r.factor),
        rows.map(r => r.samples),
        rows.map(r => r.samplesOverLimit),
      ],
    );
  });
}

async function insertCheckups(
  client: pg.Client,
  options: Parameters<typeof healthCheckups>[0],
  unitId: Map<string, number>,
): Promise<number> {
  return inBatches(healthCheckups(options), async rows => {
    await client.query(
      `insert into health_checkup (establishment, unit_id, sector, year, kind, workers_examined, cases_total, cases, dataset)
       select c.establishment, c.unit, c.sector, c.year, c.kind, c.examined, c.total, c.cases::jsonb, 'ILLUSTRATIVE'
       from unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::text[], $6::int[], $7::int[], $8::text[])
         as c(establishment, unit, sector, year, kind, examined, total, cases)`,
      [
        rows.map(r => r.establishment),
        rows.map(r => must(unitId, r.unit)),
        rows.map(r => r.sector),
        rows.map(r => r.year),
        rows.map(r => r.kind),
        rows.map(r => r.workersExamined),
        rows.map(r => r.casesTotal),
        rows.map(r => JSON.stringify(r.cases)),
      ],
    );
  });
}

function must(map: Map<string, number>, key: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`benchmark loader: unknown code ${key}`);
  return id;
}
