import type { EntityManager } from "@mikro-orm/postgresql";
import { ratePer, rememberedInterval } from "../analytics/index.js";
import { Dataset } from "../graphql/enums.js";
import { BinaryReader } from "../graphql/pg-binary.js";
import { runStatement, statement } from "../graphql/sql-statement.js";
import type { SeriesPointType } from "./progress.types.js";

/**
 * The chosen yearly values of one indicator for one unit, in ascending years: one value per
 * year, the official one where both data sets have one (officialWins).
 */
export interface YearValues {
  years: number[];
  /** Read only: a row of one data set shares one array of its flag (sameFlags). */
  official: readonly boolean[];
  values: number[];
}

/** indicator id -> unit code -> its values. */
export type Chosen = Map<number, Map<string, YearValues>>;

/**
 * A row's years. Nearly always a run of consecutive years (a generated series, a province that
 * reports every year): then a flag, the first year and the count, 9 bytes where the array was
 * 20 + 8 per year (a third of the statement's answer at bench scale 100, every byte of it base64
 * text to receive, copy and decode). Otherwise the flag and the array. The years of a row are
 * distinct and ascending (one value per year, aggregated in year order: the migration), so
 * "last − first = count − 1" is exactly "consecutive".
 */
const YEARS_SQL = `(case when cardinality(years) > 0
      and years[cardinality(years)] - years[1] = cardinality(years) - 1
    then boolsend(true) || int4send(years[1]) || int4send(cardinality(years))
    else boolsend(false) || array_send(years) end)`;

/**
 * The yearly totals of these indicators and units in these data sets, from
 * `observation_year_series` (Migration20261201070000): one row per indicator, unit and data set,
 * its approved yearly totals as two arrays in ascending years, kept by triggers in the writing
 * transaction. A few hundred rows by primary key, packed into ONE value: each row's indicator
 * id, unit id, official flag, years (YEARS_SQL) and values in PostgreSQL's binary send format, in base64
 * (decoded by Buffer and BinaryReader). Measured against the JSON this replaced, for the 34
 * provinces at bench scale 100 (all their series): decoding 0.3 ms instead of JSON.parse's
 * 0.8 ms, no float printed as digits and parsed back. Hex (bytea's own text form) is twice the
 * bytes and saved nothing. Walking `observation` itself, one index walk, sort and aggregate
 * per pair, cost ~9 ms of PostgreSQL for that scorecard.
 */
const OBSERVATIONS_SQL = `select encode(coalesce(string_agg(int4send(indicator_id)
      || int4send(unit_id) || boolsend(dataset = 'OFFICIAL') || ${YEARS_SQL}
      || array_send(vals), ''::bytea), ''::bytea), 'base64') as rows
  from observation_year_series
  where indicator_id = any(?::int[]) and unit_id = any(?::int[]) and dataset = any(?::text[])`;

/** The chosen values of these indicators for these units (code -> id), in one statement. */
export async function readChosen(
  em: EntityManager,
  indicatorIds: number[],
  unitIds: Map<string, number>,
  datasets: Dataset[],
): Promise<Chosen> {
  // On the primary, where analytics reads have always run (they see the request's own writes).
  const [row] = await runStatement<{ rows: string }>(
    em,
    statement(OBSERVATIONS_SQL, () => OBSERVATIONS_SQL, { prepared: true }),
    [indicatorIds, [...unitIds.values()], datasets],
    "write",
  );
  const codeById = new Map([...unitIds].map(([code, id]) => [id, code]));
  const chosen: Chosen = new Map();
  // Base64 (PostgreSQL breaks its lines, which Node's decoder skips): a third smaller than
  // bytea's hex, and decoded natively.
  const reader = new BinaryReader(Buffer.from(row.rows, "base64"));
  while (!reader.done) {
    const indicatorId = reader.int4();
    const unitId = reader.int4();
    const official = reader.bool();
    const years = reader.bool() ? yearRun(reader.int4(), reader.int4()) : reader.int4Array();
    const values = reader.float8Array();
    let byUnit = chosen.get(indicatorId);
    if (!byUnit) chosen.set(indicatorId, (byUnit = new Map()));
    const code = codeById.get(unitId)!;
    const mine = { years, official: sameFlags(official, years.length), values };
    const other = byUnit.get(code);
    byUnit.set(code, other ? officialFirst(other, mine) : mine);
  }
  return chosen;
}

/** `count` consecutive years from `first` (arguments in the order YEARS_SQL writes them). */
function yearRun(first: number, count: number): number[] {
  const years = new Array<number>(count);
  for (let i = 0; i < count; i++) years[i] = first + i;
  return years;
}

/**
 * `n` copies of one data set's flag, the same array for every row of that length (the rows of
 * one data set: a scorecard at bench scale 100 read ~700 rows, each with its own array of
 * twenty equal flags). Nobody writes to them: YearValues.official is read only.
 */
function sameFlags(official: boolean, n: number): readonly boolean[] {
  const shared = official ? OFFICIAL_FLAGS : ILLUSTRATIVE_FLAGS;
  if (n >= shared.length) return new Array<boolean>(n).fill(official);
  return (shared[n] ??= new Array<boolean>(n).fill(official));
}
const OFFICIAL_FLAGS: (readonly boolean[])[] = new Array(64);
const ILLUSTRATIVE_FLAGS: (readonly boolean[])[] = new Array(64);

/**
 * One value per year from a pair's two data sets, in ascending years: the official one where
 * both have a value (officialWins). Each argument holds one data set's values.
 */
export function officialFirst(a: YearValues, b: YearValues): YearValues {
  const out = { years: [] as number[], official: [] as boolean[], values: [] as number[] };
  let i = 0;
  let j = 0;
  while (i < a.years.length || j < b.years.length) {
    const takeA = j >= b.years.length || (i < a.years.length && a.years[i] < b.years[j]);
    const takeB = i >= a.years.length || (j < b.years.length && b.years[j] < a.years[i]);
    // Same year in both: the official one (only one of the two data sets is official).
    const from = takeA ? a : takeB ? b : a.official[i] ? a : b;
    const k = from === a ? i : j;
    out.years.push(from.years[k]);
    out.official.push(from.official[k]);
    out.values.push(from.values[k]);
    if (!takeB) i++;
    if (!takeA) j++;
  }
  return out;
}

/**
 * One unit's series as reported, straight from its chosen values: the same points that
 * asReportedCounts and the general path in series.service.ts give for a single unit (a value
 * per year with a count or a denominator, components [unit], the unit in missingFrom when its
 * count or, for a rate, its denominator is missing), without their per-unit maps and
 * intermediate points. A scorecard builds hundreds of these per request.
 */
export function asReportedPoints(
  code: string,
  nums: YearValues | undefined,
  dens: YearValues | undefined,
  rate: boolean,
  per: number,
): SeriesPointType[] {
  // One shape (components array, rate, per) for every point of the series: the answer only
  // reads them; a fresh pair of arrays per point was thousands of arrays per scorecard.
  const shape: SeriesShape = { components: [code], rate, per };
  const ny = nums?.years ?? [];
  const dy = rate ? (dens?.years ?? []) : [];
  // Sized once (pushing grew it two or three times over for a twenty-year series).
  const points = new Array<SeriesPointType>(mergedLength(ny, dy));
  let k = 0;
  // Both year lists ascend: merged, each year of either once, in order.
  for (let i = 0, j = 0; i < ny.length || j < dy.length;) {
    const year = j >= dy.length || (i < ny.length && ny[i] <= dy[j]) ? ny[i] : dy[j];
    const n = i < ny.length && ny[i] === year ? i++ : -1;
    const d = j < dy.length && dy[j] === year ? j++ : -1;
    const illustrative = (n >= 0 && !nums!.official[n]) || (d >= 0 && !dens!.official[d]);
    // As sumPoint adds them up from 0 (one component).
    const count = n < 0 ? null : 0 + nums!.values[n];
    if (!rate) {
      points[k++] = new ReportedPoint(year, count, illustrative, null, null, shape);
      continue;
    }
    const denominator = d < 0 ? null : 0 + dens!.values[d];
    const value = ratePer(count, denominator, per);
    points[k++] = new ReportedPoint(year, value, illustrative, count, denominator, shape);
  }
  // Always equal (the same merge); kept so that a slip could never leave holes in the answer.
  points.length = k;
  return points;
}

/** What the points of one as-reported series share. */
interface SeriesShape {
  /** [the unit's code]: the components of every point, and missingFrom where one is missing. */
  components: string[];
  rate: boolean;
  per: number;
}

/** missingFrom of a point with nothing missing (read only, shared). */
const NOTHING_MISSING: string[] = [];

/**
 * A point as reported. Its own fields are what judging and most answers read (year, value,
 * illustrative; a rate's count and denominator); its data set, interval, components, missing
 * units and gap follow from them and are worked out when read. A 34-province scorecard at bench
 * scale 100 makes ~7,000 points per request: five fields fewer each, and no interval object
 * unless one is read. JSON (toJSON) and GraphQL see every field, as for a plain object.
 */
class ReportedPoint implements SeriesPointType {
  readonly #shape: SeriesShape;

  constructor(
    public year: number,
    public value: number | null,
    public illustrative: boolean,
    /** A rate's count and denominator; null for a count (its count is the value). */
    public count: number | null,
    public denominator: number | null,
    shape: SeriesShape,
  ) {
    this.#shape = shape;
  }

  get dataset(): Dataset {
    return this.illustrative ? Dataset.ILLUSTRATIVE : Dataset.OFFICIAL;
  }

  get interval(): SeriesPointType["interval"] {
    return this.#shape.rate ? rateInterval(this.count, this.denominator, this.#shape.per) : null;
  }

  get components(): string[] {
    return this.#shape.components;
  }

  get missingFrom(): string[] {
    return this.#countMissing() || this.#denominatorMissing()
      ? this.#shape.components
      : NOTHING_MISSING;
  }

  get gap(): string | null {
    if (this.value !== null) return null;
    if (this.#countMissing()) return "COUNT_MISSING";
    return this.#denominatorMissing() ? "DENOMINATOR_MISSING" : "NOT_COMPUTABLE";
  }

  #countMissing(): boolean {
    return (this.#shape.rate ? this.count : this.value) === null;
  }

  #denominatorMissing(): boolean {
    return this.#shape.rate && this.denominator === null;
  }

  toJSON(): SeriesPointType {
    return {
      year: this.year,
      value: this.value,
      count: this.count,
      denominator: this.denominator,
      interval: this.interval,
      dataset: this.dataset,
      illustrative: this.illustrative,
      components: this.components,
      missingFrom: this.missingFrom,
      gap: this.gap,
    };
  }
}

/** How many distinct years two ascending year lists hold together. */
function mergedLength(a: readonly number[], b: readonly number[]): number {
  if (b.length === 0) return a.length;
  if (a.length === 0) return b.length;
  let n = 0;
  for (let i = 0, j = 0; i < a.length || j < b.length; n++) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) i++;
    else if (i >= a.length || b[j] < a[i]) j++;
    else {
      i++;
      j++;
    }
  }
  return n;
}

/**
 * A rate's 95 % interval: its count's exact Poisson interval, scaled by per / denominator (a new
 * object: the remembered one is shared). Null without a count or a denominator.
 */
export function rateInterval(count: number | null, denominator: number | null, per: number) {
  const interval = count !== null && denominator ? rememberedInterval(count) : null;
  if (!interval) return null;
  const factor = per / denominator!;
  return { lower: interval.lower * factor, upper: interval.upper * factor, level: interval.level };
}
