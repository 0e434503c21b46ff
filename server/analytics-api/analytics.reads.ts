import type { EntityManager } from "@mikro-orm/postgresql";
import { BadInputError } from "../graphql/errors.js";
import { checkCodes } from "../graphql/validate.js";
import type { Comparator, Direction, Measure, TargetKind } from "../indicators/indicator.enums.js";
import type { UnitRow } from "../units/unit.reads.js";
import { runStatement, statement } from "../graphql/sql-statement.js";
import type { LineageRow } from "./series.service.js";

/**
 * Everything the series, compare and scorecard queries look up before their observations, in
 * ONE statement of plain rows (no ORM entity, no query builder): the units by code, the
 * indicators by code, the lineage (harmonised series only), compare's target and the
 * scorecard's targets with the nation. Each part is a JSON value of one result row, so parts of
 * different shapes travel together and are parsed by JSON.parse. The statement text names only
 * the tables its parts read (the response cache tags answers by the tables named).
 *
 * Each statement costs a socket write and a wake-up of PostgreSQL on both sides (about a fifth
 * of the CPU of a compare in the profile), and an ORM find builds its SQL through knex and
 * hydrates managed entities; this replaces three or four of them per request.
 */

/** A unit as a plain row that the AdministrativeUnit type serves (see units/unit.reads.ts). */
export class PlainUnit implements UnitRow {
  id!: number;
  code!: string;
  nameVi!: string;
  nameEn!: string;
  level!: string;
  kind!: string;
  validFrom!: string | null;
  validTo!: string | null;
  parentId!: number | null;
  successorId!: number | null;
  /** The AdministrativeUnit type's `key`, as the entity's getter gives it. */
  get key(): string {
    return String(this.id);
  }
}

/**
 * An indicator as a plain row that the Indicator type serves: every column, and `numerator` /
 * `denominator` as references with the `id` the series reads and the `load()` that the
 * Indicator type's field resolvers call (indicators/indicator.resolver.ts).
 */
export interface PlainIndicator {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  measure: Measure;
  direction: Direction;
  category: string;
  definitionVi: string | null;
  definitionEn: string | null;
  multiplier: number | null;
  sdg: string | null;
  note: string | null;
  noteVi: string | null;
  numerator: IndicatorReference | null;
  denominator: IndicatorReference | null;
}
export interface IndicatorReference {
  id: number;
  load(): Promise<unknown>;
}

/** What compare reads of its target to draw trajectories; the entity is read only if asked. */
export interface PlainTarget {
  id: number;
  kind: TargetKind;
  value: number;
  baseYear: number | null;
  endYear: number;
}

/** A scorecard target (or one restating it) with what judging reads, as scorecard.reads.ts had it. */
export interface ScorecardTargetJson {
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
  indicatorId: number;
}

export interface LookupRequest {
  /** Unit codes as asked; checked as units/unit.rules.ts `unitsByCode` checks them. */
  units: string[];
  unitsField?: string;
  indicators?: string[];
  indicatorsField?: string;
  harmonised: boolean;
  /** compare: the target on the (first) indicator in this programme. */
  targetProgramme?: string | null;
  /** scorecard: the programmes' targets, those of the units' programmes restating them, the nation. */
  programmes?: string[];
}

export interface Lookup {
  units: PlainUnit[];
  /** In the order asked. */
  indicators: PlainIndicator[];
  /** Indicators the scorecard's targets measure, by id. */
  targetIndicators: Map<number, PlainIndicator>;
  lineage: LineageRow[];
  target: PlainTarget | null;
  targets: ScorecardTargetJson[];
  restating: ScorecardTargetJson[];
  nation: PlainUnit | null;
}

const UNIT_JSON = (a: string) => `json_build_object('id', ${a}.id, 'code', ${a}.code,
  'nameVi', ${a}.name_vi, 'nameEn', ${a}.name_en, 'level', ${a}.level, 'kind', ${a}.kind,
  'validFrom', ${a}.valid_from, 'validTo', ${a}.valid_to, 'parentId', ${a}.parent_id,
  'successorId', ${a}.successor_id)`;
const INDICATOR_JSON = (a: string) => `json_build_object('id', ${a}.id, 'code', ${a}.code,
  'nameVi', ${a}.name_vi, 'nameEn', ${a}.name_en, 'measure', ${a}.measure,
  'direction', ${a}.direction, 'category', ${a}.category, 'definitionVi', ${a}.definition_vi,
  'definitionEn', ${a}.definition_en, 'multiplier', ${a}.multiplier, 'sdg', ${a}.sdg,
  'note', ${a}.note, 'noteVi', ${a}.note_vi, 'numeratorId', ${a}.numerator_id,
  'denominatorId', ${a}.denominator_id)`;
const TARGET_JSON = (a: string) => `json_build_object('id', ${a}.id,
  'programmeCode', ${a}.programme_code, 'programmeUnitId', ${a}.programme_unit_id,
  'alignedTargetId', ${a}.aligned_target_id, 'kind', ${a}.kind, 'comparator', ${a}.comparator,
  'value', ${a}.value, 'baseYear', ${a}.base_year, 'endYear', ${a}.end_year,
  'instrumentNumber', ${a}.instrument_number, 'indicatorId', ${a}.indicator_id)`;
const TARGET_COLUMNS = `t.id, t.aligned_target_id, t.kind, t.comparator, t.value, t.base_year,
  t.end_year, t.indicator_id, t.number, t.part, p.code as programme_code,
  p.unit_id as programme_unit_id, li.number as instrument_number
  from target t join programme p on p.id = t.programme_id
  left join legal_instrument li on li.id = p.instrument_id`;

const PARTS = {
  units: `(select coalesce(json_agg(${UNIT_JSON("u")}), '[]') from administrative_unit u
    where u.code = any(?::text[])) as units`,
  indicators: `(select coalesce(json_agg(${INDICATOR_JSON("i")}), '[]') from indicator i
    where i.code = any(?::text[])) as indicators`,
  lineage: `(select coalesce(json_agg(json_build_object('predecessor_id', p.id,
      'predecessor', p.code, 'successor', s.code,
      'effective_year', extract(year from l.effective_on)::int) order by l.id), '[]')
    from unit_lineage l join administrative_unit p on p.id = l.predecessor_id
    join administrative_unit s on s.id = l.successor_id) as lineage`,
  // As compare's em.findOne gave it: the programme's first target on the indicator by part.
  target: `(select json_build_object('id', t.id, 'kind', t.kind, 'value', t.value,
      'baseYear', t.base_year, 'endYear', t.end_year)
    from target t join programme p on p.id = t.programme_id join indicator i on i.id = t.indicator_id
    where i.code = ? and p.code = ? order by t.part asc, t.id limit 1) as target`,
  // The programmes' targets by programme code, number and part; the targets of the units' own
  // programmes restating one of them, by id; the indicators of both; the nation (benchmark).
  scorecard: `(with chosen as (select ${TARGET_COLUMNS} where p.code = any(?::text[])),
    restating as (select ${TARGET_COLUMNS}
      where t.aligned_target_id in (select id from chosen)
        and p.unit_id in (select u.id from administrative_unit u where u.code = any(?::text[])))
    select json_build_object(
      'targets', (select coalesce(json_agg(${TARGET_JSON("c")}
        order by c.programme_code, c.number, c.part), '[]') from chosen c),
      'restating', (select coalesce(json_agg(${TARGET_JSON("r")} order by r.id), '[]')
        from restating r),
      'indicators', (select coalesce(json_agg(${INDICATOR_JSON("i")}), '[]') from indicator i
        where i.id in (select indicator_id from chosen union select indicator_id from restating)),
      'nation', (select ${UNIT_JSON("u")} from administrative_unit u where u.level = 'NATION'
        order by u.id limit 1))) as scorecard`,
};
type Part = keyof typeof PARTS;

const statements = new Map<string, string>();
function statementFor(parts: Part[]): string {
  const key = parts.join(",");
  let text = statements.get(key);
  if (!text) {
    text = `select ${parts.map(p => PARTS[p]).join(",\n  ")}`;
    statements.set(key, text);
  }
  return text;
}

interface LookupRow {
  units?: UnitJson[];
  indicators?: IndicatorJson[];
  lineage?: LineageRow[];
  target?: PlainTarget | null;
  scorecard?: {
    targets: ScorecardTargetJson[];
    restating: ScorecardTargetJson[];
    indicators: IndicatorJson[];
    nation: UnitJson | null;
  };
}
type UnitJson = Omit<PlainUnit, "key">;
type IndicatorJson = Omit<PlainIndicator, "numerator" | "denominator"> & {
  numeratorId: number | null;
  denominatorId: number | null;
};

/**
 * The one lookup statement, with the refusals of the paths it replaces, in their order: unknown
 * indicators (series, compare) before the unit list's rules and unknown units, and unknown units
 * before unknown programmes (scorecard, which checks them in buildScorecard).
 */
export async function lookUp(
  em: EntityManager,
  request: LookupRequest,
  loadIndicator: (id: number) => Promise<unknown>,
): Promise<Lookup> {
  const unitsField = request.unitsField ?? "units";
  let unitProblem: unknown = null;
  try {
    checkCodes(request.units, unitsField, 200);
    if (!request.units.length) {
      throw new BadInputError(`${unitsField} must name at least one unit`, unitsField);
    }
  } catch (error) {
    unitProblem = error;
  }
  const parts: Part[] = [];
  const params: unknown[] = [];
  if (!unitProblem) {
    parts.push("units");
    params.push(request.units);
  }
  if (request.indicators) {
    parts.push("indicators");
    params.push(request.indicators);
  }
  if (request.harmonised && !unitProblem) parts.push("lineage");
  if (request.targetProgramme && request.indicators?.length && !unitProblem) {
    parts.push("target");
    params.push(request.indicators[0], request.targetProgramme);
  }
  if (request.programmes && !unitProblem) {
    parts.push("scorecard");
    params.push(request.programmes, request.units);
  }
  const row = parts.length ? await run(em, statementFor(parts), params) : {};

  const toIndicator = (i: IndicatorJson): PlainIndicator => {
    const { numeratorId, denominatorId, ...columns } = i;
    return {
      ...columns,
      numerator: reference(numeratorId, loadIndicator),
      denominator: reference(denominatorId, loadIndicator),
    };
  };
  let indicators: PlainIndicator[] = [];
  if (request.indicators) {
    const byCode = new Map((row.indicators ?? []).map(i => [i.code, i]));
    const field = request.indicatorsField ?? "indicators";
    indicators = request.indicators.map(code => {
      const found = byCode.get(code);
      if (!found) throw new BadInputError(`Unknown indicator "${code}"`, field);
      return toIndicator(found);
    });
  }
  if (unitProblem) throw unitProblem;

  const unitByCode = new Map((row.units ?? []).map(u => [u.code, u]));
  const missing = request.units.filter(c => !unitByCode.has(c));
  if (missing.length) {
    throw new BadInputError(`Unknown unit ${missing.map(c => `"${c}"`).join(", ")}`, unitsField);
  }
  return {
    units: [...new Set(request.units)].map(c => toUnit(unitByCode.get(c)!)),
    indicators,
    targetIndicators: new Map((row.scorecard?.indicators ?? []).map(i => [i.id, toIndicator(i)])),
    lineage: row.lineage ?? [],
    target: row.target ?? null,
    targets: row.scorecard?.targets ?? [],
    restating: row.scorecard?.restating ?? [],
    nation: row.scorecard?.nation ? toUnit(row.scorecard.nation) : null,
  };
}

function toUnit(u: UnitJson): PlainUnit {
  return Object.assign(new PlainUnit(), u);
}

function reference(
  id: number | null,
  load: (id: number) => Promise<unknown>,
): IndicatorReference | null {
  return id === null ? null : { id, load: () => load(id) };
}

/**
 * The one lookup row, read on the primary as analytics reads always were (the response cache
 * and the SQL count still see it: graphql/sql-statement.ts). `text` is kept per text, and
 * prepared: its plan is primary-key probes whatever the codes asked.
 */
async function run(em: EntityManager, text: string, params: unknown[]): Promise<LookupRow> {
  const [row] = await runStatement<LookupRow>(
    em,
    statement(text, () => text, { prepared: true }),
    params,
    "write",
  );
  return row;
}
