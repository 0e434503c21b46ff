import {
  assessTarget,
  describeProgress,
  reasonWords,
  type ProgressComponents,
  type ProgressResult,
} from "../analytics/index.js";
import {
  type Comparator,
  Direction,
  type Measure,
  type TargetKind,
} from "../indicators/indicator.enums.js";
import type { Progress, ProgressStatus, SeriesPointType } from "./progress.types.js";

/** What judging reads of a target: a Target entity or a plain row (scorecard.reads.ts). */
export interface JudgedTarget {
  kind: TargetKind;
  value: number;
  comparator: Comparator;
  baseYear?: number | null;
  endYear: number;
}

/** What judging reads of the target's indicator (direction, limit, names for the sentence). */
export interface JudgedIndicator {
  direction: Direction;
  measure: Measure;
  nameVi: string;
  nameEn: string;
}

/** Short names of instruments for sentences ("65 % of the pace NQ 19/NQ-CP requires"). */
export function instrumentLabel(number: string | null | undefined): string | null {
  if (!number) return null;
  return /^\d/.test(number) && /NQ/.test(number) ? `NQ ${number}` : number;
}

/**
 * Judges one target on a series with the pure analytics module and shapes the result for the
 * API: status, method, reason and every component, plus a sentence in each language. The words
 * (reasons, sentences) are getters: a scorecard judges hundreds of cells and most answers ask
 * for the status and a few components only, so the sentences are written when read.
 */
export function judge(
  target: JudgedTarget,
  indicator: JudgedIndicator,
  points: SeriesPointType[],
  instrumentNumber: string | null,
): Progress {
  const direction = indicator.direction === Direction.NONE ? null : indicator.direction;
  const result: ProgressResult = assessTarget({
    kind: target.kind,
    // The points themselves: the analytics copy what they keep (usablePoints).
    series: points,
    direction,
    requiredRate: target.kind === "ANNUAL_RATE" ? target.value / 100 : null,
    targetValue: target.kind === "ANNUAL_RATE" ? null : target.value,
    comparator: target.comparator,
    baseYear: target.baseYear ?? null,
    endYear: target.endYear,
    naturalLimit: indicator.measure === "PERCENT" ? 100 : null,
  });
  const used = result.components.pointsUsed;
  return new JudgedProgress(
    result,
    indicator,
    instrumentNumber,
    points.some(p => p.illustrative && (used.length === 0 || used.some(u => u.year === p.year))),
  );
}

/**
 * A judged target as the Progress type serves it. The words (reasons, sentences) are getters
 * on the prototype: a scorecard judges hundreds of cells and most answers ask for the status
 * and a few components only, so the sentences are written when read. (An object literal with
 * getters cost ~2 µs per cell to create in V8; a class instance costs next to nothing.)
 */
class JudgedProgress implements Progress {
  status: ProgressStatus;
  method: string;
  reason: string | null;
  reasonText: string | null;
  components: Progress["components"];
  illustrative: boolean;
  // Private (#): not own enumerable fields, so neither a spread nor JSON shows them.
  readonly #result: ProgressResult;
  readonly #indicator: JudgedIndicator;
  readonly #instrumentNumber: string | null;

  constructor(
    result: ProgressResult,
    indicator: JudgedIndicator,
    instrumentNumber: string | null,
    illustrative: boolean,
  ) {
    this.status = result.status as ProgressStatus;
    this.method = result.method;
    this.reason = result.reason;
    this.reasonText = result.reasonText;
    this.components = apiComponents(result.components);
    this.illustrative = illustrative;
    this.#result = result;
    this.#indicator = indicator;
    this.#instrumentNumber = instrumentNumber;
  }

  get reasonVi(): string | null {
    return reasonWords(this.#result.reason, "vi");
  }

  get reasonEn(): string | null {
    return reasonWords(this.#result.reason, "en");
  }

  get sentenceVi(): string {
    return this.#sentence("vi", this.#indicator.nameVi);
  }

  get sentenceEn(): string {
    return this.#sentence("en", this.#indicator.nameEn);
  }

  #sentence(lang: "vi" | "en", name: string): string {
    return describeProgress(this.#result, lang, {
      indicator: lowerFirst(name),
      instrument: instrumentLabel(this.#instrumentNumber),
      measure: this.#indicator.measure,
    });
  }

  /** Every field with the words written, as the object literal this class replaced gave JSON. */
  toJSON(): Progress {
    return {
      status: this.status,
      method: this.method,
      reason: this.reason,
      reasonText: this.reasonText,
      reasonVi: this.reasonVi,
      reasonEn: this.reasonEn,
      components: this.components,
      sentenceVi: this.sentenceVi,
      sentenceEn: this.sentenceEn,
      illustrative: this.illustrative,
    };
  }
}

/**
 * The components as the API gives them: the base year used, and every other field as the
 * analytics computed it. Written out field by field: spreading the 26 fields cost ~2 µs per
 * judged cell in V8, more than the judging.
 */
function apiComponents(c: ProgressComponents): Progress["components"] {
  // The fields the GraphQL type does not list (baseYearUsed, directedRate, limitFactor) are
  // kept, as the spread kept them.
  const out = {
    // The analytics' string unions have the same values as the GraphQL enums.
    direction: c.direction as Direction | null,
    baseYear: c.baseYearUsed ?? c.baseYear,
    baseYearDeclared: c.baseYearDeclared,
    baseYearUsed: c.baseYearUsed,
    baseValue: c.baseValue,
    latestYear: c.latestYear,
    latestValue: c.latestValue,
    endYear: c.endYear,
    observedRate: c.observedRate,
    requiredRate: c.requiredRate,
    directedRate: c.directedRate,
    ratio: c.ratio,
    thresholds: c.thresholds,
    requiredRemainingRate: c.requiredRemainingRate,
    targetPathValue: c.targetPathValue,
    requiredPathValueAtLatest: c.requiredPathValueAtLatest,
    projectedEndValue: c.projectedEndValue,
    shareOfRequiredProgress: c.shareOfRequiredProgress,
    targetValue: c.targetValue,
    comparator: c.comparator as Comparator | null,
    shortfall: c.shortfall,
    naturalLimit: c.naturalLimit,
    limitFactor: c.limitFactor,
    pointsUsed: c.pointsUsed,
    interval: c.interval,
    requiredPathInsideInterval: c.requiredPathInsideInterval,
  };
  return out;
}

function lowerFirst(text: string): string {
  // Keep acronyms (TNLĐ, OSH) as they are; lower-case only an ordinary first word.
  return /^[A-ZĐ][a-zà-ỹ]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
