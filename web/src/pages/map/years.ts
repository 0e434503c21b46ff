/** Choosing the map's default year. Pure. */

/** The year most units have a value for (the latest such year): the fullest map to start with. */
export function bestCoveredYear(points: { year: number }[]): number | null {
  const counts = new Map<number, number>();
  for (const p of points) counts.set(p.year, (counts.get(p.year) ?? 0) + 1);
  let best: number | null = null;
  for (const [year, count] of counts) {
    const bestCount = best === null ? -1 : counts.get(best)!;
    if (count > bestCount || (count === bestCount && year > best!)) best = year;
  }
  return best;
}
