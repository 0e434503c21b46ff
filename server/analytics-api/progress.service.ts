import {
  assessTarget,
  describeProgress,
  reasonWords,
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
  return {
    status: result.status as ProgressStatus,
    method: result.method,
    reason: result.reason,
    reasonText: result.reasonText,
    get reasonVi() {
      return reasonWords(result.reason, "vi");
    },
    get reasonEn() {
      return reasonWords(result.reason, "en");
    },
    components: {
      ...result.components,
      baseYear: result.components.baseYearUsed ?? result.components.baseYear,
      // The analytics' string unions have the same values as the GraphQL enums.
      direction: result.components.direction as Direction | null,
      comparator: result.components.comparator as Comparator | null,
      thresholds: result.components.thresholds,
    },
    get sentenceVi() {
      return describeProgress(result, "vi", {
        indicator: lowerFirst(indicator.nameVi),
        instrument: instrumentLabel(instrumentNumber),
        measure: indicator.measure,
      });
    },
    get sentenceEn() {
      return describeProgress(result, "en", {
        indicator: lowerFirst(indicator.nameEn),
        instrument: instrumentLabel(instrumentNumber),
        measure: indicator.measure,
      });
    },
    illustrative: points.some(
      p => p.illustrative && (used.length === 0 || used.some(u => u.year === p.year)),
    ),
  };
}

function lowerFirst(text: string): string {
  // Keep acronyms (TNLĐ, OSH) as they are; lower-case only an ordinary first word.
  return /^[A-ZĐ][a-zà-ỹ]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
