/**
 * Sparklines for the scorecard are tiny inline SVGs, not ECharts instances: dozens of them on
 * one page would each cost a canvas. Pure: points in, SVG path data out. Gaps (null) break the
 * line instead of being drawn as 0.
 */
export interface SparkPoint {
  year: number;
  value: number | null;
}

export interface SparklineGeometry {
  /** Path data ('M x y L x y ...'), one subpath per run of consecutive known values. */
  path: string;
  /** Dots for every known value, so a single isolated point is still visible. */
  dots: { x: number; y: number }[];
}

export function sparklineGeometry(
  points: SparkPoint[],
  width: number,
  height: number,
  pad = 2,
): SparklineGeometry {
  const known = points.filter(
    (p): p is { year: number; value: number } => p.value !== null && Number.isFinite(p.value),
  );
  if (known.length === 0) return { path: "", dots: [] };
  const years = points.map(p => p.year);
  const minYear = Math.min(...years);
  const maxYear = Math.max(...years);
  const values = known.map(p => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (year: number) =>
    maxYear === minYear
      ? width / 2
      : pad + ((year - minYear) / (maxYear - minYear)) * (width - 2 * pad);
  const y = (value: number) =>
    max === min ? height / 2 : height - pad - ((value - min) / (max - min)) * (height - 2 * pad);
  const round = (n: number) => Math.round(n * 10) / 10;
  const sorted = [...points].sort((a, b) => a.year - b.year);
  let path = "";
  let penDown = false;
  for (const p of sorted) {
    if (p.value === null || !Number.isFinite(p.value)) {
      penDown = false;
      continue;
    }
    path += `${penDown ? "L" : "M"}${round(x(p.year))} ${round(y(p.value))} `;
    penDown = true;
  }
  return {
    path: path.trim(),
    dots: known.map(p => ({ x: round(x(p.year)), y: round(y(p.value)) })),
  };
}
