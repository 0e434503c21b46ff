import { loadavg } from "node:os";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Role } from "../server/auth/user.entity.js";
import { createUserWithToken } from "../server/auth/user.service.js";
import { initOrm } from "../server/db/orm.js";
import { runAutocannon } from "./drive.js";
import { compareQuery, observationsQuery, scorecardQuery } from "./queries.js";

/** What the readers + writer scenario found (issue 14, item 3). */
export interface MixedRun {
  seconds: number;
  readers: number;
  writtenUnit: string;
  readsPerSecond: number;
  readP50: number;
  readP99: number;
  readErrors: number;
  writes: number;
  writeErrors: number;
  /** Reads sent right after a write's acknowledgement that still showed the old value. */
  staleReads: number;
  /** Median and worst time from sending the correction to the approval's acknowledgement. */
  writeMsP50: number;
  writeMsMax: number;
  loadAverage: number;
}

const WRITE_EVERY_MS = 200;
// A year the written unit existed in (the new provinces start on 2025-07-01); official values
// for it are not seeded, so the written value is the only one.
const YEAR = 2025;

/**
 * 32 anonymous readers (scorecard of 3 units, compare of 5, the first 100 observations, and the
 * scorecard of the written unit) against one writer who, every 200 ms, corrects one official
 * value of another unit (a DRAFT) and has it approved by a second steward, then reads it
 * anonymously at once: that read must show the new value.
 */
export async function runMixed(
  serverUrl: string,
  databaseUrl: string,
  units: { scorecard: string[]; compare: string[]; written: string },
  seconds: number,
  readers = 32,
): Promise<MixedRun> {
  const orm = await initOrm({ clientUrl: databaseUrl, poolMax: 2 });
  const stamp = Date.now();
  let author: string;
  let reviewer: string;
  try {
    const em = () => orm.em.fork() as EntityManager;
    const make = (name: string) =>
      createUserWithToken(
        em(),
        { name: `${name} ${stamp}`, role: Role.STEWARD, units: [units.written] },
        null,
      );
    author = (await make("Bench author")).token;
    reviewer = (await make("Bench reviewer")).token;
  } finally {
    await orm.close();
  }
  const gql = async <T>(query: string, variables: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${serverUrl}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (!res.ok || body.errors?.length || !body.data) {
      throw new Error(body.errors?.map(e => e.message).join("; ") ?? `HTTP ${res.status}`);
    }
    return body.data;
  };
  const approve = (id: number) =>
    gql(`mutation($id: Int!) { approveObservation(id: $id) { id } }`, { id }, reviewer);
  const created = await gql<{ createObservation: { id: number } }>(
    `mutation($input: CreateObservationInput!) { createObservation(input: $input) { id } }`,
    {
      input: {
        indicator: "oa-accidents",
        unit: units.written,
        year: YEAR,
        value: 1,
        source: "moj-nq19",
      },
    },
    author,
  );
  const id = created.createObservation.id;
  await approve(id);
  const readBack = async () =>
    (
      await gql<{ observations: { nodes: { value: number }[] } }>(
        `{ observations(filter: { indicators: ["oa-accidents"], units: ["${units.written}"], yearFrom: ${YEAR}, yearTo: ${YEAR} }) { nodes { value } } }`,
        {},
      )
    ).observations.nodes[0]?.value;

  const loadAverage = loadavg()[0];
  let running = true;
  let writes = 0;
  let writeErrors = 0;
  let staleReads = 0;
  const writeMs: number[] = [];
  const writer = (async () => {
    for (let value = 2; running; value++) {
      const started = performance.now();
      try {
        await gql(
          `mutation($id: Int!, $patch: ObservationPatch!) { updateObservation(id: $id, patch: $patch) { id } }`,
          { id, patch: { value } },
          author,
        );
        await approve(id);
        writeMs.push(performance.now() - started);
        writes++;
        if ((await readBack()) !== value) staleReads++;
      } catch {
        writeErrors++;
      }
      const rest = WRITE_EVERY_MS - (performance.now() - started);
      if (rest > 0) await new Promise(r => setTimeout(r, rest));
    }
  })();
  const { result, latency } = await runAutocannon({
    url: `${serverUrl}/graphql`,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: [
      scorecardQuery(units.scorecard),
      compareQuery(units.compare),
      observationsQuery,
      scorecardQuery([units.written]),
    ].map(q => ({ method: "POST" as const, body: q.body })),
    connections: readers,
    duration: seconds,
    timeout: 30,
  });
  running = false;
  await writer;
  writeMs.sort((a, b) => a - b);
  return {
    seconds,
    readers,
    writtenUnit: units.written,
    readsPerSecond: result.requests.average,
    readP50: latency.p50,
    readP99: latency.p99,
    readErrors: result.errors + result.timeouts + result.non2xx,
    writes,
    writeErrors,
    staleReads,
    writeMsP50: writeMs[Math.floor(writeMs.length / 2)] ?? NaN,
    writeMsMax: writeMs.at(-1) ?? NaN,
    loadAverage,
  };
}
