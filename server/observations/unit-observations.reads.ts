import type { EntityManager } from "@mikro-orm/postgresql";
import type { GraphQLResolveInfo } from "graphql";
import { narrowReads, unitTags } from "../cache/read-tags.js";
import { soleFieldArguments } from "../graphql/look-ahead.js";
import { columnRows } from "../graphql/json-columns.js";
import { runStatement, statement } from "../graphql/sql-statement.js";
import {
  addUnitWithRelatedReader,
  joinedSql,
  joinShape,
  readUnitByCode,
  toUnitRow,
  unitColumnsSql,
  type UnitJoins,
  type UnitRow,
} from "../units/unit.reads.js";
import { keptId, NO_ID, noteId } from "./code-ids.js";
import { observationFields, observationJoins } from "./look-ahead.js";
import type { ObservationFilter } from "./observation.inputs.js";
import { unitObservationsParts, type ObservationRow } from "./observation.reads.js";

/**
 * `unit(code) { observations { ... } }` in ONE statement: the unit's row with its filtered
 * observations as one JSON array (with their indicator, unit and source columns when
 * look-ahead allows), from a subquery, instead of the unit and then its observations.
 *
 * The response cache must know, before the statement runs, which unit's observations it reads
 * (`observation:unit:<id>` tags, so a write to another unit leaves the answer cached). The id
 * of a code is therefore the one last seen (code-ids.ts), from the first read of that unit,
 * which takes the two-step path; the one statement then asks for `id = ? and code = ?`, so a
 * kept id that no longer matches its code finds no row, is forgotten, and the two-step path
 * answers.
 */
function remember(row: UnitRow | null): UnitRow | null {
  if (row) noteId("unit", row.code, row.id);
  return row;
}

function readUnitWithObservations(
  em: EntityManager,
  info: GraphQLResolveInfo,
  code: string,
  unitJoins: UnitJoins,
): Promise<UnitRow | null> | undefined {
  const args = soleFieldArguments(info, "observations");
  if (!args) return undefined;
  let parts: ReturnType<typeof unitObservationsParts>;
  const joins = observationJoins(em, info, ["observations"]);
  try {
    parts = unitObservationsParts(
      args.filter as ObservationFilter | null,
      joins,
      observationFields(info, ["observations"]),
    );
  } catch {
    // Bad input: the observations field reports it at its own path, as before.
    return undefined;
  }
  const id = keptId("unit", code);
  if (id === NO_ID) return readUnitByCode(em, code, unitJoins).then(remember);
  const s = statement(`unit-with-observations|${parts.shape}|${joinShape(unitJoins)}`, () => {
    const joined = joinedSql(unitJoins, "self");
    return `select ${unitColumnsSql("self")}${joined.columns},
        (select ${parts.aggregate} from ${parts.from} where o.unit_id = self.id and ${parts.where})
          as observations
      from administrative_unit self ${joined.from}
      where self.id = ? and self.code = ?`;
  });
  return narrowReads("observation", unitTags("observation", [id]), () =>
    runStatement<UnitRow & { observations: unknown }>(em, s, [...parts.params, id, code]),
  ).then(raw => {
    if (!raw.length) {
      noteId("unit", code, null);
      return readUnitByCode(em, code, unitJoins).then(remember);
    }
    const unit = toUnitRow(raw[0], unitJoins);
    unit.related = { observations: columnRows<ObservationRow>(parts.columns, raw[0].observations) };
    return unit;
  });
}

addUnitWithRelatedReader(readUnitWithObservations);
