import { describe, expect, it } from "vitest";
import { defaultPoolMax, ormConfig } from "../../../server/db/orm.js";

describe("the connection pool's size", () => {
  it("is two connections per core, at least 4, unless set", () => {
    expect(defaultPoolMax(1)).toBe(4);
    expect(defaultPoolMax(2)).toBe(4);
    expect(defaultPoolMax(3)).toBe(6);
    expect(defaultPoolMax(16)).toBe(32);
    const url = "postgresql://app@localhost/osh";
    expect(ormConfig({ clientUrl: url }).pool).toEqual({ min: 0, max: defaultPoolMax() });
    expect(ormConfig({ clientUrl: url, poolMax: 7 }).pool).toEqual({ min: 0, max: 7 });
  });
});
