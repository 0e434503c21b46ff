/**
 * Growth arithmetic shared by the progress, trajectory and description code.
 */

/**
 * Compound annual growth rate, as in Open SDG's `growth_calculation`:
 * `CAGR = (v1 / v0)^(1 / (t1 − t0)) − 1`, a fraction per year (-0.026 = -2.6 %/year).
 *
 * Returns null instead of a number whenever the formula is undefined or meaningless: a zero or
 * non-finite value, values of different signs, or `t1 <= t0`. Open SDG swaps a zero base for
 * 0.001; we refuse, because the resulting rate would be an artefact of that choice.
 */
export function cagr(v0: number, v1: number, t0: number, t1: number): number | null {
  if (!Number.isFinite(v0) || !Number.isFinite(v1) || !(t1 > t0)) {
    return null;
  }
  if (v0 === 0) {
    return null;
  }
  const ratio = v1 / v0;
  // A negative ratio means a sign change; a fractional power of it is not a real number.
  if (ratio < 0) {
    return null;
  }
  return ratio ** (1 / (t1 - t0)) - 1;
}

/**
 * Value after compounding `rate` (fraction per year) for `years` years:
 * `value × (1 + rate)^years`. Used for target paths and projections.
 */
export function compound(value: number, rate: number, years: number): number {
  return value * (1 + rate) ** years;
}

/**
 * Relative tolerance for comparing computed numbers with cut-offs. A case designed to sit
 * exactly on a threshold (R = 0.95, a value equal to its target path) must not flip status
 * because of binary floating point, e.g. 0.96^5 × 3 = 2.4461…4 instead of …3.
 */
const RELATIVE_TOLERANCE = 1e-9;

/** `a >= b`, allowing for floating-point noise relative to the magnitudes involved. */
export function atLeast(a: number, b: number): boolean {
  return a >= b || Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** `a <= b`, with the same tolerance as {@link atLeast}. */
export function atMost(a: number, b: number): boolean {
  return atLeast(b, a);
}

/** Equality with the same tolerance as {@link atLeast}. */
export function nearlyEqual(a: number, b: number): boolean {
  return atLeast(a, b) && atLeast(b, a);
}
