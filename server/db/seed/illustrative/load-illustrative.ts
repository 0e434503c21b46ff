import type { EntityManager } from "@mikro-orm/postgresql";
import { createHash } from "node:crypto";
import { SqlWriter } from "../upsert.js";
import { CALIBRATED_INDICATORS, calibratedCounts, type YearValue } from "./calibrate.js";
import {
  healthCheckups,
  monitoringResults,
  monitoringSites,
  mulberry32,
  yearlySeries,
  type GeneratorOptions,
} from "./generator.js";

/** Bump when the generator changes, so the stored illustrative rows are rebuilt. */
const GENERATOR_VERSION = 5;
const SEED = 20250701;

/** Programme provinces that get sites and check-ups at scale 1, with the years they existed. */
const PROGRAMME_UNITS = [
  { code: "hai-duong-63", years: [2020, 2021, 2022, 2023, 2024] },
  { code: "hai-phong-63", years: [2020, 2021, 2022, 2023, 2024] },
];

/** Percentages for the programme provinces' level targets (training, information, compensation). */
const PERCENT_SERIES: { indicator: string; start: [number, number]; drift: number }[] = [
  { indicator: "tr-managers-district-zone", start: [55, 85], drift: 0.05 },
  { indicator: "tr-strict-job-workers", start: [50, 80], drift: 0.04 },
  { indicator: "tr-osh-officers", start: [50, 80], drift: 0.04 },
  { indicator: "tr-grassroots-health-workers", start: [40, 75], drift: 0.05 },
  { indicator: "info-craft-villages-coops", start: [40, 80], drift: 0.06 },
  { indicator: "comp-victims-compensated", start: [60, 90], drift: 0.02 },
  { indicator: "oa-fatal-investigated", start: [85, 100], drift: 0.01 },
];

/**
 * Loads the illustrative dataset (scale 1) unless this generator version is already loaded.
 * Everything goes into dataset ILLUSTRATIVE; the official rows are never touched.
 */
export async function loadIllustrative(
  em: EntityManager,
  options: { force?: boolean; scale?: number } = {},
): Promise<boolean> {
  return em.transactional(async tx => {
    const sql = new SqlWriter(tx);
    await sql.query("select pg_advisory_xact_lock(42018)");
    const [official] = await sql.query<{ hash: string }>(
      `select hash from seed_state where name = 'official'`,
    );
    const version = createHash("sha256")
      .update(`${GENERATOR_VERSION}|${SEED}|${options.scale ?? 1}|${official?.hash ?? ""}`)
      .digest("hex");
    const [state] = await sql.query<{ hash: string }>(
      `select hash from seed_state where name = 'illustrative'`,
    );
    if (state?.hash === version && !options.force) return false;

    await clearIllustrative(sql);
    const generator: GeneratorOptions = {
      seed: SEED,
      scale: options.scale ?? 1,
      units: PROGRAMME_UNITS,
    };
    await insertSites(sql, generator);
    await insertCheckups(sql, generator);
    await insertYearlySeries(sql);
    await insertRollups(sql);
    await sql.query(
      `insert into seed_state (name, hash, loaded_at) values ('illustrative', ?, now())
       on conflict (name) do update set hash = excluded.hash, loaded_at = excluded.loaded_at`,
      [version],
    );
    return true;
  });
}

export async function clearIllustrative(sql: SqlWriter): Promise<void> {
  await sql.query(`delete from observation where dataset = 'ILLUSTRATIVE'`);
  await sql.query(`delete from monitoring_result where dataset = 'ILLUSTRATIVE'`);
  await sql.query(`delete from monitoring_site where dataset = 'ILLUSTRATIVE'`);
  await sql.query(`delete from health_checkup where dataset = 'ILLUSTRATIVE'`);
}

async function insertSites(sql: SqlWriter, generator: GeneratorOptions): Promise<void> {
  const sites = [...monitoringSites(generator)];
  await sql.query(
    `insert into monitoring_site (code, name, unit_id, industrial_zone, sector, factors, dataset)
     select s.code, s.name, u.id, s.zone, s.sector, s.factors, 'ILLUSTRATIVE'
     from jsonb_to_recordset(?::jsonb) as s(code text, name text, unit text, zone text, sector text, factors jsonb)
     join administrative_unit u on u.code = s.unit`,
    [JSON.stringify(sites.map(s => ({ ...s, zone: s.industrialZone })))],
  );
  const results = [...monitoringResults(generator)];
  await sql.query(
    `insert into monitoring_result (site_id, year, factor, samples, samples_over_limit, dataset)
     select m.id, r.year, r.factor, r.samples, r."samplesOverLimit", 'ILLUSTRATIVE'
     from jsonb_to_recordset(?::jsonb) as r(site text, year int, factor text, samples int, "samplesOverLimit" int)
     join monitoring_site m on m.code = r.site`,
    [JSON.stringify(results)],
  );
}

async function insertCheckups(sql: SqlWriter, generator: GeneratorOptions): Promise<void> {
  const rows = [...healthCheckups(generator)];
  await sql.query(
    `insert into health_checkup (establishment, unit_id, sector, year, kind, workers_examined, cases_total, cases, dataset)
     select c.establishment, u.id, c.sector, c.year, c.kind, c."workersExamined", c."casesTotal", c.cases, 'ILLUSTRATIVE'
     from jsonb_to_recordset(?::jsonb) as c(establishment text, unit text, sector text, year int, kind text, "workersExamined" int, "casesTotal" int, cases jsonb)
     join administrative_unit u on u.code = c.unit`,
    [JSON.stringify(rows)],
  );
}

/** Yearly counts for every province and year it existed, where no official value is known. */
async function insertYearlySeries(sql: SqlWriter): Promise<void> {
  const units = await sql.query<{
    code: string;
    valid_from: string | null;
    valid_to: string | null;
  }>(
    `select code, to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to from administrative_unit where level = 'PROVINCE' order by code`,
  );
  const provinces = units.map(unit => ({
    code: unit.code,
    years: [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025].filter(
      y =>
        (!unit.valid_from || unit.valid_from <= `${y}-01-01`) &&
        (!unit.valid_to || unit.valid_to >= `${y}-12-31`),
    ),
  }));
  // Calibrated on the official values so a mixed view never contradicts them (calibrate.ts).
  const official = await sql.query<YearValue>(
    `select i.code as indicator, u.code as unit, o.year, o.value from observation o
     join indicator i on i.id = o.indicator_id join administrative_unit u on u.id = o.unit_id
     where o.dataset = 'OFFICIAL' and o.period = 'YEAR' and o.disaggregation = 'TOTAL'
       and o.review_state = 'APPROVED' and i.code in (?, ?, ?, ?)`,
    [...CALIBRATED_INDICATORS],
  );
  const rows: YearValue[] = calibratedCounts({
    provinces,
    official: official.map(o => ({ ...o, year: Number(o.year), value: Number(o.value) })),
    seed: SEED,
  });
  for (const series of PERCENT_SERIES) {
    for (const unit of PROGRAMME_UNITS) {
      const random = mulberry32(hashCode(`${series.indicator}|${unit.code}`));
      const start = series.start[0] + random() * (series.start[1] - series.start[0]);
      for (const point of yearlySeries(random, unit.years, start, series.drift, "percent")) {
        rows.push({ indicator: series.indicator, unit: unit.code, ...point });
      }
    }
  }
  await sql.query(
    `insert into observation (indicator_id, unit_id, year, period, disaggregation, dataset, value, qualifier, status, note)
     select i.id, u.id, r.year, 'YEAR', 'TOTAL', 'ILLUSTRATIVE', r.value, 'EXACT', 'ILLUSTRATIVE', 'Generated illustrative value: not a real figure'
     from jsonb_to_recordset(?::jsonb) as r(indicator text, unit text, year int, value float8)
     join indicator i on i.code = r.indicator
     join administrative_unit u on u.code = r.unit
     where not exists (select 1 from observation o where o.indicator_id = i.id and o.unit_id = u.id and o.year = r.year
                       and o.period = 'YEAR' and o.disaggregation = 'TOTAL' and o.dataset = 'OFFICIAL')`,
    [JSON.stringify(rows)],
  );
}

/**
 * Rolls the generated check-ups and monitoring up to unit and year, so the indicators of the
 * targets on workers examined and establishments monitored have illustrative values.
 */
async function insertRollups(sql: SqlWriter): Promise<void> {
  const rollups: [string, string][] = [
    [
      "od-workers-examined",
      `select unit_id, year, sum(workers_examined)::float8 as value from health_checkup
                             where dataset = 'ILLUSTRATIVE' and kind = 'OD_SCREENING' group by unit_id, year`,
    ],
    [
      "od-cases",
      `select unit_id, year, sum(cases_total)::float8 as value from health_checkup
                  where dataset = 'ILLUSTRATIVE' and kind = 'OD_SCREENING' group by unit_id, year`,
    ],
    [
      "wem-establishments-monitored",
      `select s.unit_id, r.year, count(distinct s.id)::float8 as value from monitoring_result r
                                      join monitoring_site s on s.id = r.site_id where r.dataset = 'ILLUSTRATIVE' group by s.unit_id, r.year`,
    ],
    [
      "wem-samples",
      `select s.unit_id, r.year, sum(r.samples)::float8 as value from monitoring_result r
                     join monitoring_site s on s.id = r.site_id where r.dataset = 'ILLUSTRATIVE' group by s.unit_id, r.year`,
    ],
    [
      "wem-samples-not-meeting",
      `select s.unit_id, r.year, sum(r.samples_over_limit)::float8 as value from monitoring_result r
                                join monitoring_site s on s.id = r.site_id where r.dataset = 'ILLUSTRATIVE' group by s.unit_id, r.year`,
    ],
  ];
  for (const [indicator, select] of rollups) {
    await sql.query(
      `insert into observation (indicator_id, unit_id, year, period, disaggregation, dataset, value, qualifier, status, note)
       select i.id, t.unit_id, t.year, 'YEAR', 'TOTAL', 'ILLUSTRATIVE', t.value, 'EXACT', 'ILLUSTRATIVE',
              'Illustrative: rolled up from generated establishment records'
       from (${select}) t join indicator i on i.code = ?
       on conflict do nothing`,
      [indicator],
    );
  }
}

function hashCode(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
