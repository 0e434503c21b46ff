import type { AfterWriteRound } from "./after-write.js";
import { formatMs as ms } from "./drive.js";

/** The report's table of summaries asked right after a write (bench/after-write.ts). */
export function afterWriteSection(rounds: AfterWriteRound[] | undefined): string[] {
  if (!rounds?.length) return [];
  const summaries = [...new Set(rounds.map(r => r.summary))];
  return [
    "### Summaries right after a write (cache off)",
    "",
    "One row written (an update that changes nothing, which still fires the triggers), then the summary asked at once",
    "and once more. The write makes the rollup stale: the first answer waits for the rebuild of the written unit (or,",
    "when the next rebuild is whole, reads the raw tables); the second reads the rebuilt rollup.",
    "",
    "| summary | written table | write ms | first answer ms, each round | next answer ms, each round | errors |",
    "|---|---|---|---|---|---|",
    ...summaries.map(summary => {
      const of = rounds.filter(r => r.summary === summary);
      const errors = of.flatMap(r => r.errors);
      return `| ${summary} | ${of[0].table} | ${of.map(r => ms(r.writeMs)).join(", ")} | ${of.map(r => ms(r.firstMs)).join(", ")} | ${of.map(r => ms(r.nextMs)).join(", ")} | ${errors.length ? errors.slice(0, 3).join("; ") : "0"} |`;
    }),
    "",
  ];
}
