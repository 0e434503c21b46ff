import { GraphQLSafeInt } from "graphql-scalars";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import type { Dataset } from "../graphql/enums.js";
import { fromRollupIfFresh, inList } from "../monitoring/monitoring-summary.service.js";
import { CheckupKind } from "./checkup.enums.js";

export enum CheckupGroup {
  DISEASE = "DISEASE",
  SECTOR = "SECTOR",
  YEAR = "YEAR",
  UNIT = "UNIT",
  KIND = "KIND",
}
registerEnumType(CheckupGroup, { name: "CheckupGroup" });

// Sums of counts are SafeInt, not Int (see MonitoringSummaryRow in monitoring/summary.resolver.ts).
@ObjectType({ description: "Workers examined and cases found, for one group" })
export class CheckupSummaryRow {
  @Field(() => String, { nullable: true }) disease!: string | null;
  @Field(() => String, { nullable: true }) sector!: string | null;
  @Field(() => Int, { nullable: true }) year!: number | null;
  @Field(() => String, { nullable: true }) unit!: string | null;
  @Field(() => CheckupKind, { nullable: true }) kind!: CheckupKind | null;
  @Field(() => Int) establishments!: number;
  @Field(() => GraphQLSafeInt, {
    description: "Workers examined in the group (not split by disease)",
  })
  workersExamined!: number;
  @Field(() => GraphQLSafeInt) cases!: number;
  @Field(() => Float, { nullable: true, description: "Cases per 1,000 workers examined" })
  casesPer1000!: number | null;
  @Field(() => Boolean) illustrative!: boolean;
}

type Dimension = Exclude<CheckupGroup, "DISEASE">;

/** The grouping columns of the check-up table (or a rollup table) under `alias`. */
function columns(alias: string): Record<Dimension, string> {
  return {
    SECTOR: `${alias}.sector`,
    YEAR: `${alias}.year`,
    UNIT: "u.code",
    KIND: `${alias}.kind`,
  };
}

function filters(
  alias: string,
  { units, yearFrom, yearTo, kind, datasets }: Omit<CheckupSummaryArgs, "groupBy">,
  params: unknown[],
): string {
  const where = [`${alias}.dataset in ${inList(datasets, params)}`];
  if (units) where.push(units.length ? `u.code in ${inList(units, params)}` : "false");
  if (yearFrom != null) {
    where.push(`${alias}.year >= ?`);
    params.push(yearFrom);
  }
  if (yearTo != null) {
    where.push(`${alias}.year <= ?`);
    params.push(yearTo);
  }
  if (kind) {
    where.push(`${alias}.kind = ?`);
    params.push(kind);
  }
  return where.join(" and ");
}

export interface CheckupSummaryArgs {
  groupBy: CheckupGroup[];
  units: string[] | null;
  yearFrom: number | null;
  yearTo: number | null;
  kind: CheckupKind | null;
  datasets: Dataset[];
}

type Execute = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

const singleYear = (a: CheckupSummaryArgs) => a.yearFrom != null && a.yearFrom === a.yearTo;

/**
 * Whether the rollup can answer exactly: distinct establishments are counted per year unless
 * the rollup's row set without years is used, so a range of several years without YEAR in the
 * grouping needs the raw rows (the check-up page always groups by year).
 */
export function checkupRollupCanAnswer(args: CheckupSummaryArgs): boolean {
  return (
    args.groupBy.includes(CheckupGroup.YEAR) ||
    (args.yearFrom == null && args.yearTo == null) ||
    singleYear(args)
  );
}

/**
 * Workers examined and cases found per group: one SQL statement, from the rollup (`useRollup`,
 * when it is fresh and can answer) or from the raw check-ups. Both give the same rows; the
 * tests hold them to that.
 */
export async function summariseCheckups(
  execute: Execute,
  args: CheckupSummaryArgs,
  useRollup: boolean | "if-fresh" = false,
  /** Stale: wait for a quick rebuild, then ask the rollup once more (rollup-state.ts rollupWait). */
  waitForRollup?: () => Promise<boolean>,
): Promise<CheckupSummaryRow[]> {
  if (useRollup === "if-fresh") {
    // The freshness is checked in the same statement (fromRollupIfFresh); stale: the raw rows.
    const rolled = checkupStatement(args, true);
    let rows = await fromRollupIfFresh(execute, "checkup", rolled);
    if (!rows && (await waitForRollup?.())) {
      rows = await fromRollupIfFresh(execute, "checkup", rolled);
    }
    if (rows) return rows.map(toRow);
    useRollup = false;
  }
  const { sql, params } = checkupStatement(args, useRollup);
  return (await execute(sql, params)).map(toRow);
}

function toRow(r: Record<string, unknown>): CheckupSummaryRow {
  return {
    disease: (r.disease as string) ?? null,
    sector: (r.sector as string) ?? null,
    year: (r.year as number) ?? null,
    unit: (r.unit as string) ?? null,
    kind: (r.kind as CheckupKind) ?? null,
    establishments: Number(r.establishments ?? 0),
    workersExamined: Number(r.examined ?? 0),
    cases: Number(r.cases ?? 0),
    casesPer1000: Number(r.examined) > 0 ? (1000 * Number(r.cases)) / Number(r.examined) : null,
    illustrative: Boolean(r.illustrative),
  };
}

/** The summary's statement, from the rollup or from the raw check-ups, and its sort keys. */
function checkupStatement(
  args: CheckupSummaryArgs,
  useRollup: boolean,
): { sql: string; params: unknown[]; order: string } {
  const byDisease = args.groupBy.includes(CheckupGroup.DISEASE);
  const dims = [...new Set(args.groupBy)].filter((g): g is Dimension => g !== CheckupGroup.DISEASE);
  const names = dims.map(g => g.toLowerCase());
  const params: unknown[] = [];
  const keys = names.length ? names.join(", ") : null;
  const keyed = (alias: string) =>
    dims.map((g, i) => `${columns(alias)[g]} as ${names[i]}, `).join("");
  const groupKeys = (alias: string) =>
    dims.length ? `group by ${dims.map(g => columns(alias)[g]).join(", ")}` : "";
  // The unit's code is joined only when it is grouped or filtered on (a third of the time of
  // the statement at scale 100 otherwise).
  const needsUnit = dims.includes(CheckupGroup.UNIT) || args.units !== null;
  const unit = (alias: string) =>
    needsUnit ? `join administrative_unit u on u.id = ${alias}.unit_id` : "";

  let totals: string;
  let diseases: string;
  if (useRollup) {
    // g = grouping(year, kind): +2 without year, +1 without kind. Year and kind are kept when
    // grouped or fixed by a filter (one year, one kind), so establishments never add up over them.
    // The rollups' rows summed over units and/or sectors serve a summary that neither groups
    // by nor filters on them (checkup-rollup.ts): +8 / +2 (disease rows) without units, +4 / +1
    // without sectors.
    const level = (needsUnit ? 0 : 2) + (dims.includes(CheckupGroup.SECTOR) ? 0 : 1);
    const g =
      4 * level +
      (dims.includes(CheckupGroup.YEAR) || singleYear(args) ? 0 : 2) +
      (dims.includes(CheckupGroup.KIND) || args.kind ? 0 : 1);
    const rolled = `select ${keyed("m")}sum(m.establishments) as est, sum(m.workers_examined) as ex, sum(m.cases_total) as cs,
        bool_or(m.dataset = 'ILLUSTRATIVE') as ill from checkup_rollup m ${unit("m")}
        where m.g = ${g} and ${filters("m", args, params)} ${groupKeys("m")}`;
    const movers = `select ${keyed("x")}count(distinct x.establishment) as est, sum(x.workers_examined) as ex, sum(x.cases_total) as cs,
        bool_or(x.dataset = 'ILLUSTRATIVE') as ill from checkup_rollup_mover x ${unit("x")}
        where ${filters("x", args, params)} ${groupKeys("x")}`;
    totals = `p as (${rolled} union all ${movers}),
      t as (select ${keys ? keys + ", " : ""}sum(est)::int as establishments, sum(ex)::bigint as examined,
              sum(cs)::bigint as cases, bool_or(ill) as illustrative from p ${keys ? "group by " + keys : ""})`;
    diseases = `d as (select ${keyed("k")}k.disease, sum(k.cases)::bigint as disease_cases
      from checkup_disease_rollup k ${unit("k")} where k.g = ${level} and ${filters("k", args, params)}
      group by ${dims.map(g => columns("k")[g] + ", ").join("")}k.disease)`;
  } else {
    const base = `select ${keyed("h")}h.establishment, h.workers_examined, h.cases_total, h.cases, h.dataset
      from health_checkup h ${unit("h")} where ${filters("h", args, params)}`;
    totals = `c as (${base}),
      t as (select ${keys ? keys + ", " : ""}count(distinct establishment)::int as establishments, sum(workers_examined)::bigint as examined,
              sum(cases_total)::bigint as cases, bool_or(dataset = 'ILLUSTRATIVE') as illustrative from c ${keys ? "group by " + keys : ""})`;
    diseases = `d as (select ${keys ? keys + ", " : ""}e->>'disease' as disease, sum((e->>'cases')::bigint)::bigint as disease_cases
      from c cross join lateral jsonb_array_elements(c.cases) e group by ${keys ? keys + ", " : ""}e->>'disease')`;
  }
  const sql = byDisease
    ? `with ${totals}, ${diseases}
         select d.*, t.establishments, t.examined, d.disease_cases as cases, t.illustrative
         from d join t on ${names.length ? names.map(n => `t.${n} is not distinct from d.${n}`).join(" and ") : "true"}
         order by ${keys ? keys + ", " : ""}disease`
    : `with ${totals} select * from t${keys ? " order by " + keys : ""}`;
  const order = byDisease ? `${keys ? keys + ", " : ""}disease` : (keys ?? "1");
  return { sql, params, order };
}
