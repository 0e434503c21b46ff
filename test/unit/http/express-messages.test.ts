import express from "express";
import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { expressMessages } from "../../../server/http/lean-front.js";

/**
 * The app's node server makes its requests and responses from these classes, so that they
 * inherit Express's prototypes from birth and the lean path never switches a prototype (which
 * kept every request alive through V8's young-generation collections: lean-front.ts).
 */
describe("expressMessages", () => {
  const app = express();
  const { IncomingMessage: AppRequest, ServerResponse: AppResponse } = expressMessages(app);

  it("makes requests and responses that are Node's and Express's at once", () => {
    const req = new AppRequest(new Socket());
    const res = new AppResponse(req);
    expect(req).toBeInstanceOf(IncomingMessage);
    expect(res).toBeInstanceOf(ServerResponse);
    expect(Object.prototype.isPrototypeOf.call(app.request, req)).toBe(true);
    expect(Object.prototype.isPrototypeOf.call(app.response, res)).toBe(true);
    // What Express's own prototypes give: the app, req.get, res.status and res.json.
    const expressReq = req as unknown as express.Request;
    const expressRes = res as unknown as express.Response;
    expect(expressReq.app).toBe(app);
    expect(typeof expressReq.get).toBe("function");
    expect(expressRes.status(418)).toBe(expressRes);
    expect(res.statusCode).toBe(418);
    expect(typeof expressRes.json).toBe("function");
  });

  it("gives every instance the same prototype (no map per request)", () => {
    const a = new AppRequest(new Socket());
    const b = new AppRequest(new Socket());
    expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
    expect(Object.getPrototypeOf(Object.getPrototypeOf(a))).toBe(app.request);
  });
});
