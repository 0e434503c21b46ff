import { GraphQLSafeInt } from "graphql-scalars";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import type { Dataset } from "../graphql/enums.js";
import { inList } from "../monitoring/monitoring-summary.service.js";
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

const CHECKUP_COLUMNS: Record<Exclude<CheckupGroup, "DISEASE">, string> = {
  SECTOR: "h.sector",
  YEAR: "h.year",
  UNIT: "u.code",
  KIND: "h.kind",
};

function filters(
  alias: string,
  units: string[] | null,
  yearFrom: number | null,
  yearTo: number | null,
  datasets: Dataset[],
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

/** Workers examined and cases found per group: one SQL statement (cases per disease from JSON). */
export async function summariseCheckups(
  execute: Execute,
  { groupBy, units, yearFrom, yearTo, kind, datasets }: CheckupSummaryArgs,
): Promise<CheckupSummaryRow[]> {
  const byDisease = groupBy.includes(CheckupGroup.DISEASE);
  const dims = [...new Set(groupBy)].filter(
    (g): g is Exclude<CheckupGroup, "DISEASE"> => g !== CheckupGroup.DISEASE,
  );
  const names = dims.map(g => g.toLowerCase());
  const params: unknown[] = [];
  let where = filters("h", units, yearFrom, yearTo, datasets, params);
  if (kind) {
    where += " and h.kind = ?";
    params.push(kind);
  }
  const select = dims.map((g, i) => `${CHECKUP_COLUMNS[g]} as ${names[i]}`).join(", ");
  const base = `select h.establishment, h.workers_examined, h.cases_total, h.cases, h.dataset${select ? ", " + select : ""} from health_checkup h join administrative_unit u on u.id = h.unit_id where ${where}`;
  const keys = names.length ? names.join(", ") : null;
  const totals = `select ${keys ? keys + ", " : ""}count(distinct establishment)::int as establishments, sum(workers_examined)::bigint as examined,
                    sum(cases_total)::bigint as cases, bool_or(dataset = 'ILLUSTRATIVE') as illustrative from c ${keys ? "group by " + keys : ""}`;
  const sql = byDisease
    ? `with c as (${base}), t as (${totals}),
         d as (select ${keys ? keys + ", " : ""}e->>'disease' as disease, sum((e->>'cases')::bigint)::bigint as disease_cases
               from c cross join lateral jsonb_array_elements(c.cases) e group by ${keys ? keys + ", " : ""}e->>'disease')
         select d.*, t.establishments, t.examined, d.disease_cases as cases, t.illustrative
         from d join t on ${names.length ? names.map(n => `t.${n} is not distinct from d.${n}`).join(" and ") : "true"}
         order by ${keys ? keys + ", " : ""}disease`
    : `with c as (${base}) ${totals}${keys ? " order by " + keys : ""}`;
  const rows = await execute(sql, params);
  return rows.map(r => ({
    disease: (r.disease as string) ?? null,
    sector: (r.sector as string) ?? null,
    year: (r.year as number) ?? null,
    unit: (r.unit as string) ?? null,
    kind: (r.kind as CheckupKind) ?? null,
    establishments: Number(r.establishments),
    workersExamined: Number(r.examined ?? 0),
    cases: Number(r.cases ?? 0),
    casesPer1000: Number(r.examined) > 0 ? (1000 * Number(r.cases)) / Number(r.examined) : null,
    illustrative: Boolean(r.illustrative),
  }));
}
