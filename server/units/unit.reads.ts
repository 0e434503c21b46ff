import { foldedColumnSql, foldedLike } from "../graphql/fold.js";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { GraphQLResolveInfo } from "graphql";
import { connectionNeedsTotal } from "../graphql/connection.js";
import { plainColumns, selectedFields } from "../graphql/look-ahead.js";
import { jsonObjectSql, runStatement, statement } from "../graphql/sql-statement.js";
import { AdministrativeUnit } from "./unit.entity.js";
import { unitWhere, type UnitFilter, type UnitOrder } from "./unit.inputs.js";

/**
 * Units read as plain rows (see observation.reads.ts for why): used when every field a request
 * selects on a unit is a plain column or one of the relations whose resolvers accept a row.
 * The statements are hand-written, their text kept per shape (graphql/sql-statement.ts).
 */
export interface UnitRow {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  level: string;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
  parentId: number | null;
  successorId: number | null;
  /** The parent / successor when look-ahead joined them (plain columns only); else undefined. */
  parentRow?: Record<string, unknown> | null;
  successorRow?: Record<string, unknown> | null;
  /** What another feature read in the same statement (e.g. its `observations`), by field. */
  related?: Record<string, unknown[]>;
}

/**
 * True for a plain row (this file's, analytics' PlainUnit), false for a managed
 * AdministrativeUnit entity. A page's JSON row carries only the keys its selection needs.
 */
export function isUnitRow(u: object): u is UnitRow {
  return !(u instanceof AdministrativeUnit);
}

// Fields whose resolvers in unit.resolver.ts accept a row (they need only the ids).
const ROW_RESOLVERS = new Set(["parent", "successor", "predecessors", "observations"]);

/** True when the unit fields selected at `paths` can all be served from a plain row. */
export function rowServes(em: EntityManager, info: GraphQLResolveInfo, paths: string[][]) {
  for (const path of paths) {
    const fields = selectedFields(info, path);
    if (!fields) continue;
    const plain = new Set([...fields].filter(f => !ROW_RESOLVERS.has(f)));
    if (!plainColumns(em, "AdministrativeUnit", plain)) return false;
  }
  return true;
}

/** The fields selected on a unit at any of `paths` (empty: none). */
function unitFields(info: GraphQLResolveInfo, paths: string[][]): Set<string> {
  let all: Set<string> | null = null;
  for (const path of paths) {
    const fields = selectedFields(info, path);
    if (fields) all = all ? new Set([...all, ...fields]) : fields;
  }
  return all ?? new Set();
}

/** How the `units` query reads a selection: from JSON rows (and with what), or as entities. */
export interface UnitsPlan {
  rows: boolean;
  joins: UnitJoins;
  fields: Set<string>;
  needTotal: boolean;
}

const UNITS_PATHS = [["nodes"], ["edges", "node"]];
// Per field node of a parsed query: Apollo keeps each query text's parsed document (and
// graphql-jit its compiled function with it), so a repeated query finds its plan here.
const plans = new WeakMap<object, UnitsPlan>();

/**
 * The plan of the `units` query for this request's selection. It depends only on the selection
 * (the field nodes and the document's fragments, never on variables: look-ahead does not read
 * @skip/@include or arguments), so it is kept per field node and computed once per query text.
 */
export function unitsPlan(em: EntityManager, info: GraphQLResolveInfo): UnitsPlan {
  const node = info.fieldNodes.length === 1 ? info.fieldNodes[0] : null;
  const known = node && plans.get(node);
  if (known) return known;
  const rows = rowServes(em, info, UNITS_PATHS);
  const plan: UnitsPlan = {
    rows,
    joins: rows ? unitJoins(em, info, UNITS_PATHS) : { parent: null, successor: null },
    fields: rows ? unitFields(info, UNITS_PATHS) : new Set(),
    needTotal: connectionNeedsTotal(info),
  };
  if (node) plans.set(node, plan);
  return plan;
}

/** The parent and successor to join into the units statement: property -> column, or null. */
export interface UnitJoins {
  parent: Map<string, string> | null;
  successor: Map<string, string> | null;
}

/**
 * Look-ahead for `parent` and `successor` under `paths`: joined when every field selected under
 * them (on all paths alike) is a plain column; otherwise their resolvers load them as before.
 */
export function unitJoins(em: EntityManager, info: GraphQLResolveInfo, paths: string[][]) {
  const joins: UnitJoins = { parent: null, successor: null };
  for (const relation of ["parent", "successor"] as const) {
    const fields = new Set<string>();
    for (const path of paths) {
      for (const f of selectedFields(info, [...path, relation]) ?? []) fields.add(f);
    }
    if (fields.size) joins[relation] = plainColumns(em, "AdministrativeUnit", fields);
  }
  return joins;
}

const UNIT_COLUMNS: [column: string, property: string][] = [
  ["id", "id"],
  ["code", "code"],
  ["name_vi", "nameVi"],
  ["name_en", "nameEn"],
  ["level", "level"],
  ["kind", "kind"],
  ["valid_from", "validFrom"],
  ["valid_to", "validTo"],
  ["parent_id", "parentId"],
  ["successor_id", "successorId"],
];

/** The unit's own columns of table alias `alias`, named as the row's properties after `prefix`. */
export const unitColumnsSql = (alias: string, prefix = "") =>
  UNIT_COLUMNS.map(([column, prop]) => `${alias}.${column} as "${prefix}${prop}"`).join(", ");

const UNIT_COLUMNS_SQL = unitColumnsSql("u");

const ORDER_SQL: Record<UnitOrder, string> = {
  CODE_ASC: "u.code asc",
  CODE_DESC: "u.code desc",
  NAME_ASC: "u.name_vi asc",
  NAME_DESC: "u.name_vi desc",
  VALID_FROM_ASC: "u.valid_from asc, u.code asc",
};

// Each filter field present adds its condition; the shape is which of them are present.
const FILTER_SQL: [keyof UnitFilter, string][] = [
  ["codes", "u.code = any(?)"],
  ["level", "u.level = ?"],
  ["kind", "u.kind = ?"],
  [
    "asOf",
    "(u.valid_from is null or u.valid_from <= ?) and (u.valid_to is null or u.valid_to >= ?)",
  ],
  // Diacritics and case ignored, as in the entity path ("hai duong" finds Hải Dương).
  ["search", `(${foldedColumnSql("u.name_vi")} like ? or ${foldedColumnSql("u.name_en")} like ?)`],
];

/** The filter's conditions (as a bit mask of FILTER_SQL) and their parameters, in order. */
function filterParams(filter: UnitFilter | null | undefined) {
  unitWhere(filter); // the same validation and coded errors as the entity path
  const f = filter ?? {};
  const like = f.search ? foldedLike(f.search) : null;
  // Each present field's parameters, in FILTER_SQL's order (null: the field is absent).
  const present = [
    f.codes ? [f.codes] : null,
    f.level ? [f.level] : null,
    f.kind ? [f.kind] : null,
    f.asOf ? [f.asOf, f.asOf] : null,
    like ? [like, like] : null,
  ];
  const params: unknown[] = [];
  let mask = 0;
  present.forEach((values, i) => {
    if (!values) return;
    mask |= 1 << i;
    params.push(...values);
  });
  return { mask, params };
}

const whereSql = (mask: number) =>
  FILTER_SQL.filter((_, i) => mask & (1 << i))
    .map(([, sql]) => sql)
    .join(" and ") || "true";

/** The relations a unit row may join: table alias, foreign key column and its row property. */
const JOINED = [
  { relation: "parent", alias: "p", column: "parent_id", idKey: "parentId" },
  { relation: "successor", alias: "su", column: "successor_id", idKey: "successorId" },
] as const;

/** The joined parent's and successor's columns and joins, for the unit of table alias `u`. */
export function joinedSql(joins: UnitJoins, u = "u") {
  const columns: string[] = [];
  const from: string[] = [];
  for (const { relation, alias, column: key } of JOINED) {
    const cols = joins[relation];
    if (!cols) continue;
    from.push(`left join administrative_unit ${alias} on ${alias}.id = ${u}.${key}`);
    for (const [prop, column] of cols) {
      columns.push(`${alias}."${column}" as "${relation}__${prop}"`);
    }
  }
  return { columns: columns.map(c => `, ${c}`).join(""), from: from.join(" ") };
}

export const joinShape = (joins: UnitJoins) =>
  `${[...(joins.parent?.keys() ?? [])].join(",")}|${[...(joins.successor?.keys() ?? [])].join(",")}|${joins.parent ? 1 : 0}${joins.successor ? 1 : 0}`;

const COLUMN_OF = new Map(UNIT_COLUMNS.map(([column, prop]) => [prop, `u.${column}`]));

// What the resolvers of unit.resolver.ts (and the observations field) read from a row, by field.
const FIELD_NEEDS: Record<string, string[]> = {
  parent: ["parentId"],
  successor: ["successorId"],
  predecessors: ["id"],
  observations: ["id"],
};

/**
 * The select list of one unit of the page for the fields selected on it (null: unknown, every
 * column), each named as the row's property: the selected plain columns, the ids the selected
 * relation fields follow, and a joined parent / successor as one JSON object (null when the
 * unit has none) under `parentRow` / `successorRow`, where its resolver finds it
 * (preloadedField). The driver's rows are then the unit rows as they are, never copied.
 */
function unitSelectSql(fields: Set<string> | null, joins: UnitJoins): string {
  const keys = new Set<string>();
  for (const field of fields ?? COLUMN_OF.keys()) {
    if (COLUMN_OF.has(field)) keys.add(field);
    for (const key of FIELD_NEEDS[field] ?? []) keys.add(key);
  }
  const selected: string[] = [];
  for (const { relation, alias, idKey } of JOINED) {
    const columns = joins[relation];
    if (!columns) continue;
    // A joined relation is served whole from its nested object: its id is not needed.
    keys.delete(idKey);
    const nested = jsonObjectSql([...columns].map(([prop, col]) => [prop, `${alias}."${col}"`]));
    selected.push(
      `case when ${COLUMN_OF.get(idKey)} is null then null else ${nested} end as "${relation}Row"`,
    );
  }
  // Nothing selected on a unit (only the total, or only __typename): a row still stands for it.
  if (!keys.size && !selected.length) keys.add("id");
  return [...[...keys].map(k => `${COLUMN_OF.get(k)} as "${k}"`), ...selected].join(", ");
}

/**
 * One page of units and the total in one statement (with the joined parent and successor), for
 * a request that selects `fields` on each unit (null: unknown, every column); the total only
 * when `needTotal`.
 *
 * Only the selected columns are read, named as the row's properties, so the driver's rows serve
 * as they come; before, all ten columns (and the joined ones) were parsed and copied into fresh
 * objects. Building the whole page as JSON in PostgreSQL instead (`json_build_object` per row,
 * `json_agg`) cost the server about as much for a units page and doubled the statement's time in
 * PostgreSQL (0.72 against 0.37 ms for 100 units), so it is kept for the nested relations only.
 * Dates come as the driver's `YYYY-MM-DD` text (MikroORM's type parser); `count(*) over ()` is
 * asked only when the request selects `totalCount` or `pageInfo`.
 */
export async function readUnitPage(
  em: EntityManager,
  filter: UnitFilter | null | undefined,
  orderBy: UnitOrder,
  page: { limit: number; offset: number },
  joins: UnitJoins,
  fields: Set<string> | null,
  needTotal: boolean,
): Promise<{ rows: UnitRow[]; total: number }> {
  const { mask, params } = filterParams(filter);
  const fieldKey = fields ? [...fields].sort().join(",") : "*";
  const s = statement(
    `units|${mask}|${orderBy}|${fieldKey}|${joinShape(joins)}|${needTotal ? 1 : 0}`,
    () => {
      const joined = joinedSql(joins);
      return `select ${unitSelectSql(fields, joins)}${needTotal ? `, count(*) over () as "__total"` : ""}
        from administrative_unit u ${joined.from}
        where ${whereSql(mask)}
        order by ${ORDER_SQL[orderBy]}, u.id asc limit ? offset ?`;
    },
  );
  const rows = await runStatement<UnitRow & { __total?: string }>(em, s, [
    ...params,
    page.limit,
    page.offset,
  ]);
  // Not selected: any number serves (no field shows it); this one says "no next page".
  if (!needTotal) return { rows, total: page.offset + rows.length };
  if (rows.length || page.offset === 0) {
    return { rows, total: rows.length ? Number(rows[0].__total) : 0 };
  }
  return { rows, total: await countUnits(em, mask, params) };
}

/** A page past the end has no row to carry the window count: count separately. */
async function countUnits(em: EntityManager, mask: number, params: unknown[]) {
  const count = statement(
    `units-count|${mask}`,
    () => `select count(*) as total from administrative_unit u where ${whereSql(mask)}`,
  );
  const [counted] = await runStatement<{ total: string }>(em, count, params);
  return Number(counted.total);
}

/** A unit by code, with its parent and successor joined as `joins` asks. */
export async function readUnitByCode(
  em: EntityManager,
  code: string,
  joins: UnitJoins = { parent: null, successor: null },
): Promise<UnitRow | null> {
  const s = statement(`unit-by-code|${joinShape(joins)}`, () => {
    const joined = joinedSql(joins);
    return `select ${UNIT_COLUMNS_SQL}${joined.columns} from administrative_unit u ${joined.from}
      where u.code = ?`;
  });
  const [row] = await runStatement<UnitRow>(em, s, [code]);
  return row ? toUnitRow(row, joins) : null;
}

/**
 * A fresh object of one fixed shape from a driver row carrying the unit's columns (and the
 * joined `parent__code`-style ones, nested here).
 */
export function toUnitRow(r: UnitRow, joins?: UnitJoins): UnitRow {
  return {
    id: r.id,
    code: r.code,
    nameVi: r.nameVi,
    nameEn: r.nameEn,
    level: r.level,
    kind: r.kind,
    validFrom: r.validFrom,
    validTo: r.validTo,
    parentId: r.parentId,
    successorId: r.successorId,
    parentRow: joins?.parent ? nested(r, "parent", r.parentId, joins.parent) : undefined,
    successorRow: joins?.successor
      ? nested(r, "successor", r.successorId, joins.successor)
      : undefined,
    related: undefined,
  };
}

function nested(r: object, relation: string, id: number | null, columns: Map<string, string>) {
  if (id === null) return null;
  const raw = r as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const prop of columns.keys()) out[prop] = raw[`${relation}__${prop}`];
  return out;
}

/**
 * Reads a unit by code together with what a field below it needs, in one statement: another
 * feature (observations) registers such a reader, so this feature need not import it. A reader
 * returns undefined when the selection is not one it serves; the plain path is used then.
 */
export type UnitWithRelatedReader = (
  em: EntityManager,
  info: GraphQLResolveInfo,
  code: string,
  joins: UnitJoins,
) => Promise<UnitRow | null> | undefined;

const relatedReaders: UnitWithRelatedReader[] = [];

export function addUnitWithRelatedReader(reader: UnitWithRelatedReader): void {
  relatedReaders.push(reader);
}

/**
 * A unit by code (parent and successor joined when look-ahead allows), with a registered
 * reader's related rows when one serves the selection.
 */
export function readUnitWithRelated(em: EntityManager, info: GraphQLResolveInfo, code: string) {
  const joins = unitJoins(em, info, [[]]);
  for (const reader of relatedReaders) {
    const read = reader(em, info, code, joins);
    if (read) return read;
  }
  return readUnitByCode(em, code, joins);
}
