import type { EntityManager } from "@mikro-orm/postgresql";
import DataLoader from "dataloader";
import { datasetTags, narrowReads, unitTags } from "../cache/read-tags.js";
import { Dataset } from "../graphql/enums.js";
import type { Loaders } from "../graphql/loaders.js";
import { runStatement, statement } from "../graphql/sql-statement.js";
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

/** The joined relations' columns, as `, u."code" as "unit__code"` (columns from ORM metadata). */
function joinedColumnsSql(joins: Joins): string {
  let out = "";
  for (const relation of ["unit", "indicator", "source"] as const) {
    for (const [prop, column] of joins[relation] ?? []) {
      out += `, ${ALIASES[relation]}."${column}" as "${relation}__${prop}"`;
    }
  }
  return out;
}

const joinKey = (joins: Joins) =>
  (["unit", "indicator", "source"] as const)
    .map(r => (joins[r] ? [...joins[r].keys()].join(",") + ";" : "-"))
    .join("|");

/** True for a plain row from this file, false for a managed Observation entity. */
export function isObservationRow(o: Observation | ObservationRow): o is ObservationRow {
  return typeof (o as ObservationRow).indicatorId === "number";
}

const COLUMNS_SQL = `o.id, o.indicator_id as "indicatorId", o.unit_id as "unitId",
  o.source_id as "sourceId", o.year, o.period, o.disaggregation, o.dataset, o.value, o.qualifier,
  o.status, o.grade, o.quote, o.note, o.disputed, o.review_state as "reviewState"`;

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

// Each filter field present adds its condition (on `observation o` joined to its indicator `i`
// and unit `u`); the shape of a statement is which of them are present.
const FILTER_SQL = [
  "i.code = any(?)",
  "u.code = any(?)",
  "o.year >= ?",
  "o.year <= ?",
  "o.status = any(?)",
  "o.grade = any(?)",
  "o.period = ?",
  "o.disaggregation = ?",
];

interface FilterParams {
  mask: number;
  datasets: Dataset[];
  /** After the data sets' parameter, in FILTER_SQL's order. */
  params: unknown[];
}

/** The filter's conditions (a bit mask of FILTER_SQL) and parameters; throws on bad input. */
function filterParams(filter: ObservationFilter | null | undefined): FilterParams {
  observationWhere(filter); // the same validation and coded errors as the entity path
  const f = filter ?? {};
  const present = [
    f.indicators,
    f.units,
    f.yearFrom,
    f.yearTo,
    f.statuses?.length ? f.statuses : null,
    f.grades?.length ? f.grades : null,
    f.period,
    f.disaggregation,
  ];
  const params: unknown[] = [];
  let mask = 0;
  present.forEach((value, i) => {
    if (value == null) return;
    mask |= 1 << i;
    params.push(value);
  });
  return { mask, datasets: f.datasets ?? [Dataset.OFFICIAL], params };
}

/** The conditions of `mask`, after the data sets and approval every read applies. */
const whereSql = (mask: number) =>
  ["o.dataset = any(?)", "o.review_state = 'APPROVED'"]
    .concat(FILTER_SQL.filter((_, i) => mask & (1 << i)))
    .join(" and ");

const FROM_SQL = `observation o join indicator i on i.id = o.indicator_id
  join administrative_unit u on u.id = o.unit_id`;
const fromSql = (joins: Joins) =>
  joins.source ? `${FROM_SQL} left join source s on s.id = o.source_id` : FROM_SQL;

/**
 * A fresh object of one fixed shape (the driver's row also carries `unit__code`-style joined
 * columns and the window aggregates; deleting them would turn it into a slow dictionary object).
 */
export function toRow(raw: Record<string, unknown>, joins: Joins): ObservationRow {
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
  const { mask, datasets, params } = filterParams(filter);
  const s = statement(
    `observations|${mask}|${orderBy}|${joinKey(joins)}`,
    () => `select ${COLUMNS_SQL}${joinedColumnsSql(joins)}, count(*) over () as total,
        bool_or(o.dataset = 'ILLUSTRATIVE') over () as "anyIllustrative"
      from ${fromSql(joins)} where ${whereSql(mask)}
      order by ${ORDER_SQL[orderBy]}, o.id asc limit ? offset ?`,
  );
  // Only the filter's data sets: a write to the other data set leaves the cached answer alone.
  const raw = await narrowReads("observation", datasetTags("observation", datasets), () =>
    runStatement<Record<string, unknown>>(em, s, [datasets, ...params, page.limit, page.offset]),
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
  const count = statement(
    `observations-count|${mask}`,
    () => `select count(*) as total, bool_or(o.dataset = 'ILLUSTRATIVE') as "anyIllustrative"
      from ${FROM_SQL} where ${whereSql(mask)}`,
  );
  const [counted] = await runStatement<{ total: string; anyIllustrative: boolean | null }>(
    em,
    count,
    [datasets, ...params],
  );
  return {
    rows: [],
    total: Number(counted.total),
    containsIllustrative: counted.anyIllustrative === true,
  };
}

/**
 * The statement part of a unit's observations (the unit filter does not apply there): the
 * conditions' mask and parameters, the shape key, and the select list; shared with
 * unit-observations.reads.ts, which reads a unit and its observations in one statement.
 */
export function unitObservationsParts(filter: ObservationFilter | null | undefined, joins: Joins) {
  const { mask, datasets, params } = filterParams({ ...filter, units: null });
  return {
    shape: `${mask}|${joinKey(joins)}`,
    params: [datasets, ...params],
    columns: `${COLUMNS_SQL}${joinedColumnsSql(joins)}`,
    from: fromSql(joins),
    where: whereSql(mask),
    orderBy: "o.indicator_id asc, o.year asc, o.id asc",
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
  const parts = unitObservationsParts(filter, joins); // bad input fails here, before any SQL
  let byFilter = perRequest.get(loaders);
  if (!byFilter) {
    byFilter = new Map();
    perRequest.set(loaders, byFilter);
  }
  const key = `${JSON.stringify(filter ?? {})}|${parts.shape}`;
  let loader = byFilter.get(key);
  if (!loader) {
    const s = statement(
      `unit-observations|${parts.shape}`,
      () => `select ${parts.columns} from ${parts.from}
        where ${parts.where} and o.unit_id = any(?) order by ${parts.orderBy}`,
    );
    loader = new DataLoader<number, ObservationRow[]>(async unitIds => {
      // Only these units' observations: other units' writes leave the cached answer alone.
      const raw = await narrowReads("observation", unitTags("observation", unitIds), () =>
        runStatement<Record<string, unknown>>(em, s, [...parts.params, [...unitIds]]),
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
