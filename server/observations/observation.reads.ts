import type { EntityManager } from "@mikro-orm/postgresql";
import DataLoader from "dataloader";
import { narrowReads, unitTags } from "../cache/read-tags.js";
import { Dataset } from "../graphql/enums.js";
import type { Loaders } from "../graphql/loaders.js";
import {
  columnRows,
  jsonColumnsSql,
  type JsonColumn,
  type JsonPair,
} from "../graphql/json-columns.js";
import { runStatement, statement } from "../graphql/sql-statement.js";
import { Observation } from "./observation.entity.js";
import { observationWhere, type ObservationFilter } from "./observation.inputs.js";

/**
 * Read paths for observations that never build managed entities. A list of observations is a
 * read-only answer: hydrating each row into a MikroORM entity (identity map, references,
 * change-set snapshots) cost most of a request's CPU (bench/RESULTS.md, "Reads without managed
 * entities"). These functions select the GraphQL fields into plain objects with the same
 * property names as the entity, plus the foreign keys, which the field resolvers of
 * `Observation` follow through request-scoped loaders. A row carries only the keys the
 * request's selection needs (observationJsonColumns): the others are absent, never read.
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

/**
 * The observations are built as JSON by PostgreSQL, one array per column (json-columns.ts),
 * so the driver hands over one text column that `JSON.parse` and columnRows turn into the rows,
 * instead of parsing N rows × M columns into row objects and copying them into fresh ones
 * (row parsing, `Buffer` slices and their garbage were ~15 % of a plain read's CPU). Only what
 * the request selects is built: the selected plain columns, the ids the selected relation
 * fields follow, and the joined relations' selected columns as nested objects. JSON keeps
 * every value as the driver gave it: numbers, strings, booleans, null, and dates as
 * `YYYY-MM-DD` (PostgreSQL writes dates in JSON as ISO 8601 whatever its DateStyle).
 */
const OBSERVATION_COLUMNS: Record<string, string> = {
  id: "o.id",
  indicatorId: "o.indicator_id",
  unitId: "o.unit_id",
  sourceId: "o.source_id",
  year: "o.year",
  period: "o.period",
  disaggregation: "o.disaggregation",
  dataset: "o.dataset",
  value: "o.value",
  qualifier: "o.qualifier",
  status: "o.status",
  grade: "o.grade",
  quote: "o.quote",
  note: "o.note",
  disputed: "o.disputed",
  reviewState: "o.review_state",
};

// What the resolvers of observation.resolver.ts read from a row, by field.
const FIELD_NEEDS: Record<string, string[]> = {
  illustrative: ["dataset"],
  alternatives: ["id"],
  indicator: ["indicatorId"],
  unit: ["unitId"],
  source: ["sourceId"],
};

const RELATIONS = [
  ["unit", "u", "unitRow", "unitId"],
  ["indicator", "i", "indicatorRow", "indicatorId"],
  ["source", "s", "sourceRow", "sourceId"],
] as const;

/** The row keys (properties of ObservationRow) the selected fields need, joins aside. */
function observationKeys(fields: Set<string> | null, joins: Joins): Set<string> {
  const keys = new Set<string>();
  for (const field of fields ?? Object.keys(OBSERVATION_COLUMNS)) {
    if (OBSERVATION_COLUMNS[field]) keys.add(field);
    for (const key of FIELD_NEEDS[field] ?? []) keys.add(key);
  }
  // A joined relation is served whole from its nested object: its id is not needed.
  for (const [relation, , , idKey] of RELATIONS) if (joins[relation]) keys.delete(idKey);
  return keys;
}

/**
 * The observation columns a statement must carry to build `observationJsonColumns` over them, the
 * joins and an ordering: the needed keys, the id, the joined relations' foreign keys and the
 * year and value (which orderings use). Each is `o.<column>`, so a subquery selecting them
 * and aliased `o` serves the same expressions.
 */
export function observationColumnsSql(fields: Set<string> | null, joins: Joins): string {
  const keys = observationKeys(fields, joins);
  for (const key of ["id", "year", "value"]) keys.add(key);
  for (const [relation, , , idKey] of RELATIONS) if (joins[relation]) keys.add(idKey);
  return [...keys].map(k => OBSERVATION_COLUMNS[k]).join(", ");
}

/**
 * The columns of the observations' JSON (json-columns.ts) for the fields selected on them (null:
 * unknown, all columns), with the joined relations nested under `unitRow`, `indicatorRow`,
 * `sourceRow` (null for an observation without a source).
 */
export function observationJsonColumns(fields: Set<string> | null, joins: Joins): JsonColumn[] {
  const keys = observationKeys(fields, joins);
  const columns: JsonColumn[] = [...keys].map((k): JsonPair => [k, OBSERVATION_COLUMNS[k]]);
  for (const [relation, alias, rowKey] of RELATIONS) {
    const related = joins[relation];
    if (!related) continue;
    columns.push({
      key: rowKey,
      pairs: [...related].map(([prop, column]): JsonPair => [prop, `${alias}."${column}"`]),
      nullWhen: relation === "source" ? "o.source_id is null" : undefined,
    });
  }
  return columns;
}

export const shapeKey = (fields: Set<string> | null, joins: Joins) =>
  `${fields ? [...fields].sort().join(",") : "*"}|` +
  (["unit", "indicator", "source"] as const)
    .map(r => (joins[r] ? [...joins[r].keys()].join(",") + ";" : "-"))
    .join("|");

/** True for a plain row from this file, false for a managed Observation entity. */
export function isObservationRow(o: Observation | ObservationRow): o is ObservationRow {
  return !(o instanceof Observation);
}

// Each filter field present adds its condition on `observation o`; the shape of a statement is
// which of them are present. Codes become ids in an init plan, so the conditions need no join
// and use the `(indicator_id, dataset, ...)` / `(unit_id, ...)` indexes of observation.
export const FILTER_SQL = [
  "o.indicator_id = any(array(select id from indicator where code = any(?)))",
  "o.unit_id = any(array(select id from administrative_unit where code = any(?)))",
  "o.year >= ?",
  "o.year <= ?",
  "o.status = any(?)",
  "o.grade = any(?)",
  "o.period = ?",
  "o.disaggregation = ?",
  // One code, the usual filter (an indicator's or a unit's page): an equality, so the
  // (indicator_id | unit_id, year, id) indexes hand the rows over in year order and a page by
  // year stops after its own rows. `= any(array(...))` may stand for several ids, which the
  // planner must fetch and sort (first 100 of an indicator at bench scale 100: ~2.4 → 0.9 ms).
  "o.indicator_id = (select id from indicator where code = ?)",
  "o.unit_id = (select id from administrative_unit where code = ?)",
];

export interface FilterParams {
  mask: number;
  datasets: Dataset[];
  /** After the data sets' parameter, in FILTER_SQL's order. */
  params: unknown[];
}

/** The filter's conditions (a bit mask of FILTER_SQL) and parameters; throws on bad input. */
export function filterParams(filter: ObservationFilter | null | undefined): FilterParams {
  observationWhere(filter); // the same validation and coded errors as the entity path
  const f = filter ?? {};
  const oneIndicator = f.indicators?.length === 1 ? f.indicators[0] : null;
  const oneUnit = f.units?.length === 1 ? f.units[0] : null;
  const present = [
    oneIndicator === null ? f.indicators : null,
    oneUnit === null ? f.units : null,
    f.yearFrom,
    f.yearTo,
    f.statuses?.length ? f.statuses : null,
    f.grades?.length ? f.grades : null,
    f.period,
    f.disaggregation,
    oneIndicator,
    oneUnit,
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

/** FILTER_SQL's one-code conditions (the highest bits: their parameters come last). */
export const ONE_INDICATOR_BIT = 8;
export const ONE_UNIT_BIT = 9;

/**
 * FILTER_SQL with one indicator's or one unit's id as the parameter in place of its code
 * (code-ids.ts: the planner then sees that id's own statistics).
 */
export const FILTER_SQL_BY_ID = FILTER_SQL.map((sql, i) =>
  i === ONE_INDICATOR_BIT
    ? "o.indicator_id = ?::int"
    : i === ONE_UNIT_BIT
      ? "o.unit_id = ?::int"
      : sql,
);
/** The conditions of `mask`, after the data sets and approval every read applies. */
export const whereSql = (mask: number, byId = false) =>
  ["o.dataset = any(?)", "o.review_state = 'APPROVED'"]
    .concat((byId ? FILTER_SQL_BY_ID : FILTER_SQL).filter((_, i) => mask & (1 << i)))
    .join(" and ");

/**
 * `observation o` with the related rows the selection reads. Only those: an observation always
 * has its indicator and unit (not-null foreign keys), so a join nobody reads only cost
 * PostgreSQL a hash of the table (a unit's 401 observations: ~2.3 → ~2.0 ms with both).
 */
const fromSql = (joins: Joins) =>
  [
    "observation o",
    joins.indicator ? "join indicator i on i.id = o.indicator_id" : "",
    joins.unit ? "join administrative_unit u on u.id = o.unit_id" : "",
    joins.source ? "left join source s on s.id = o.source_id" : "",
  ]
    .filter(Boolean)
    .join(" ");

/**
 * The statement part of a unit's observations (the unit filter does not apply there): the
 * conditions' mask and parameters, the shape key, and `json_agg` of the unit's observations
 * (null when none) over `from` and `where`, in the entity path's order (indicator, year, id);
 * shared with unit-observations.reads.ts, which reads a unit and its observations in one
 * statement.
 */
export function unitObservationsParts(
  filter: ObservationFilter | null | undefined,
  joins: Joins,
  fields: Set<string> | null = null,
) {
  const { mask, datasets, params } = filterParams({ ...filter, units: null });
  const columns = observationJsonColumns(fields, joins);
  return {
    shape: `${mask}|${shapeKey(fields, joins)}`,
    params: [datasets, ...params],
    /** The observations' rows: columnRows(columns, <the aggregate's value>). */
    columns,
    aggregate: jsonColumnsSql(columns, "o.indicator_id asc, o.year asc, o.id asc"),
    from: fromSql(joins),
    where: whereSql(mask),
  };
}

const perRequest = new WeakMap<Loaders, Map<string, DataLoader<number, ObservationRow[]>>>();

/**
 * Request-scoped batch loader of the observations of many units (the `observations` field of a
 * unit): one statement for all units asked for in one tick, each unit's observations one JSON
 * array. Keyed by the request's Loaders, so nothing outlives the request.
 */
export function unitObservationsLoader(
  loaders: Loaders,
  em: EntityManager,
  filter: ObservationFilter | null | undefined,
  joins: Joins = {},
  fields: Set<string> | null = null,
): DataLoader<number, ObservationRow[]> {
  const parts = unitObservationsParts(filter, joins, fields); // bad input fails here, before any SQL
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
      () => `select o.unit_id as "unitId", ${parts.aggregate} as rows from ${parts.from}
        where ${parts.where} and o.unit_id = any(?) group by o.unit_id`,
    );
    loader = new DataLoader<number, ObservationRow[]>(async unitIds => {
      // Only these units' observations: other units' writes leave the cached answer alone.
      const raw = await narrowReads("observation", unitTags("observation", unitIds), () =>
        runStatement<{ unitId: number; rows: unknown }>(em, s, [...parts.params, [...unitIds]]),
      );
      const grouped = new Map<number, ObservationRow[]>();
      for (const r of raw) grouped.set(r.unitId, columnRows<ObservationRow>(parts.columns, r.rows));
      return unitIds.map(id => grouped.get(id) ?? []);
    });
    byFilter.set(key, loader);
  }
  return loader;
}
