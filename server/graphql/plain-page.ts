import {
  MetadataStorage,
  type EntityClass,
  type EntityMetadata,
  type EntityProperty,
} from "@mikro-orm/core";
import { getMetadataStorage } from "type-graphql";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  getNamedType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
} from "graphql";
import { selectedFields } from "./look-ahead.js";
import { preloadedKey } from "./plain-fields.js";
import { runStatement, statement, type Statement } from "./sql-statement.js";

/**
 * A list page read as plain rows instead of managed entities, when the request's selection
 * allows it. Hydrating an entity costs ~40 µs of CPU (EntityFactory, identity map, unit of
 * work): 4-5 ms for a page of 100 monitoring results whose three columns the query builder
 * returns as plain objects in ~0.7 ms (bench scale 100, in process).
 *
 * A row serves a field when the field is
 * - a plain column: a persisted scalar property whose column the driver returns as the entity
 *   holds it (DRIVER_AS_ENTITY) and whose GraphQL field reads the property as it is (no
 *   resolver: plain-fields.ts);
 * - a many-to-one relation, whose resolver calls `.load()` on it: the row carries the related
 *   plain row (when its selection is plain columns, or relations whose selection is in turn,
 *   two levels deep: a result's site and the site's unit; read for the whole page in one
 *   statement per relation) or a reference to the related entity (a stub, loaded by the
 *   resolver, batched as before). A relation whose field reads a preloaded key (a unit's
 *   parent: plain-fields.ts) gets the related row under that key too;
 * - a field declared with servedByRowId, whose resolver reads only the row's id.
 * Anything else selected (a getter, a collection, a field with its own resolver over other
 * properties) keeps the entity path, which serves every field.
 */
export interface PlainPagePlan {
  /** Tells plans apart (select list and relations), e.g. in a loader's key. */
  key: string;
  /** Properties to select (columns, and the foreign keys of the references). */
  select: string[];
  /** The same as (column, property) pairs, for a statement that names each column as its property. */
  columns: [column: string, property: string][];
  /**
   * Many-to-one properties. With `related`, the selection reads only plain columns of the
   * related row, or relations of it that are themselves plain: those rows are read plain too,
   * one statement per relation for the whole page. Without, the row gets a reference to the
   * related entity (a stub, not loaded), which the field's resolver loads, batched, as for an
   * entity.
   */
  references: Reference[];
}

interface Reference {
  property: string;
  target: EntityClass<object>;
  related: RelatedPlan | null;
  /** Where the related row also goes when its field reads a preloaded key (plain-fields.ts). */
  preloadedKey: string | null;
}

interface RelatedPlan {
  primaryKey: string;
  /** The statement reading the related rows by id, each column named as its property. */
  statement: Statement;
  /** Its own many-to-one relations, each read plain (a related row is plain all the way). */
  references: Reference[];
}

/**
 * How deep related rows are read plain: a page's row, its relation, and that one's (a result's
 * site and the site's unit). Deeper selections load the relation as an entity.
 */
const MAX_RELATED_DEPTH = 2;

const NODE_PATHS = [["nodes"], ["edges", "node"]];
/**
 * Column types whose value from the driver is the entity's value as it is: text (enums
 * included), integers (serial ids too), double precision, boolean, date (kept as text by the ORM's
 * connection) and JSON. Not bigint or numeric (text from the driver, maybe a number on the
 * entity), nor timestamps.
 */
const DRIVER_AS_ENTITY =
  /^(?:varchar(?:\(\d+\))?|character varying(?:\(\d+\))?|text|smallint|int|int2|int4|integer|serial|double precision|float8|real|boolean|bool|date|jsonb?)$/;
// Per field node of a parsed query (Apollo keeps one parsed document per query text): the plan
// depends only on the selection, never on variables, so a repeated query finds it here.
const plans = new WeakMap<object, PlainPagePlan | null>();

const ID_ONLY = new Set<string>();

/**
 * Declares that the resolver of `typeName.field` reads nothing of its row but the id (a list
 * loaded by the row's id, e.g. a site's results): a plain row serves it. Call at module load,
 * beside the resolver.
 */
export function servedByRowId(typeName: string, field: string): void {
  ID_ONLY.add(`${typeName}.${field}`);
}

/** The plain-row plan for this connection's selection, or null when entities are needed. */
export function plainPagePlan(
  em: EntityManager,
  entityName: string,
  info: GraphQLResolveInfo,
): PlainPagePlan | null {
  return cached(info, () => makePlan(em, entityName, connectionNodeType(info), info, NODE_PATHS));
}

/**
 * The plain-row plan for a list field's selection (a site's results, an indicator's targets:
 * graphql/loaders.ts), or null when entities are needed.
 */
export function plainListPlan(
  em: EntityManager,
  entityName: string,
  info: GraphQLResolveInfo,
): PlainPagePlan | null {
  const type = getNamedType(info.returnType);
  return cached(info, () => makePlan(em, entityName, isObjectType(type) ? type : null, info, [[]]));
}

function cached(info: GraphQLResolveInfo, make: () => PlainPagePlan | null) {
  const node = info.fieldNodes.length === 1 ? info.fieldNodes[0] : null;
  if (node && plans.has(node)) return plans.get(node)!;
  const plan = make();
  if (node) plans.set(node, plan);
  return plan;
}

/** The plan for the rows of `type` selected at `paths` below the current field. */
function makePlan(
  em: EntityManager,
  entityName: string,
  type: GraphQLObjectType | null,
  info: GraphQLResolveInfo,
  paths: string[][],
): PlainPagePlan | null {
  const meta = em.getMetadata().find(entityName);
  if (!meta || !type) return null;
  const graphqlFields = type.getFields();
  const select = new Set<string>(meta.primaryKeys);
  const references: PlainPagePlan["references"] = [];
  for (const field of selectedAt(info, paths, [])) {
    if (field === "__typename") continue;
    const graphqlField = graphqlFields[field];
    if (!graphqlField) return null;
    // Its resolver reads only the row's id, which is always selected.
    if (ID_ONLY.has(`${type.name}.${field}`)) continue;
    const prop = propertyOf(meta, field);
    if (!prop) return null;
    if (isPlainColumn(prop) && graphqlField.resolve === undefined) {
      select.add(field);
    } else if (prop.kind === "m:1" && prop.ref && graphqlField.args.length === 0) {
      select.add(field);
      const relatedType = getNamedType(graphqlField.type);
      const related =
        isObjectType(relatedType) && prop.targetMeta
          ? relatedPlan(prop.targetMeta, relatedType, info, paths, [field])
          : null;
      references.push({
        property: field,
        target: prop.targetMeta!.class,
        related,
        preloadedKey: preloadedKey(type.name, field),
      });
    } else {
      return null;
    }
  }
  const key = JSON.stringify([[...select], referencesKey(references)]);
  const columns = [...select].map((p): [string, string] => [columnOf(meta, p)!, p]);
  return { key, select: [...select], columns, references };
}

/** The fields selected at `path` below each of `paths` (a connection's nodes and edges). */
function selectedAt(info: GraphQLResolveInfo, paths: string[][], path: string[]): Set<string> {
  const fields = new Set<string>();
  for (const base of paths) {
    for (const f of selectedFields(info, [...base, ...path]) ?? []) fields.add(f);
  }
  return fields;
}

const referencesKey = (references: Reference[]): unknown[] =>
  references.map(r => [
    r.property,
    r.related ? [r.related.statement.text, referencesKey(r.related.references)] : null,
  ]);

/**
 * The plan of a related row selected at `path`, when the selection reads only its plain columns
 * and many-to-one relations that are plain in turn (up to MAX_RELATED_DEPTH), else null.
 */
function relatedPlan(
  meta: EntityMetadata<object>,
  type: GraphQLObjectType,
  info: GraphQLResolveInfo,
  paths: string[][],
  path: string[],
): RelatedPlan | null {
  if (meta.primaryKeys.length !== 1) return null;
  const select = new Set<string>(meta.primaryKeys);
  const references: Reference[] = [];
  const graphqlFields = type.getFields();
  for (const field of selectedAt(info, paths, path)) {
    if (field === "__typename") continue;
    const prop = propertyOf(meta, field);
    const graphqlField = graphqlFields[field];
    if (!prop || !graphqlField) return null;
    if (isPlainColumn(prop) && graphqlField.resolve === undefined) {
      select.add(field);
      continue;
    }
    const relatedType = getNamedType(graphqlField.type);
    // A relation of a related row is read plain or not at all: a stub reference there would
    // reach resolvers (a unit's parent) that read a plain row their own way.
    const nested =
      path.length < MAX_RELATED_DEPTH &&
      prop.kind === "m:1" &&
      prop.ref &&
      prop.targetMeta &&
      graphqlField.args.length === 0 &&
      isObjectType(relatedType)
        ? relatedPlan(prop.targetMeta, relatedType, info, paths, [...path, field])
        : null;
    if (!nested) return null;
    select.add(field);
    references.push({
      property: field,
      target: prop.targetMeta!.class,
      related: nested,
      preloadedKey: preloadedKey(type.name, field),
    });
  }
  const columns = [...select].map(p => `"${columnOf(meta, p)!}" as "${p}"`).join(", ");
  const primaryKey = meta.primaryKeys[0];
  const key = columnOf(meta, primaryKey)!;
  const table = meta.schema ? `"${meta.schema}"."${meta.tableName}"` : `"${meta.tableName}"`;
  // Column and table names come from the ORM's metadata, never from the request.
  const text = `select ${columns} from ${table} where "${key}" = any(?)`;
  return { primaryKey, statement: statement(`related|${text}`, () => text), references };
}

type Property = EntityProperty<object>;

/** The column of a property of `meta` (its first), or undefined when it has none. */
export const columnOf = <T extends object>(
  meta: EntityMetadata<T>,
  property: string,
): string | undefined =>
  (meta.properties as Record<string, { fieldNames?: string[] } | undefined>)[property]
    ?.fieldNames?.[0];

function propertyOf(meta: EntityMetadata<object>, field: string): Property | undefined {
  const prop = meta.properties[field as keyof typeof meta.properties] as Property | undefined;
  return prop && prop.persist !== false && !prop.formula ? prop : undefined;
}

function isPlainColumn(prop: Property): boolean {
  return (
    prop.kind === "scalar" &&
    prop.fieldNames?.length === 1 &&
    prop.columnTypes?.length === 1 &&
    DRIVER_AS_ENTITY.test(prop.columnTypes[0])
  );
}

/** The object type of a connection's nodes (`XConnection.nodes: [X!]!`). */
function connectionNodeType(info: GraphQLResolveInfo) {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return null;
  const nodes = connection.getFields().nodes;
  const type = nodes ? getNamedType(nodes.type) : null;
  return type && isObjectType(type) ? type : null;
}

/** What a many-to-one field's resolver calls on a plain row's relation: the related plain row. */
class LoadedRow {
  constructor(private readonly row: Record<string, unknown>) {}
  load(): Record<string, unknown> {
    return this.row;
  }
}

/**
 * The rows as the plan reads them: each many-to-one id replaced by the related plain row (read
 * for the whole page at once, with its own relations) or by a reference to its entity; null
 * where there is none.
 */
export async function withRelations(
  em: EntityManager,
  rows: Record<string, unknown>[],
  plan: PlainPagePlan,
): Promise<Record<string, unknown>[]> {
  await attach(em, rows, plan.references);
  return rows;
}

async function attach(em: EntityManager, rows: Record<string, unknown>[], references: Reference[]) {
  await Promise.all(
    references.map(async ({ property, target, related, preloadedKey }) => {
      const byId = new Map<unknown, LoadedRow>();
      const ids = related ? [...new Set(rows.map(r => r[property]).filter(id => id != null))] : [];
      if (related && ids.length) {
        // Hand-written and kept per shape: the query builder cost ~1 ms of CPU a page.
        const relatedRows = await runStatement<Record<string, unknown>>(em, related.statement, [
          ids,
        ]);
        await attach(em, relatedRows, related.references);
        for (const r of relatedRows) byId.set(r[related.primaryKey], new LoadedRow(r));
      }
      for (const row of rows) {
        const id = row[property];
        if (!related) {
          row[property] =
            id === null || id === undefined
              ? null
              : em.getReference(target, id as never, { wrapped: true });
          continue;
        }
        const loaded = id === null || id === undefined ? null : (byId.get(id) ?? null);
        row[property] = loaded;
        // The field then answers from the row without calling its resolver.
        if (preloadedKey) row[preloadedKey] = loaded && loaded.load();
      }
    }),
  );
}

/**
 * Roots as they come for the fields a plain row may reach (many-to-one and servedByRowId
 * fields of entity types): type-graphql turns a plain root into `new Entity()` with the row's
 * properties assigned through the entity's setters, per row and per field, ~15 % of a page of
 * 100 monitoring results with their sites. Those resolvers read only the row's id or call
 * `.load()` on the relation, which a plain row (a related row or a reference) and an entity
 * both serve; an entity root was passed as it is anyway. Call once the schema is built.
 */
export function plainRowRoots(): void {
  const entities = new Map(
    Object.values(MetadataStorage.getMetadata()).map(meta => [meta.className, meta]),
  );
  const params = getMetadataStorage().params as {
    kind: string;
    methodName: string;
    getType?: () => unknown;
  }[];
  for (const param of params) {
    if (param.kind !== "root" || !param.getType) continue;
    const type = param.getType();
    const meta = typeof type === "function" ? entities.get(type.name) : undefined;
    if (!meta) continue;
    const prop = meta.properties[param.methodName as keyof typeof meta.properties] as
      Property | undefined;
    const reference = prop?.kind === "m:1" && prop.ref;
    if (reference || ID_ONLY.has(`${meta.className}.${param.methodName}`)) {
      param.getType = undefined;
    }
  }
}
