import { describe, expect, it } from "vitest";
import { BinaryReader } from "../../../server/graphql/pg-binary.js";

// Bytes as PostgreSQL 17 sent them (`encode(..., 'hex')` of the same expressions), so the
// reader is checked against the server's format, not against our idea of it.
const hex = (h: string) => Buffer.from(h, "hex");

describe("BinaryReader", () => {
  it("reads int4send || boolsend || array_send rows, empty arrays and non-finite floats included", () => {
    // int4send(7) || int4send(-3) || boolsend(true) || array_send('{}'::int[]) || array_send('{}'::float8[])
    // || int4send(8) || int4send(9) || boolsend(false) || array_send('{2020,2021,2022}'::int[])
    // || array_send('{NaN,Infinity,1.5}'::float8[])
    const reader = new BinaryReader(
      hex(
        "00000007fffffffd010000000000000000000000170000000000000000000002bd" +
          "000000080000000900000000010000000000000017000000030000000100000004000007e400000004000007e5" +
          "00000004000007e60000000100000000000002bd0000000300000001000000087ff8000000000000000000087ff0" +
          "000000000000000000083ff8000000000000",
      ),
    );
    const rows = [];
    while (!reader.done) {
      rows.push([
        reader.int4(),
        reader.int4(),
        reader.bool(),
        reader.int4Array(),
        reader.float8Array(),
      ]);
    }
    expect(rows).toEqual([
      [7, -3, true, [], []],
      [8, 9, false, [2020, 2021, 2022], [NaN, Infinity, 1.5]],
    ]);
  });

  it("refuses a null element and a two-dimensional array instead of reading garbage", () => {
    // array_send('{1,NULL}'::float8[])
    expect(() =>
      new BinaryReader(
        hex("0000000100000001000002bd0000000200000001000000083ff0000000000000ffffffff"),
      ).float8Array(),
    ).toThrow(/null array element/);
    // array_send('{{1},{2}}'::float8[])
    expect(() =>
      new BinaryReader(
        hex(
          "0000000200000000000002bd00000002000000010000000100000001000000083ff0000000000000000000084000000000000000",
        ),
      ).float8Array(),
    ).toThrow(/one-dimensional/);
  });

  it("reads nothing from no bytes (no rows matched)", () => {
    expect(new BinaryReader(new Uint8Array(0)).done).toBe(true);
  });
});
