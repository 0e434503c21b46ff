import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { START_NODE_FLAGS } from "../../../bench/server-process.js";

describe("the benchmark's server flags", () => {
  it("are the flags `npm start` gives the server, so the bench measures what is served", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
      scripts: Record<string, string>;
    };
    const start = pkg.scripts.start;
    const flags = /\bnode ((?:--\S+ )*)dist\/start\/main\.mjs/.exec(start)?.[1].trim().split(" ");
    expect(flags).toEqual(START_NODE_FLAGS);
  });
});
