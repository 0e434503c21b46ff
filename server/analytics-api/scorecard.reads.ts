import type { EntityManager } from "@mikro-orm/postgresql";
import type { Comparator, Direction, Measure, TargetKind } from "../indicators/indicator.enums.js";
import type { SeriesIndicator, SeriesUnit } from "./series.service.js";

/** A target as the scorecard judges it: plain columns, no ORM entity (see buildScorecard). */
export interface TargetRow {
  id: number;
  programmeCode: string;
  programmeUnitId: number | null;
  alignedTargetId: number | null;
  kind: TargetKind;
  comparator: Comparator;
  value: number;
  baseYear: number | null;
  endYear: number;
  instrumentNumber: string | null;
  indicator: ScorecardIndicator;
}

export interface ScorecardIndicator extends SeriesIndicator {
  direction: Direction;
  nameVi: string;
  nameEn: string;
}

export interface ScorecardTargets {
  /** The programmes' targets, by programme code, number and part. */
  targets: TargetRow[];
  /** Targets of the units' own programmes that restate one of them, by id. */
  restating: TargetRow[];
  /** The nation (the benchmark column), or null when there is none. */
  national: SeriesUnit | null;
}

const COLUMNS = `t.id, p.code as programme_code, p.unit_id as programme_unit_id,
    t.aligned_target_id, t.kind, t.comparator, t.value, t.base_year, t.end_year,
    li.number as instrument_number, i.id as indicator_id, i.code as indicator_code,
    i.measure, i.multiplier, i.numerator_id, i.denominator_id, i.direction, i.name_vi, i.name_en`;
const FROM = `from target t join programme p on p.id = t.programme_id
    join indicator i on i.id = t.indicator_id
    left join legal_instrument li on li.id = p.instrument_id`;

/** The text of the statement for n programmes and m units, kept (it is the same every time). */
const statements = new Map<string, string>();
function statement(programmes: number, units: number): string {
  const key = `${programmes}|${units}`;
  let sql = statements.get(key);
  if (!sql) {
    const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");
    sql = `with chosen as (
        select ${COLUMNS}, false as restating,
          row_number() over (order by p.code, t.number, t.part) as k
        ${FROM} where p.code in (${marks(programmes)})
      ), restating as (
        select ${COLUMNS}, true as restating, row_number() over (order by t.id) as k
        ${FROM} where t.aligned_target_id in (select id from chosen) and p.unit_id in (${marks(units)})
      ), nation as (
        select id, code, valid_from::text as valid_from from administrative_unit
        where level = 'NATION' order by id limit 1
      )
      select r.*, n.id as nation_id, n.code as nation_code, n.valid_from as nation_valid_from
      from (select * from chosen union all select * from restating) r
      left join nation n on true
      order by restating, k`;
    if (statements.size > 200) statements.clear();
    statements.set(key, sql);
  }
  return sql;
}

interface Row {
  id: number;
  programme_code: string;
  programme_unit_id: number | null;
  aligned_target_id: number | null;
  kind: TargetKind;
  comparator: Comparator;
  value: number;
  base_year: number | null;
  end_year: number;
  instrument_number: string | null;
  indicator_id: number;
  indicator_code: string;
  measure: Measure;
  multiplier: number | null;
  numerator_id: number | null;
  denominator_id: number | null;
  direction: Direction;
  name_vi: string;
  name_en: string;
  restating: boolean;
  nation_id: number | null;
  nation_code: string | null;
  nation_valid_from: string | null;
}

/** One statement: the programmes' targets, those restating them for the units, the nation. */
export async function readScorecardTargets(
  em: EntityManager,
  programmeCodes: string[],
  unitIds: number[],
): Promise<ScorecardTargets> {
  const rows = await em
    .getConnection()
    .execute<Row[]>(statement(programmeCodes.length, unitIds.length), [
      ...programmeCodes,
      ...unitIds,
    ]);
  const first = rows[0];
  const national =
    first?.nation_id != null
      ? { id: first.nation_id, code: first.nation_code!, validFrom: first.nation_valid_from }
      : null;
  const targets: TargetRow[] = [];
  const restating: TargetRow[] = [];
  for (const row of rows) {
    (row.restating ? restating : targets).push(toTarget(row));
  }
  return { targets, restating, national };
}

function toTarget(r: Row): TargetRow {
  return {
    id: r.id,
    programmeCode: r.programme_code,
    programmeUnitId: r.programme_unit_id,
    alignedTargetId: r.aligned_target_id,
    kind: r.kind,
    comparator: r.comparator,
    value: Number(r.value),
    baseYear: r.base_year,
    endYear: r.end_year,
    instrumentNumber: r.instrument_number,
    indicator: {
      id: r.indicator_id,
      code: r.indicator_code,
      measure: r.measure,
      multiplier: r.multiplier === null ? null : Number(r.multiplier),
      numerator: r.numerator_id === null ? null : { id: r.numerator_id },
      denominator: r.denominator_id === null ? null : { id: r.denominator_id },
      direction: r.direction,
      nameVi: r.name_vi,
      nameEn: r.name_en,
    },
  };
}
