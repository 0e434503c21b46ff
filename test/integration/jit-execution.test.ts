import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../server/app.js";
import { createTestDatabase, dropTestDatabase } from "../helpers/db.js";

/**
 * The app runs an operation with graphql-js the first time it sees it and compiled by
 * graphql-jit from then on (server/graphql/jit-gateway.ts). Every answer, and every error's
 * code, field and HTTP status, must be the same on both paths; the limits must still refuse an
 * operation before it runs. Response cache off, so that every repeat really executes.
 */
let app: RunningApp;
let url: string;
beforeAll(async () => {
  url = await createTestDatabase("jit");
  app = await startApp({
    databaseUrl: url,
    port: 0,
    production: true,
    responseCache: false,
    exposeSqlCount: true,
  });
});
afterAll(async () => {
  await app.close();
  await dropTestDatabase(url);
});

interface Answer {
  status: number;
  statements: number;
  body: {
    data?: unknown;
    errors?: { message: string; path?: unknown; extensions?: Record<string, unknown> }[];
  };
}

async function post(query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    statements: Number(response.headers.get("x-sql-statements") ?? 0),
    body: (await response.json()) as Answer["body"],
  };
}

/** The same request three times: the first runs through graphql-js, the others compiled. */
async function thrice(query: string, variables?: Record<string, unknown>): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < 3; i++) answers.push(await post(query, variables));
  return answers;
}

describe("compiled execution", () => {
  it("answers repeated reads exactly as the first run did", async () => {
    for (const query of [
      `{ units(first: 100) { totalCount nodes { code nameVi level validTo successor { code } parent { code } } } }`,
      `{ unit(code: "vn") { code observations(filter: { datasets: [OFFICIAL, ILLUSTRATIVE] }) { year value illustrative indicator { code measure numerator { code } } } } }`,
      `{ observations(first: 50, orderBy: YEAR_ASC, filter: { indicators: ["oa-deaths"] }) { totalCount nodes { year value unit { code nameVi } source { title } } } }`,
      `{ programmes { nodes { code targets { number label indicator { code } } } } }`,
      `{ __typename a: unit(code: "hai-phong-34") { code predecessors { code validTo } } }`,
      getIntrospectionQuery(),
    ]) {
      const [first, ...repeats] = await thrice(query);
      expect(first.status).toBe(200);
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data).toBeTruthy();
      for (const repeat of repeats) {
        expect(repeat.status).toBe(200);
        expect(repeat.body).toEqual(first.body);
      }
    }
  });

  it("keeps variables working and a bad variable BAD_USER_INPUT with status 400", async () => {
    const query = `query($first: Int, $codes: [Code!]) { units(first: $first, filter: { codes: $codes }) { nodes { code } } }`;
    const good = await thrice(query, { first: 2, codes: ["vn", "ha-noi"] });
    for (const answer of good) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body).toEqual(good[0].body);
    }
    // A value of the wrong type is refused while the variables are read (400); a well-typed
    // code of the wrong form by the argument guard, naming the field (200, like any field error).
    for (const [variables, status, field] of [
      [{ first: "two" }, 400, undefined],
      [{ codes: ["Bad Code"] }, 200, "codes"],
    ] as const) {
      for (const answer of await thrice(query, variables)) {
        expect(answer.status).toBe(status);
        expect(answer.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
        expect(answer.body.errors?.[0].extensions?.field).toBe(field);
        expect(answer.statements).toBe(0);
      }
    }
  });

  it("keeps each resolver error's code, field and path", async () => {
    for (const [query, field] of [
      ["{ observations(filter: { yearFrom: 2024, yearTo: 2020 }) { totalCount } }", "yearFrom"],
      [`{ units(filter: { search: "${"x".repeat(500)}" }) { totalCount } }`, "search"],
      ['{ target(programme: "nq19-2021-2025", number: "#1") { label } }', "number"],
    ] as const) {
      const answers = await thrice(query);
      for (const answer of answers) {
        const error = answer.body.errors?.[0];
        expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(error?.extensions?.field).toBe(field);
        expect(answer.body).toEqual(answers[0].body);
      }
    }
  });

  it("refuses a too costly operation every time, before anything runs", async () => {
    const site = (i: number) =>
      `s${i}: monitoringSites(first: $n) { nodes { code results { site { results { year samples } } } } }`;
    const costly = `query($n: Int) { ${[1, 2, 3, 4, 5].map(site).join(" ")} }`;
    for (const answer of await thrice(costly, { n: 1000 })) {
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0].extensions?.code).toBe("QUERY_TOO_COMPLEX");
      expect(answer.statements).toBe(0);
    }
    // The same operation with small pages is measured again for its own variables, and runs.
    for (const answer of await thrice(costly, { n: 2 })) {
      expect(answer.body.errors).toBeUndefined();
    }
  });
});
