import type { EntityManager } from "@mikro-orm/postgresql";
import { datasetTags, narrowReads } from "../cache/read-tags.js";
import { columnRows, jsonColumnsSql } from "../graphql/json-columns.js";
import { runStatement, statement } from "../graphql/sql-statement.js";
import type { Dataset } from "../graphql/enums.js";
import type { ObservationFilter } from "./observation.inputs.js";
import { checkSql, keptId, NO_ID, noteId, type CodeKind } from "./code-ids.js";
import {
  FILTER_SQL,
  FILTER_SQL_BY_ID,
  filterParams,
  ONE_INDICATOR_BIT,
  ONE_UNIT_BIT,
  observationColumnsSql,
  observationJsonColumns,
  shapeKey,
  whereSql,
  type Joins,
  type ObservationRow,
} from "./observation.reads.js";

export type ObservationOrderName =
  "YEAR_ASC" | "YEAR_DESC" | "VALUE_ASC" | "VALUE_DESC" | "UNIT_ASC" | "INDICATOR_ASC";

/** Ordered by a related row's code, then year: the related table and the column pointing at it. */
interface ByKey {
  table: string;
  column: string;
}

type Ordering = {
  /** The same order over the page's subquery (aliased `o`), before the id tie-break. */
  outer: string;
} & (
  | /** ORDER BY on `observation o`, before the id tie-break. */ { sql: string; byKey?: never }
  | /** Read per related row, in code order (pageByKeySql). */ { byKey: ByKey; sql?: never }
);

// The same orderings as the entity-based query had, with the id as the last tie-break.
const ORDERINGS: Record<ObservationOrderName, Ordering> = {
  YEAR_ASC: { sql: "o.year asc", outer: "o.year asc" },
  YEAR_DESC: { sql: "o.year desc", outer: "o.year desc" },
  VALUE_ASC: { sql: "o.value asc", outer: "o.value asc" },
  VALUE_DESC: { sql: "o.value desc", outer: "o.value desc" },
  UNIT_ASC: {
    byKey: { table: "administrative_unit", column: "unit_id" },
    outer: "o.k asc, o.year asc",
  },
  INDICATOR_ASC: {
    byKey: { table: "indicator", column: "indicator_id" },
    outer: "o.k asc, o.year asc",
  },
};

/**
 * The page's observation columns (and the code as `k`) for an ordering by a related row's
 * code, then year and id: the related rows in code order (codes are unique), each one's
 * matching observations by year and id up to the page's end (`limit + offset`), then the page
 * itself. The indexes on (indicator_id | unit_id, year, id) hand each one's rows over in that
 * order, so the first page reads about its own rows. A single top-N sort over the filter sorted
 * every matching row of each code it reached: at bench scale 100, 1,741 rows and ~2.5 ms of
 * PostgreSQL for the first 100 (Migration20261201180000).
 * Parameters: the filter's (data sets first), the inner limit, the limit, the offset.
 */
function pageByKeySql(
  { table, column }: ByKey,
  columns: string,
  mask: number,
  byId: boolean,
): string {
  return `select p.*, k.code as k from ${table} k cross join lateral (
      select ${columns} from observation o where o.${column} = k.id and ${whereSql(mask, byId)}
      order by o.year asc, o.id asc limit ?) p
    order by k.code asc, p.year asc, p.id asc limit ? offset ?`;
}

/**
 * The filters `observation_count` can answer: indicators and units, FILTER_SQL's bits 0-1 (several
 * codes) and 8-9 (one code). Their conditions name only `o.indicator_id` and `o.unit_id`, columns
 * the count table has too.
 */
const COUNTED_FILTERS = 0b11_0000_0011;

/**
 * The total and the illustrative flag of a filter, as one row `a(total, "anyIllustrative")`.
 * Filters on data sets, indicators and units sum `observation_count` (Migration20261201110000,
 * kept by triggers): a few hundred rows instead of every matching observation. Any other filter
 * counts `observation` itself. Both take the same parameters: the data sets, then the filter's.
 */
function aggregateSql(mask: number, byId: boolean): string {
  if ((mask & ~COUNTED_FILTERS) === 0) {
    const filters = byId ? FILTER_SQL_BY_ID : FILTER_SQL;
    const conditions = ["o.dataset = any(?)", ...filters.filter((_, i) => mask & (1 << i))];
    return `(select coalesce(sum(o.n), 0) as total, bool_or(o.dataset = 'ILLUSTRATIVE') as "anyIllustrative"
      from observation_count o where ${conditions.join(" and ")})`;
  }
  return `(select count(*) as total, bool_or(o.dataset = 'ILLUSTRATIVE') as "anyIllustrative"
    from observation o where ${whereSql(mask, byId)})`;
}

/** What of the connection a request asks for besides the rows (look-ahead on the connection). */
export interface PageExtras {
  /** `totalCount` or `pageInfo` (whose hasNextPage needs the total). */
  total: boolean;
  containsIllustrative: boolean;
}

export interface ObservationPage {
  rows: ObservationRow[];
  /** When the extras did not ask for it: the rows up to this page's end, a lower bound. */
  total: number;
  containsIllustrative: boolean;
}

const ROWS_ALIAS = { unit: "u", indicator: "i", source: "s" } as const;

/**
 * One page of the `observations` query in one statement. The page is chosen first, on
 * observation columns alone (a top-N sort over the filter's index scan, joining only what the
 * ordering needs), and only its rows are joined to their unit, indicator and source and built
 * into one JSON array. The total and the illustrative flag are a separate aggregate over the
 * filter, computed only when the request selects them. (Window aggregates over the whole
 * filtered set forced a full sort and JSON for every row: at benchmark scale 100 the first page
 * of all illustrative values took 62 ms in PostgreSQL, now ~3 ms without the total.)
 */
export async function readObservationPage(
  em: EntityManager,
  filter: ObservationFilter | null | undefined,
  orderBy: ObservationOrderName,
  page: { limit: number; offset: number },
  joins: Joins = {},
  fields: Set<string> | null = null,
  extras: PageExtras = { total: true, containsIllustrative: true },
): Promise<ObservationPage> {
  const { mask, datasets, params } = filterParams(filter);
  const codes = oneCodes(mask, params);
  const request = { mask, datasets, orderBy, page, joins, fields, extras };
  // Read by the ids last seen for the codes, checked in the same statement; read again when one
  // was not the code's (code-ids.ts). A third try, should the codes keep moving, names them.
  for (let attempt = 0; ; attempt++) {
    const byId = codes.length > 0 && attempt < 2;
    const used = codes.map(c => keptId(c.kind, c.code));
    const read = await runPage(em, {
      ...request,
      params: byId ? withIds(params, codes, used) : params,
      checks: byId ? codes : [],
    });
    if (byId) {
      // Every code's id as the statement saw it is noted, right or not.
      let stale = false;
      codes.forEach((c, i) => {
        const now = read[`${c.kind}Now`] ?? null;
        noteId(c.kind, c.code, now);
        if ((now ?? NO_ID) !== used[i]) stale = true;
      });
      if (stale) continue;
    }
    const rows = read.rows;
    const aggregate = extras.total || extras.containsIllustrative;
    return {
      rows,
      total: aggregate ? Number(read.total) : page.offset + rows.length,
      containsIllustrative: read.anyIllustrative === true,
    };
  }
}

interface OneCode {
  kind: CodeKind;
  code: string;
  /** Its place among the filter's parameters. */
  index: number;
}

/** The filter's parameters with each one code's place taken by its id. */
const withIds = (params: unknown[], codes: OneCode[], ids: number[]) =>
  params.map((value, i) => {
    const at = codes.findIndex(c => c.index === i);
    return at < 0 ? value : ids[at];
  });

/** The filter's one indicator code and one unit code (FILTER_SQL's last bits), where present. */
function oneCodes(mask: number, params: unknown[]): OneCode[] {
  const out: OneCode[] = [];
  let index = params.length;
  if (mask & (1 << ONE_UNIT_BIT)) {
    out.unshift({ kind: "unit", code: params[--index] as string, index });
  }
  if (mask & (1 << ONE_INDICATOR_BIT)) {
    out.unshift({ kind: "indicator", code: params[--index] as string, index });
  }
  return out;
}

type PageRead = {
  /** None when no row matched (columnRows). */
  rows: ObservationRow[];
  total?: string;
  anyIllustrative?: boolean | null;
} & Partial<Record<`${CodeKind}Now`, number | null>>;

/** The page's one statement; with `checks`, the filter names ids and the codes' ids come back too. */
async function runPage(
  em: EntityManager,
  {
    mask,
    datasets,
    params,
    orderBy,
    page,
    joins,
    fields,
    extras,
    checks,
  }: {
    mask: number;
    datasets: Dataset[];
    params: unknown[];
    orderBy: ObservationOrderName;
    page: { limit: number; offset: number };
    joins: Joins;
    fields: Set<string> | null;
    extras: PageExtras;
    checks: OneCode[];
  },
): Promise<PageRead> {
  const byId = checks.length > 0;
  const aggregate = extras.total || extras.containsIllustrative;
  const jsonColumns = observationJsonColumns(fields, joins);
  const order = ORDERINGS[orderBy];
  const s = statement(
    `observation-page|${mask}|${orderBy}|${aggregate}|${byId}|${shapeKey(fields, joins)}`,
    () => {
      const related = (["unit", "indicator", "source"] as const)
        .filter(r => joins[r])
        .map(r => {
          const alias = ROWS_ALIAS[r];
          const table = r === "unit" ? "administrative_unit" : r;
          return `${r === "source" ? "left " : ""}join ${table} ${alias} on ${alias}.id = o.${r}_id`;
        })
        .join(" ");
      const columns = observationColumnsSql(fields, joins);
      const page = order.byKey
        ? pageByKeySql(order.byKey, columns, mask, byId)
        : `select ${columns} from observation o where ${whereSql(mask, byId)}
          order by ${order.sql}, o.id asc limit ? offset ?`;
      const rows = `(select ${jsonColumnsSql(jsonColumns, `${order.outer}, o.id asc`)}
        from (${page}) o ${related})`;
      const selected = [
        `${rows} as rows`,
        ...checks.map(c => `${checkSql(c.kind)} as "${c.kind}Now"`),
      ];
      if (!aggregate) return `select ${selected.join(", ")}`;
      return `select ${selected.join(", ")}, a.total, a."anyIllustrative" from ${aggregateSql(mask, byId)} a`;
    },
  );
  const filterValues = [datasets, ...params];
  const values = order.byKey
    ? [...filterValues, page.limit + page.offset, page.limit, page.offset]
    : [...filterValues, page.limit, page.offset];
  values.push(...checks.map(c => c.code));
  if (aggregate) values.push(...filterValues);
  // Only the filter's data sets: a write to the other data set leaves the cached answer alone.
  // observation_count changes only with observation (its triggers), under the same tags.
  const tags = datasetTags("observation", datasets);
  const [read] = await narrowReads("observation_count", tags, () =>
    narrowReads("observation", tags, () =>
      runStatement<Omit<PageRead, "rows"> & { rows: unknown }>(em, s, values),
    ),
  );
  return { ...read, rows: columnRows<ObservationRow>(jsonColumns, read.rows) };
}
