import { median, type PeerRun } from "./peer.js";
import { formatMs as f1 } from "./drive.js";

const f0 = (n: number) => n.toFixed(0);

/** The side-by-side table of the peer section (bench/peer.ts) for RESULTS.md. */
export function peerSection(peer: PeerRun | undefined): string[] {
  if (!peer) return [];
  const out = [
    "### Side by side: ours against PostGraphile 5 and raw `pg` (cache off)",
    "",
    `Both servers on this database, each in its own process (ours with RESPONSE_CACHE=off and no SQL counter; PostGraphile 5.1.5,`,
    `amber preset, nothing tuned), each warmed up alike on each read (bench/warm-up.ts), driven in turn for ${peer.seconds} s per run, ${peer.rounds} interleaved round(s) (who goes first alternates),`,
    "medians shown. *raw pg* is the one hand-written statement each read needs, through a `pg` pool of 10 in the bench process",
    "(as many workers as connections): the floor. Rows are compared before timing. *Server CPU* is each server process's",
    "user + system time over a run divided by the requests it answered (from /proc): it varies far less with the machine's load.",
    "",
    ...peer.reads.map(
      r =>
        `- ${r.label}: ${r.rows} rows, ${r.same ? "same rows from both" : `**rows differ**: ${r.difference}`}`,
    ),
    "",
    "| read | c | ours req/s | ours p50 / p99 ms | PostGraphile req/s | PostGraphile p50 / p99 ms | ours / PostGraphile | raw pg req/s | raw pg p50 / p99 ms | ours p50 / raw p50 | server CPU ms/request ours / PG | RSS end ours / PG MB | load avg |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...peer.measures.map(m => {
      const o = {
        rps: median(m.ours.runs.map(r => r.requestsPerSecond)),
        p50: median(m.ours.runs.map(r => r.p50)),
        p99: median(m.ours.runs.map(r => r.p99)),
      };
      const p = {
        rps: median(m.peer.runs.map(r => r.requestsPerSecond)),
        p50: median(m.peer.runs.map(r => r.p50)),
        p99: median(m.peer.runs.map(r => r.p99)),
      };
      return (
        `| ${m.read} | ${m.connections} | ${f0(o.rps)} | ${f1(o.p50)} / ${f1(o.p99)} | ${f0(p.rps)} | ${f1(p.p50)} / ${f1(p.p99)} | ` +
        `**${(o.rps / p.rps).toFixed(2)}** | ${f0(m.raw.requestsPerSecond)} | ${f1(m.raw.p50)} / ${f1(m.raw.p99)} | ` +
        `${(o.p50 / Math.max(m.raw.p50, 0.1)).toFixed(1)}× | ` +
        `${median(m.ours.cpuMsPerRequest).toFixed(2)} / ${median(m.peer.cpuMsPerRequest).toFixed(2)} | ${f0(m.ours.rssEndMb)} / ${f0(m.peer.rssEndMb)} | ${m.loadAverages.map(l => l.toFixed(1)).join(", ")} |`
      );
    }),
    "",
    `RSS after start: ours ${f0(peer.oursStartRssMb)} MB, PostGraphile ${f0(peer.peerStartRssMb)} MB.`,
    "",
  ];
  return out;
}
