import { foldedColumnSql, foldedLike } from "../graphql/fold.js";
import type { EntityManager, Knex } from "@mikro-orm/postgresql";
import type { GraphQLResolveInfo } from "graphql";
import { plainColumns, selectedFields } from "../graphql/look-ahead.js";
import { unitWhere, type UnitFilter, type UnitOrder } from "./unit.inputs.js";

/**
 * Units read as plain rows (see observation.reads.ts for why): used when every field a request
 * selects on a unit is a plain column or one of the relations whose resolvers accept a row.
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
}

/** True for a plain row from this file, false for a managed AdministrativeUnit entity. */
export function isUnitRow(u: object): u is UnitRow {
  return "parentId" in u;
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

const COLUMNS = [
  "u.id",
  "u.code",
  "u.name_vi as nameVi",
  "u.name_en as nameEn",
  "u.level",
  "u.kind",
  "u.valid_from as validFrom",
  "u.valid_to as validTo",
  "u.parent_id as parentId",
  "u.successor_id as successorId",
];

const ORDER_SQL: Record<UnitOrder, string> = {
  CODE_ASC: "u.code asc",
  CODE_DESC: "u.code desc",
  NAME_ASC: "u.name_vi asc",
  NAME_DESC: "u.name_vi desc",
  VALID_FROM_ASC: "u.valid_from asc, u.code asc",
};

function applyFilter(q: Knex.QueryBuilder, filter: UnitFilter | null | undefined) {
  unitWhere(filter); // the same validation and coded errors as the entity path
  const f = filter ?? {};
  if (f.codes) q.whereIn("u.code", f.codes);
  if (f.level) q.andWhere("u.level", f.level);
  if (f.kind) q.andWhere("u.kind", f.kind);
  if (f.asOf) {
    const asOf = f.asOf;
    q.andWhere(w => w.whereNull("u.valid_from").orWhere("u.valid_from", "<=", asOf));
    q.andWhere(w => w.whereNull("u.valid_to").orWhere("u.valid_to", ">=", asOf));
  }
  if (f.search) {
    // Diacritics and case ignored, as in the entity path ("hai duong" finds Hải Dương).
    const like = foldedLike(f.search);
    q.andWhere(w =>
      w
        .whereRaw(`${foldedColumnSql("u.name_vi")} like ?`, [like])
        .orWhereRaw(`${foldedColumnSql("u.name_en")} like ?`, [like]),
    );
  }
  return q;
}

/** One page of units and the total, in one statement. */
export async function readUnitPage(
  em: EntityManager,
  filter: UnitFilter | null | undefined,
  orderBy: UnitOrder,
  page: { limit: number; offset: number },
): Promise<{ rows: UnitRow[]; total: number }> {
  const knex = em.getKnex("read");
  const q = applyFilter(knex("administrative_unit as u"), filter)
    .select([...COLUMNS, knex.raw("count(*) over () as total")])
    .orderByRaw(`${ORDER_SQL[orderBy]}, u.id asc`)
    .limit(page.limit)
    .offset(page.offset);
  const raw = await em.getConnection("read").execute<(UnitRow & { total: string })[]>(q);
  if (raw.length || page.offset === 0) {
    return { rows: raw.map(toRow), total: raw.length ? Number(raw[0].total) : 0 };
  }
  const [counted] = await em
    .getConnection("read")
    .execute<{ total: string }[]>(
      applyFilter(knex("administrative_unit as u"), filter).count({ total: "*" }),
    );
  return { rows: [], total: Number(counted.total) };
}

export async function readUnitByCode(em: EntityManager, code: string): Promise<UnitRow | null> {
  const q = em.getKnex("read")("administrative_unit as u").select(COLUMNS).where("u.code", code);
  const [row] = await em.getConnection("read").execute<UnitRow[]>(q);
  return row ? toRow(row) : null;
}

const toRow = (r: UnitRow): UnitRow => ({
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
});
