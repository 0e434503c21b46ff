import { readFileSync } from "node:fs";

/**
 * `node dist/bench/profile.js <file.cpuprofile> [top]`: where a V8 CPU profile (from
 * `node --cpu-prof`, e.g. BENCH_PROFILE=<dir> in the peer section) spent its time, as self time
 * by package (node_modules/<name>, our own code by folder, V8 internals such as GC) and by
 * function. Idle time is left out, so the shares are of the CPU actually used.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: node dist/bench/profile.js <file.cpuprofile> [top]");
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) =>
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);

function area(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist\/([^/]+\/[^/]+)\//.exec(url);
  if (own) return `ours: ${own[1]}`;
  return url.startsWith("node:") ? "node core" : url.replace(/^.*\//, "");
}

const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const [id, us] of self) {
  const node = byId.get(id)!;
  const { functionName, url, lineNumber } = node.callFrame;
  if (functionName === "(idle)" || functionName === "(program)") continue;
  total += us;
  const a = area(url, functionName);
  byArea.set(a, (byArea.get(a) ?? 0) + us);
  const f = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^.*\/dist\//, "dist/")}:${lineNumber + 1}`;
  byFunction.set(f, (byFunction.get(f) ?? 0) + us);
}
const show = (map: Map<string, number>) =>
  [...map]
    .sort((x, y) => y[1] - x[1])
    .slice(0, top)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`)
    .join("\n");
console.log(`CPU used: ${(total / 1e6).toFixed(1)} s\n\nby area (self time):\n${show(byArea)}`);
console.log(`\nby function (self time):\n${show(byFunction)}`);
