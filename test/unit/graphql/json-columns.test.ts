import { describe, expect, it } from "vitest";
import {
  columnRows,
  jsonColumnsSql,
  type JsonColumn,
} from "../../../server/graphql/json-columns.js";

const columns: JsonColumn[] = [
  ["id", "o.id"],
  ["value", "o.value"],
  {
    key: "unitRow",
    pairs: [
      ["code", "u.code"],
      ["nameVi", 'u."name_vi"'],
    ],
  },
  { key: "sourceRow", pairs: [["title", "s.title"]], nullWhen: "o.source_id is null" },
];

describe("JSON columns", () => {
  it("aggregates every column, the absent flag before its nested row, all in one order", () => {
    expect(jsonColumnsSql(columns, "o.year asc, o.id asc")).toBe(
      "json_build_array(json_agg(o.id order by o.year asc, o.id asc), " +
        "json_agg(o.value order by o.year asc, o.id asc), " +
        "json_agg(u.code order by o.year asc, o.id asc), " +
        'json_agg(u."name_vi" order by o.year asc, o.id asc), ' +
        "json_agg((o.source_id is null) order by o.year asc, o.id asc), " +
        "json_agg(s.title order by o.year asc, o.id asc))",
    );
  });

  it("gives back the rows json_build_object would have, nulls and absent related rows kept", () => {
    // What PostgreSQL returns for two rows: the second has no value and no source.
    const value = [
      [7, 9],
      [1.5, null],
      ["ha-noi", "hue"],
      ["Hà Nội", "Huế"],
      [false, true],
      ["QĐ 1", null],
    ];
    const rows = columnRows(columns, value);
    expect(rows).toEqual([
      {
        id: 7,
        value: 1.5,
        unitRow: { code: "ha-noi", nameVi: "Hà Nội" },
        sourceRow: { title: "QĐ 1" },
      },
      { id: 9, value: null, unitRow: { code: "hue", nameVi: "Huế" }, sourceRow: null },
    ]);
    // The keys in the declared order, as json_build_object wrote them.
    expect(Object.keys(rows[0] as object)).toEqual(["id", "value", "unitRow", "sourceRow"]);
  });

  it("reads no rows as none: a null aggregate, or the nulls json_agg gives over no rows", () => {
    expect(columnRows(columns, null)).toEqual([]);
    expect(columnRows(columns, [null, null, null, null, null, null])).toEqual([]);
  });
});
