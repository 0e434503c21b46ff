import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, clearApiCache, documentText, gql } from "../../../web/src/api/client.js";
import { graphql } from "../../../web/src/api/graphql.js";

const UNITS = graphql(
  "query Count($asOf: LocalDate) { units(filter: { asOf: $asOf }) { totalCount } }",
);
const ME = graphql("query Me { me { name } }");
const ONE = graphql("query One { unitLineage { effectiveOn } }");

const respond = (status: number, body: unknown) =>
  vi.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { "content-type": "application/json" },
      }),
  );

afterEach(() => {
  vi.unstubAllGlobals();
  clearApiCache();
});

describe("gql", () => {
  it("posts the query with the GraphQL accept header and returns data", async () => {
    const fetchMock = respond(200, { data: { units: { totalCount: 1 } } });
    vi.stubGlobal("fetch", fetchMock);
    const data = await gql(UNITS, { asOf: "2025-07-01" });
    expect(data.units.totalCount).toBe(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/graphql");
    expect((init.headers as Record<string, string>).accept).toBe(
      "application/graphql-response+json, application/json",
    );
    expect(JSON.parse(String(init.body))).toEqual({
      query: documentText(UNITS),
      variables: { asOf: "2025-07-01" },
    });
    expect(documentText(UNITS)).toContain("query Count($asOf: LocalDate)");
  });

  it("throws ApiError carrying extensions.code", async () => {
    vi.stubGlobal(
      "fetch",
      respond(400, {
        errors: [
          { message: "first must be between 1 and 1000", extensions: { code: "BAD_USER_INPUT" } },
        ],
      }),
    );
    const error = await gql(ME).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: "BAD_USER_INPUT",
      message: "first must be between 1 and 1000",
    });
  });

  it("reports network failures and non-JSON answers with their own codes", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    await expect(gql(ME)).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("<html>", { status: 502, statusText: "Bad Gateway" })),
    );
    await expect(gql(ONE)).rejects.toMatchObject({ code: "HTTP_502" });
  });

  it("caches identical queries but not failures, so a retry asks again", async () => {
    const ok = respond(200, { data: { ok: true } });
    vi.stubGlobal("fetch", ok);
    await gql(ONE);
    await gql(ONE);
    expect(ok).toHaveBeenCalledTimes(1);
    const failing = respond(500, { errors: [{ message: "boom" }] });
    vi.stubGlobal("fetch", failing);
    await expect(gql(ME)).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
    await expect(gql(ME)).rejects.toBeInstanceOf(ApiError);
    expect(failing).toHaveBeenCalledTimes(2);
  });
});
