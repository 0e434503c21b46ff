import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../server/app.js";
import { Role } from "../../server/auth/user.entity.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";

/**
 * Hostile CSV imports over real HTTP (issue 12): a file must be refused at its limit without
 * freezing the server for everyone else, and must never be half-read or silently mangled.
 */
let app: RunningApp;
let url: string;
let steward: TestUser;
beforeAll(async () => {
  url = await createTestDatabase("importlimits");
  app = await startApp({ databaseUrl: url, port: 0, production: true, illustrative: false });
  steward = await makeUser(app.orm, "Steward HD", Role.STEWARD, ["hai-duong-63"]);
});
afterAll(async () => {
  await app?.close();
  await dropTestDatabase(url);
});

const ACC_HEAD = "unit,year,accidents,fatal_accidents,deaths,seriously_injured,victims,sector\n";
const IMPORT = `mutation($layout: ImportLayout!, $csv: String!, $dryRun: Boolean, $source: Code) {
  importCsv(layout: $layout, csv: $csv, dryRun: $dryRun, source: $source) { rows created problems { line message } } }`;

interface Answer {
  data: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Posts an import; returns the answer and how long it took. */
async function postImport(
  csv: string,
  dryRun = true,
  layout = "ACCIDENTS",
): Promise<{ body: Answer; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${steward.token}` },
    body: JSON.stringify({ query: IMPORT, variables: { layout, csv, dryRun, source: "moj-nq19" } }),
  });
  return { body: (await res.json()) as Answer, ms: performance.now() - started };
}

/**
 * Runs `work` while GET /healthz is polled every 50 ms. The server runs in this process, so a
 * blocked event loop shows both as a slow answer and as a late poll (the timer could not fire).
 */
async function whilePolling<T>(
  work: () => Promise<T>,
): Promise<{ result: T; worstAnswer: number; worstGap: number; polls: number }> {
  const answers: number[] = [];
  const gaps: number[] = [];
  let last = performance.now();
  const inFlight: Promise<void>[] = [];
  const timer = setInterval(() => {
    const sent = performance.now();
    gaps.push(sent - last);
    last = sent;
    inFlight.push(
      fetch(`${app.url}/healthz`).then(async r => {
        await r.text();
        answers.push(performance.now() - sent);
      }),
    );
  }, 50);
  try {
    const result = await work();
    return { result, ...(await settle()) };
  } finally {
    clearInterval(timer);
  }
  async function settle() {
    clearInterval(timer);
    gaps.push(performance.now() - last);
    await Promise.all(inFlight);
    return {
      worstAnswer: Math.max(...answers),
      worstGap: Math.max(...gaps),
      polls: answers.length,
    };
  }
}

describe("CSV import limits over HTTP", () => {
  it("one CSV import freezes the server: 300,000 short lines are refused at the row limit while /healthz keeps answering", async () => {
    const before = await fingerprint(app.orm);
    const csv = ACC_HEAD + "a\n".repeat(300_000);
    const { result, worstAnswer, worstGap, polls } = await whilePolling(() => postImport(csv));
    console.log(
      `300k lines: refused in ${result.ms.toFixed(0)} ms; healthz worst answer ${worstAnswer.toFixed(0)} ms, worst gap ${worstGap.toFixed(0)} ms over ${polls} polls`,
    );
    expect(result.body.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "csv",
    });
    expect(result.body.errors?.[0].message).toMatch(/limit is 50000/);
    expect(result.ms).toBeLessThan(3000);
    expect(worstAnswer).toBeLessThan(1000);
    expect(worstGap).toBeLessThan(1000);
    expect(await fingerprint(app.orm)).toEqual(before);
  }, 120_000);

  it("a dry run of 50,000 rows (the limit) is checked and answered while /healthz keeps answering", async () => {
    // Valid rows, so every row reaches the layout's checks and the database comparison.
    const lines = Array.from(
      { length: 50_000 },
      (_, i) => `lim-site-${i},Cơ sở ${i},hai-duong-63,textiles,2023,noise,5,1`,
    );
    const csv =
      "site_code,site_name,unit,sector,year,factor,samples,samples_over_limit\n" + lines.join("\n");
    const { result, worstAnswer, worstGap } = await whilePolling(() =>
      postImport(csv, true, "MONITORING"),
    );
    console.log(
      `50k rows dry run: answered in ${result.ms.toFixed(0)} ms; healthz worst answer ${worstAnswer.toFixed(0)} ms, worst gap ${worstGap.toFixed(0)} ms`,
    );
    expect(result.body.errors).toBeUndefined();
    expect((result.body.data as { importCsv: { rows: number } }).importCsv.rows).toBe(50_000);
    expect(worstAnswer).toBeLessThan(1000);
    expect(worstGap).toBeLessThan(1000);
    // 50,000 rows that are all wrong: the report lists the first 1000 problems and a count of the rest.
    const bad = await whilePolling(() => postImport(ACC_HEAD + "x,\n".repeat(50_000)));
    console.log(
      `50k bad rows dry run: answered in ${bad.result.ms.toFixed(0)} ms; healthz worst answer ${bad.worstAnswer.toFixed(0)} ms, worst gap ${bad.worstGap.toFixed(0)} ms`,
    );
    const problems = (
      bad.result.body.data as { importCsv: { problems: { line: number; message: string }[] } }
    ).importCsv.problems;
    expect(problems).toHaveLength(1001);
    expect(problems[1000]).toMatchObject({
      line: 1002,
      message: expect.stringMatching(/49000 more problems from line 1002/),
    });
    expect(bad.worstAnswer).toBeLessThan(1000);
    expect(bad.worstGap).toBeLessThan(1000);
  }, 120_000);

  it("one line of 5.2 million commas is refused at the column limit quickly, without blocking", async () => {
    const before = await fingerprint(app.orm);
    const csv = ACC_HEAD + ",".repeat(5_200_000);
    const { result, worstAnswer, worstGap } = await whilePolling(() => postImport(csv, false));
    console.log(
      `5.2M commas: refused in ${result.ms.toFixed(0)} ms; healthz worst answer ${worstAnswer.toFixed(0)} ms, worst gap ${worstGap.toFixed(0)} ms`,
    );
    expect(result.body.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "csv",
      line: 2,
    });
    expect(result.body.errors?.[0].message).toMatch(/line 2.*limit is 64/);
    expect(result.ms).toBeLessThan(3000);
    expect(worstAnswer).toBeLessThan(1000);
    expect(worstGap).toBeLessThan(1000);
    expect(await fingerprint(app.orm)).toEqual(before);
  }, 120_000);

  it("a cell over 10,000 characters is refused naming its line", async () => {
    const before = await fingerprint(app.orm);
    const { body } = await postImport(
      ACC_HEAD +
        "hai-duong-63,2019,5,1,1,0,6,\n" +
        `hai-duong-63,2018,5,1,1,0,6,"${"x".repeat(10_001)}"\n`,
      false,
    );
    expect(body.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "csv",
      line: 3,
    });
    expect(body.errors?.[0].message).toMatch(/line 3.*limit is 10000/);
    expect(await fingerprint(app.orm)).toEqual(before);
  });

  it('non-UTF-8 CSV bytes are silently replaced: text with U+FFFD is refused, naming the line and "save as UTF-8"', async () => {
    const before = await fingerprint(app.orm);
    // What a JSON parser makes of "Công ty" saved in Windows-1258: the bad byte is already U+FFFD.
    const csv =
      "\uFEFF" +
      ACC_HEAD +
      "hai-duong-63,2019,5,1,1,0,6,\nhai-duong-63,2018,5,1,1,0,6,C\uFFFDng ty\n";
    for (const dryRun of [true, false]) {
      const { body } = await postImport(csv, dryRun);
      expect(body.errors?.[0].extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "csv",
        line: 3,
      });
      expect(body.errors?.[0].message).toMatch(/dòng 3.*UTF-8.*line 3: save it as UTF-8/);
    }
    expect(await fingerprint(app.orm)).toEqual(before);
  });
});
