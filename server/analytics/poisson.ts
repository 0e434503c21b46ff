/**
 * Exact (Garwood) Poisson confidence intervals, with the special functions they need written
 * out here so the module stays dependency-free.
 */
import type { Interval } from "./types.js";

/** Lanczos approximation (g = 7, n = 9); relative error about 1e-15 for x > 0. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** Natural log of the gamma function, for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection keeps the approximation in its accurate range.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) {
    sum += (LANCZOS[i] as number) / (z + i);
  }
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPS = 1e-15;
const MAX_ITER = 1000;

/**
 * Regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0.
 * Series expansion below a + 1, Lentz continued fraction for the upper tail above it
 * (Numerical Recipes `gser`/`gcf`), which keeps both branches fast and accurate.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) {
    return 0;
  }
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITER; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) {
        break;
      }
    }
    return sum * Math.exp(logPrefix);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    d = Math.abs(d) < tiny ? tiny : d;
    c = b + an / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) {
      break;
    }
  }
  return 1 - Math.exp(logPrefix) * h;
}

/**
 * Quantile of the chi-square distribution with `df` degrees of freedom: the x with
 * P(df/2, x/2) = p. Found by bisection, which cannot diverge and converges in about 100
 * halvings to full double precision; the CDF is monotone, so the bracket is always valid.
 * Returns 0 for p = 0 and for df = 0 (the degenerate distribution at 0).
 */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(p >= 0 && p < 1) || !(df >= 0)) {
    throw new RangeError(`chiSquareQuantile needs 0 <= p < 1 and df >= 0, got p=${p}, df=${df}`);
  }
  if (p === 0 || df === 0) {
    return 0;
  }
  const shape = df / 2;
  const cdf = (x: number): number => regularizedGammaP(shape, x / 2);
  let lo = 0;
  let hi = Math.max(1, df);
  while (cdf(hi) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

/**
 * Exact (Garwood, 1936) confidence interval for the mean of a Poisson count k:
 * `lower = chi2inv(α/2, 2k) / 2` (0 when k = 0) and `upper = chi2inv(1 − α/2, 2k + 2) / 2`,
 * with α = 1 − level. In events, e.g. k = 10 → 4.795 to 18.39; k = 0 → 0 to 3.689.
 *
 * Returns null when `count` is null, negative, non-integer or not finite: an interval for a
 * value that is not a count would look precise and mean nothing. Throws RangeError only for a
 * `level` outside (0, 1), which is a programming error, not a data problem.
 */
export function poissonInterval(count: number | null, level = 0.95): Interval | null {
  const known = rememberedInterval(count, level);
  return known && { ...known };
}

/**
 * {@link poissonInterval} without the copy: the remembered interval itself, which the caller
 * must not change (series building scales it into a new object at once).
 */
export function rememberedInterval(count: number | null, level = 0.95): Readonly<Interval> | null {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`poissonInterval needs 0 < level < 1, got ${level}`);
  }
  if (count === null || !Number.isInteger(count) || count < 0) {
    return null;
  }
  // Two bisections of ~100 incomplete-gamma evaluations each, for the same few thousand counts
  // on every scorecard: remembered (a pure function of count and level; bounded memory).
  let byCount = intervals.get(level);
  if (!byCount) intervals.set(level, (byCount = new Map()));
  const known = byCount.get(count);
  if (known) return known;
  const alpha = 1 - level;
  const lower = count === 0 ? 0 : chiSquareQuantile(alpha / 2, 2 * count) / 2;
  const upper = chiSquareQuantile(1 - alpha / 2, 2 * count + 2) / 2;
  if (byCount.size >= MAX_REMEMBERED) byCount.clear();
  const made = { lower, upper, level };
  byCount.set(count, made);
  return made;
}

const MAX_REMEMBERED = 20_000;
/** level -> count -> interval (no string key per look-up). */
const intervals = new Map<number, Map<number, Interval>>();
