import { GraphQLSafeInt } from "graphql-scalars";
import {
  Arg,
  Ctx,
  Field,
  Float,
  Int,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from "type-graphql";
import { CheckupKind, Dataset } from "../common/enums.js";
import { BadInputError } from "../common/errors.js";
import { checkCodes, checkYearRange } from "../common/validate.js";
import type { Context } from "../context.js";
import { datasetsOrDefault } from "../progress/analytics.inputs.js";
import { monitoringRollupFresh } from "./monitoring-rollup.js";
import {
  inList,
  MonitoringGroup,
  rollupCanAnswer,
  summariseMonitoring,
  type MonitoringSummaryArgs,
} from "./monitoring-summary.service.js";

export { MonitoringGroup };

export enum CheckupGroup {
  DISEASE = "DISEASE",
  SECTOR = "SECTOR",
  YEAR = "YEAR",
  UNIT = "UNIT",
  KIND = "KIND",
}
registerEnumType(MonitoringGroup, { name: "MonitoringGroup" });
registerEnumType(CheckupGroup, { name: "CheckupGroup" });

/*
 * Sums of counts (samples, workers, cases) are SafeInt, not Int: GraphQL's Int stops at 2^31-1,
 * and two valid results of a billion samples each made the whole summary fail for everyone.
 * SafeInt is exact up to 2^53-1 (a JSON number every client reads exactly), the SQL sums are
 * bigint, and the input bounds (stewardship/limits.ts) keep any sum far below that. Counts of
 * rows (sites, establishments) stay Int: they cannot exceed the number of rows in a table.
 */
@ObjectType({ description: "Samples taken and over the permitted limit, for one group" })
export class MonitoringSummaryRow {
  @Field(() => String, { nullable: true }) factor!: string | null;
  @Field(() => String, { nullable: true }) sector!: string | null;
  @Field(() => Int, { nullable: true }) year!: number | null;
  @Field(() => String, { nullable: true, description: "Unit code" }) unit!: string | null;
  @Field(() => Int, { description: "Establishments monitored" }) sites!: number;
  @Field(() => GraphQLSafeInt) samples!: number;
  @Field(() => GraphQLSafeInt) samplesOverLimit!: number;
  @Field(() => Float, {
    nullable: true,
    description: "Per cent of samples over the limit; null when no samples",
  })
  shareOverLimit!: number | null;
  @Field(() => Boolean) illustrative!: boolean;
}

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

/** Aggregates for the monitoring and check-up pages: one SQL statement per summary. */
@Resolver()
export class SummaryResolver {
  @Query(() => [MonitoringSummaryRow], {
    description: "Share of samples over limits, grouped by factor, sector, year and/or unit",
  })
  async monitoringSummary(
    @Arg("groupBy", () => [MonitoringGroup]) groupBy: MonitoringGroup[],
    @Arg("units", () => [String], { nullable: true }) units: string[] | null,
    @Arg("yearFrom", () => Int, { nullable: true }) yearFrom: number | null,
    @Arg("yearTo", () => Int, { nullable: true }) yearTo: number | null,
    @Arg("datasets", () => [Dataset], { nullable: true }) datasets: Dataset[] | null,
    @Ctx() { em }: Context,
  ): Promise<MonitoringSummaryRow[]> {
    checkCodes(units, "units");
    checkYearRange(yearFrom, yearTo);
    if (!groupBy.length) {
      throw new BadInputError("groupBy must name at least one dimension", "groupBy");
    }
    const args: MonitoringSummaryArgs = {
      groupBy,
      units,
      yearFrom,
      yearTo,
      datasets: datasetsOrDefault(datasets),
    };
    const execute = (sql: string, params: unknown[] = []) =>
      em.getConnection().execute<Record<string, unknown>[]>(sql, params);
    // The pre-aggregated rollup when it reflects the current data; the raw results otherwise.
    const useRollup = rollupCanAnswer(args) && (await monitoringRollupFresh(sql => execute(sql)));
    return summariseMonitoring(execute, args, useRollup);
  }

  @Query(() => [CheckupSummaryRow], {
    description:
      "Workers examined and cases found, grouped by disease, sector, year, unit and/or kind",
  })
  async checkupSummary(
    @Arg("groupBy", () => [CheckupGroup]) groupBy: CheckupGroup[],
    @Arg("units", () => [String], { nullable: true }) units: string[] | null,
    @Arg("yearFrom", () => Int, { nullable: true }) yearFrom: number | null,
    @Arg("yearTo", () => Int, { nullable: true }) yearTo: number | null,
    @Arg("kind", () => CheckupKind, { nullable: true }) kind: CheckupKind | null,
    @Arg("datasets", () => [Dataset], { nullable: true }) datasets: Dataset[] | null,
    @Ctx() { em }: Context,
  ): Promise<CheckupSummaryRow[]> {
    checkCodes(units, "units");
    checkYearRange(yearFrom, yearTo);
    if (!groupBy.length) {
      throw new BadInputError("groupBy must name at least one dimension", "groupBy");
    }
    const byDisease = groupBy.includes(CheckupGroup.DISEASE);
    const dims = [...new Set(groupBy)].filter(
      (g): g is Exclude<CheckupGroup, "DISEASE"> => g !== CheckupGroup.DISEASE,
    );
    const names = dims.map(g => g.toLowerCase());
    const params: unknown[] = [];
    let where = filters("h", units, yearFrom, yearTo, datasetsOrDefault(datasets), params);
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
    const rows = await em.getConnection().execute<Record<string, unknown>[]>(sql, params);
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
}
