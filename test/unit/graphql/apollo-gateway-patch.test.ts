import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  gatewayContextFiles,
  MARKER,
  patched,
  // @ts-expect-error: a plain .mjs script (run by npm before anything is built), without types.
} from "../../../scripts/patch-apollo-gateway.mjs";

/**
 * `npm install` moves the `status` accessors of the gateway request context's `response.http`
 * from a per-request object literal onto a class (scripts/patch-apollo-gateway.mjs), so that
 * V8 does not make a map per request that keeps the request alive through young-generation
 * collections. The patch must fit the installed @apollo/server, and the object must behave as
 * the literal did: status read and written through to Apollo's own response, headers shared.
 */
const files = gatewayContextFiles() as string[];

interface GatewayContext {
  request: { query?: string; http?: { method: string; url: string; headers: Headers } };
  response: { http: { status?: number; headers: Headers } };
  context: unknown;
}
type Make = (ctx: unknown, server: unknown, internals: unknown) => GatewayContext;

describe("the Apollo gateway context patch", () => {
  it("knows the installed @apollo/server (both module formats): patched already, or patchable", () => {
    // Not "applied": an install with --ignore-scripts leaves it unpatched, and the server is then
    // only busier collecting garbage. What must not happen unseen is a version it no longer fits.
    expect(files).toHaveLength(2);
    for (const file of files) {
      const out = patched(readFileSync(file, "utf8")) as string | null;
      expect(out).not.toBeNull();
      expect(out).toContain(MARKER);
    }
  });

  it("leaves a file it does not recognise alone, and patches only once", () => {
    expect(patched("some other version")).toBeNull();
    const once = patched(readFileSync(files[1], "utf8")) as string;
    expect(patched(once)).toBe(once);
  });

  it("reads and writes the status through, and shares the headers, as the literal did", async () => {
    const { makeGatewayGraphQLRequestContext } = (await import(pathToFileURL(files[0]).href)) as {
      makeGatewayGraphQLRequestContext: Make;
    };
    const apolloHttp = {
      status: undefined as number | undefined,
      headers: new Map<string, string>(),
    };
    const requestContext = {
      request: {
        query: "{ __typename }",
        http: { method: "POST", search: "", headers: new Map() },
      },
      response: { http: apolloHttp },
      contextValue: { who: "viewer" },
    };
    const made = makeGatewayGraphQLRequestContext(requestContext, { logger: console }, {});
    expect(made.request.query).toBe("{ __typename }");
    expect(made.context).toBe(requestContext.contextValue);

    const http = made.response.http;
    expect(http.status).toBeUndefined();
    http.status = 418;
    expect(apolloHttp.status).toBe(418);
    apolloHttp.status = 200;
    expect(http.status).toBe(200);
    http.headers.set("x-one", "1");
    http.headers.append("x-one", "2");
    expect(apolloHttp.headers.get("x-one")).toBe("1, 2");

    // One class for every request: the same prototype, no accessor of its own.
    const again = makeGatewayGraphQLRequestContext(requestContext, { logger: console }, {});
    expect(Object.getPrototypeOf(again.response.http)).toBe(Object.getPrototypeOf(http));
    expect(Object.getOwnPropertyDescriptor(http, "status")).toBeUndefined();
  });
});
