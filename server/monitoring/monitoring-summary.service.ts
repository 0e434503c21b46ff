import type { Dataset } from "../graphql/enums.js";

export enum MonitoringGroup {
  FACTOR = "FACTOR",
  SECTOR = "SECTOR",
  YEAR = "YEAR",
  UNIT = "UNIT",
}

export interface MonitoringSummaryArgs {
  groupBy: MonitoringGroup[];
  units: string[] | null;
  yearFrom: number | null;
  yearTo: number | null;
  datasets: Dataset[];
}

export interface MonitoringSummaryValues {
  factor: string | null;
  sector: string | null;
  year: number | null;
  unit: string | null;
  sites: number;
  samples: number;
  samplesOverLimit: number;
  shareOverLimit: number | null;
  illustrative: boolean;
}

type Execute = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** `(?, ?, ...)` for a list; knex would otherwise expand an array parameter unpredictably. */
export function inList(values: readonly unknown[], params: unknown[]): string {
  params.push(...values);
  return `(${values.map(() => "?").join(", ")})`;
}

/**
 * Whether the rollup can answer exactly: its distinct-site counts are per year unless YEAR is
 * grouped, so a year range without YEAR in the grouping needs the raw rows.
 */
export function rollupCanAnswer(args: MonitoringSummaryArgs): boolean {
  return (
    args.groupBy.includes(MonitoringGroup.YEAR) || (args.yearFrom == null && args.yearTo == null)
  );
}

/**
 * One SQL statement: from the rollup (`useRollup`, when it is fresh and can answer) or from
 * the raw results. Both give the same rows; the tests hold them to that.
 */
export async function summariseMonitoring(
  execute: Execute,
  args: MonitoringSummaryArgs,
  useRollup: boolean | "if-fresh",
  /** Stale: wait for a quick rebuild, then ask the rollup once more (rollup-state.ts rollupWait). */
  waitForRollup?: () => Promise<boolean>,
): Promise<MonitoringSummaryValues[]> {
  if (useRollup === "if-fresh") {
    const order = [...new Set(args.groupBy)].map(d => `"${NAMES[d]}"`).join(", ");
    const rolled = { ...statement(args, true), order };
    let rows = await fromRollupIfFresh(execute, "monitoring", rolled);
    if (!rows && (await waitForRollup?.())) {
      rows = await fromRollupIfFresh(execute, "monitoring", rolled);
    }
    if (rows) return rows.map(toValues);
    useRollup = false;
  }
  const { sql, params } = statement(args, useRollup);
  return (await execute(sql, params)).map(toValues);
}

function toValues(r: Record<string, unknown>): MonitoringSummaryValues {
  return {
    factor: (r.factor as string) ?? null,
    sector: (r.sector as string) ?? null,
    year: r.year == null ? null : Number(r.year),
    unit: (r.code as string) ?? null,
    sites: Number(r.sites),
    samples: Number(r.samples),
    samplesOverLimit: Number(r.over),
    shareOverLimit: Number(r.samples) > 0 ? (100 * Number(r.over)) / Number(r.samples) : null,
    illustrative: Boolean(r.illustrative),
  };
}

/**
 * The summary from the rollup in one statement that also checks the rollup is fresh (instead of
 * a statement for each): null when it is stale, and the caller then reads the raw tables. A
 * union of both branches gated by the freshness would also be one statement, but the raw
 * branch's size made PostgreSQL plan the whole union in parallel workers (slower, at scale 100).
 */
export async function fromRollupIfFresh(
  execute: Execute,
  rollup: "monitoring" | "checkup",
  rolled: { sql: string; params: unknown[]; order: string },
): Promise<Record<string, unknown>[] | null> {
  const rows = await execute(
    `select f.fresh as rollup_fresh, r.* from
      (select coalesce((select built_version = data_version from summary_state where name = '${rollup}'), false) as fresh) f
      left join lateral (select true as rollup_row, x.* from (${rolled.sql}) x) r on f.fresh
      order by ${rolled.order}`,
    rolled.params,
  );
  if (!rows[0]?.rollup_fresh) return null;
  return rows.filter(r => r.rollup_row);
}

const NAMES: Record<MonitoringGroup, string> = {
  FACTOR: "factor",
  SECTOR: "sector",
  YEAR: "year",
  UNIT: "code",
};

/** The summary's statement, from the rollup or from the raw results. */
function statement(
  args: MonitoringSummaryArgs,
  useRollup: boolean,
): { sql: string; params: unknown[] } {
  const dims = [...new Set(args.groupBy)];
  const table = useRollup ? "m" : "r";
  const column: Record<MonitoringGroup, string> = {
    FACTOR: `${table}.factor`,
    SECTOR: useRollup ? "m.sector" : "s.sector",
    YEAR: `${table}.year`,
    UNIT: "u.code",
  };
  const names = NAMES;
  const cols = dims.map(d => column[d]);
  const params: unknown[] = [];
  const where = [`${table}.dataset in ${inList(args.datasets, params)}`];
  const byUnit = dims.includes(MonitoringGroup.UNIT) || args.units !== null;
  if (useRollup) {
    // g = grouping(unit, sector, factor, year): 0 when all four were kept, +8 summed over
    // units, +4 over sectors, +2 over factors, +1 over years (monitoring-rollup.ts).
    where.push(
      `m.g = ${(byUnit ? 0 : 8) + (dims.includes(MonitoringGroup.SECTOR) ? 0 : 4) + (dims.includes(MonitoringGroup.FACTOR) ? 0 : 2) + (dims.includes(MonitoringGroup.YEAR) ? 0 : 1)}`,
    );
  }
  if (args.units) {
    where.push(args.units.length ? `u.code in ${inList(args.units, params)}` : "false");
  }
  if (args.yearFrom != null) {
    where.push(`${table}.year >= ?`);
    params.push(args.yearFrom);
  }
  if (args.yearTo != null) {
    where.push(`${table}.year <= ?`);
    params.push(args.yearTo);
  }
  const select = dims.map(d => `${column[d]} as "${names[d]}"`).join(", ");
  // The unit's code is joined only when it is grouped or filtered on: at scale 100 the join was
  // a third of the statement's time for the dashboard's summary by factor and year.
  const unitJoin = byUnit
    ? ` join administrative_unit u on u.id = ${useRollup ? "m" : "s"}.unit_id`
    : "";
  const from = useRollup
    ? `from monitoring_rollup m${unitJoin}`
    : `from monitoring_result r join monitoring_site s on s.id = r.site_id${unitJoin}`;
  const aggregates = useRollup
    ? `sum(m.sites)::int as sites, sum(m.samples)::bigint as samples, sum(m.samples_over_limit)::bigint as over`
    : `count(distinct s.id)::int as sites, sum(r.samples)::bigint as samples, sum(r.samples_over_limit)::bigint as over`;
  return {
    sql: `select ${select}, ${aggregates}, bool_or(${table}.dataset = 'ILLUSTRATIVE') as illustrative
     ${from} where ${where.join(" and ")} group by ${cols.join(", ")} order by ${cols.join(", ")}`,
    params,
  };
}
