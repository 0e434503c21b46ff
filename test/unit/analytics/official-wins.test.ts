import { describe, expect, it } from "vitest";
import { officialWins } from "../../../server/analytics/index.js";

const official = { dataset: "OFFICIAL", value: 23 };
const illustrative = { dataset: "ILLUSTRATIVE", value: 4 };

describe("officialWins", () => {
  it("keeps the official value whichever comes first", () => {
    expect(officialWins(illustrative, official)).toBe(official);
    expect(officialWins(official, illustrative)).toBe(official);
  });
  it("takes the first value of a cell and keeps it against one of the same dataset", () => {
    expect(officialWins(undefined, illustrative)).toBe(illustrative);
    const other = { dataset: "ILLUSTRATIVE", value: 5 };
    expect(officialWins(illustrative, other)).toBe(illustrative);
  });
});
