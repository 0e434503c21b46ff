import type { EntityManager, Knex } from "@mikro-orm/postgresql";
import DataLoader from "dataloader";
import { datasetTags, narrowReads, unitTags } from "../cache/read-tags.js";
import { Dataset } from "../graphql/enums.js";
import type { Loaders } from "../graphql/loaders.js";
import type { Observation } from "./observation.entity.js";
import { observationWhere, type ObservationFilter } from "./observation.inputs.js";

/**
 * Read paths for observations that never build managed entities. A list of observations is a
 * read-only answer: hydrating each row into a MikroORM entity (identity map, references,
 * change-set snapshots) cost most of a request's CPU (bench/RESULTS.md, "Reads without managed
 * entities"). These functions select the GraphQL fields into plain objects with the same
 * property names as the entity, plus the foreign keys, which the field resolvers of
 * `Observation` follow through request-scoped loaders.
 */
export interface ObservationRow {
  id: number;
  indicatorId: number;
  unitId: number;
  sourceId: number | null;
  year: number;
  period: string;
  disaggregation: string;
  dataset: string;
  value: number;
  qualifier: string;
  status: string;
  grade: string | null;
  quote: string | null;
  note: string | null;
  disputed: boolean;
  reviewState: string;
  /** The related rows when look-ahead joined them (plain columns only); else undefined. */
  unitRow?: Record<string, unknown>;
  indicatorRow?: Record<string, unknown>;
  sourceRow?: Record<string, unknown> | null;
}

/** Related rows to select in the same statement: property -> column, per relation (look-ahead.ts). */
export interface Joins {
  unit?: Map<string, string> | null;
  indicator?: Map<string, string> | null;
  source?: Map<string, string> | null;
}

const ALIASES = { unit: "u", indicator: "i", source: "s" } as const;

function joinedColumns(knex: Knex, joins: Joins): Knex.Raw[] {
  const out: Knex.Raw[] = [];
  for (const relation of ["unit", "indicator", "source"] as const) {
    for (const [prop, column] of joins[relation] ?? []) {
      out.push(knex.raw(`??.?? as ??`, [ALIASES[relation], column, `${relation}__${prop}`]));
    }
  }
  return out;
}

const joinKey = (joins: Joins) =>
  (["unit", "indicator", "source"] as const)
    .map(r => [...(joins[r] ?? [])].map(([p]) => p).join(","))
    .join("|");

/** True for a plain row from this file, false for a managed Observation entity. */
export function isObservationRow(o: Observation | ObservationRow): o is ObservationRow {
  return typeof (o as ObservationRow).indicatorId === "number";
}

const COLUMNS = [
  "o.id",
  "o.indicator_id as indicatorId",
  "o.unit_id as unitId",
  "o.source_id as sourceId",
  "o.year",
  "o.period",
  "o.disaggregation",
  "o.dataset",
  "o.value",
  "o.qualifier",
  "o.status",
  "o.grade",
  "o.quote",
  "o.note",
  "o.disputed",
  "o.review_state as reviewState",
];

export type ObservationOrderName =
  "YEAR_ASC" | "YEAR_DESC" | "VALUE_ASC" | "VALUE_DESC" | "UNIT_ASC" | "INDICATOR_ASC";

// The same orderings as the entity-based query had, with the id as the last tie-break.
const ORDER_SQL: Record<ObservationOrderName, string> = {
  YEAR_ASC: "o.year asc",
  YEAR_DESC: "o.year desc",
  VALUE_ASC: "o.value asc",
  VALUE_DESC: "o.value desc",
  UNIT_ASC: "u.code asc, o.year asc",
  INDICATOR_ASC: "i.code asc, o.year asc",
};

/** The filter as SQL on `observation o` joined to its indicator `i` and unit `u`. */
function applyFilter(
  q: Knex.QueryBuilder,
  filter: ObservationFilter | null | undefined,
): Knex.QueryBuilder {
  observationWhere(filter); // the same validation and coded errors as the entity path
  const f = filter ?? {};
  q.whereIn("o.dataset", f.datasets ?? [Dataset.OFFICIAL]).andWhere("o.review_state", "APPROVED");
  if (f.indicators) q.whereIn("i.code", f.indicators);
  if (f.units) q.whereIn("u.code", f.units);
  if (f.yearFrom != null) q.andWhere("o.year", ">=", f.yearFrom);
  if (f.yearTo != null) q.andWhere("o.year", "<=", f.yearTo);
  if (f.statuses?.length) q.whereIn("o.status", f.statuses);
  if (f.grades?.length) q.whereIn("o.grade", f.grades);
  if (f.period) q.andWhere("o.period", f.period);
  if (f.disaggregation) q.andWhere("o.disaggregation", f.disaggregation);
  return q;
}

function base(em: EntityManager, joins: Joins = {}): Knex.QueryBuilder {
  const q = em
    .getKnex("read")("observation as o")
    .join("indicator as i", "i.id", "o.indicator_id")
    .join("administrative_unit as u", "u.id", "o.unit_id");
  return joins.source ? q.leftJoin("source as s", "s.id", "o.source_id") : q;
}

/**
 * A fresh object of one fixed shape (the driver's row also carries `unit__code`-style joined
 * columns and the window aggregates; deleting them would turn it into a slow dictionary object).
 */
function toRow(raw: Record<string, unknown>, joins: Joins): ObservationRow {
  const r = raw as unknown as ObservationRow;
  return {
    id: r.id,
    indicatorId: r.indicatorId,
    unitId: r.unitId,
    sourceId: r.sourceId,
    year: r.year,
    period: r.period,
    disaggregation: r.disaggregation,
    dataset: r.dataset,
    value: r.value,
    qualifier: r.qualifier,
    status: r.status,
    grade: r.grade,
    quote: r.quote,
    note: r.note,
    disputed: r.disputed,
    reviewState: r.reviewState,
    unitRow: joins.unit ? nest(raw, "unit", joins.unit) : undefined,
    indicatorRow: joins.indicator ? nest(raw, "indicator", joins.indicator) : undefined,
    sourceRow: joins.source
      ? r.sourceId === null
        ? null
        : nest(raw, "source", joins.source)
      : undefined,
  };
}

function nest(
  raw: Record<string, unknown>,
  relation: string,
  columns: Map<string, string>,
): Record<string, unknown> {
  const related: Record<string, unknown> = {};
  for (const prop of columns.keys()) related[prop] = raw[`${relation}__${prop}`];
  return related;
}

export interface ObservationPage {
  rows: ObservationRow[];
  total: number;
  containsIllustrative: boolean;
}

/**
 * One page of the `observations` query in one statement: the total and whether any matching
 * row is illustrative come from window aggregates over the same filtered rows.
 */
export async function readObservationPage(
  em: EntityManager,
  filter: ObservationFilter | null | undefined,
  orderBy: ObservationOrderName,
  page: { limit: number; offset: number },
  joins: Joins = {},
): Promise<ObservationPage> {
  const knex = em.getKnex("read");
  const q = applyFilter(base(em, joins), filter)
    .select([
      ...COLUMNS,
      ...joinedColumns(knex, joins),
      knex.raw("count(*) over () as total"),
      knex.raw(`bool_or(o.dataset = 'ILLUSTRATIVE') over () as "anyIllustrative"`),
    ])
    .orderByRaw(`${ORDER_SQL[orderBy]}, o.id asc`)
    .limit(page.limit)
    .offset(page.offset);
  // Only the filter's data sets: a write to the other data set leaves the cached answer alone.
  const raw = await narrowReads(
    "observation",
    datasetTags("observation", filter?.datasets ?? [Dataset.OFFICIAL]),
    () => em.getConnection("read").execute<Record<string, unknown>[]>(q),
  );
  if (raw.length) {
    return {
      rows: raw.map(r => toRow(r, joins)),
      total: Number(raw[0].total),
      containsIllustrative: raw[0].anyIllustrative === true,
    };
  }
  // A page past the end has no row to carry the window aggregates: count separately.
  if (page.offset === 0) return { rows: [], total: 0, containsIllustrative: false };
  const counted = await em
    .getConnection("read")
    .execute<{ total: string; anyIllustrative: boolean | null }[]>(
      applyFilter(base(em), filter).select([
        knex.raw("count(*) as total"),
        knex.raw(`bool_or(o.dataset = 'ILLUSTRATIVE') as "anyIllustrative"`),
      ]),
    );
  return {
    rows: [],
    total: Number(counted[0].total),
    containsIllustrative: counted[0].anyIllustrative === true,
  };
}

const perRequest = new WeakMap<Loaders, Map<string, DataLoader<number, ObservationRow[]>>>();

/**
 * Request-scoped batch loader of the observations of many units (the `observations` field of a
 * unit): one statement for all units asked for in one tick, in the order the entity path used
 * (indicator, year, id). Keyed by the request's Loaders, so nothing outlives the request.
 */
export function unitObservationsLoader(
  loaders: Loaders,
  em: EntityManager,
  filter: ObservationFilter | null | undefined,
  joins: Joins = {},
): DataLoader<number, ObservationRow[]> {
  observationWhere({ ...filter, units: null }); // bad input fails here, before any SQL
  let byFilter = perRequest.get(loaders);
  if (!byFilter) {
    byFilter = new Map();
    perRequest.set(loaders, byFilter);
  }
  const key = `${JSON.stringify(filter ?? {})}|${joinKey(joins)}`;
  let loader = byFilter.get(key);
  if (!loader) {
    loader = new DataLoader<number, ObservationRow[]>(async unitIds => {
      const q = applyFilter(base(em, joins), { ...filter, units: null })
        .whereIn("o.unit_id", [...unitIds])
        .select([...COLUMNS, ...joinedColumns(em.getKnex("read"), joins)])
        .orderByRaw("o.indicator_id asc, o.year asc, o.id asc");
      // Only these units' observations: other units' writes leave the cached answer alone.
      const raw = await narrowReads("observation", unitTags("observation", unitIds), () =>
        em.getConnection("read").execute<Record<string, unknown>[]>(q),
      );
      const grouped = new Map<number, ObservationRow[]>();
      for (const r of raw) {
        const row = toRow(r, joins);
        const list = grouped.get(row.unitId);
        if (list) list.push(row);
        else grouped.set(row.unitId, [row]);
      }
      return unitIds.map(id => grouped.get(id) ?? []);
    });
    byFilter.set(key, loader);
  }
  return loader;
}
