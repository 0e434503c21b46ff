import { readFileSync } from "node:fs";

/**
 * CPU time (user + system, every thread: JS, GC, libuv) a process has used so far, in ms, from
 * /proc/<pid>/stat. The kernel counts it in clock ticks (USER_HZ, 100 on Linux), so a reading is
 * exact to 10 ms: divide a difference over a run by its many responses, not by one request.
 */
const TICK_MS = 10;

export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
