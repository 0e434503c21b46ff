import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor } from "../helpers/server.js";
import { openTestDb, type TestDb } from "../helpers/db.js";

let db: TestDb;
let gql: Awaited<ReturnType<typeof createExecutor>>;
beforeAll(async () => {
  db = await openTestDb("alignment");
  gql = await createExecutor(db.orm);
});
afterAll(async () => {
  await gql.stop();
  await db.close();
});

const Q = `query($national: Code!, $provincial: [Code!]!) {
  programmeAlignment(national: $national, provincial: $provincial) {
    national { code unitCode }
    provincial { code unitCode unitValidTo successorUnitCode }
    rows {
      national { label value comparator kind alternatives { value sourceCode note } }
      cells { programme relation notes reasonVi reasonEn candidates { nationalValue relation }
        target { label value comparator baseYear endYear section leadAgency { code nameVi successorNameVi } } }
    }
    provincialOnly { programme label }
    tasks { programme fromProgramme taskGroups { number themes itemCount } leads { bodyVi agencies { code } targets } }
  }
}`;
const HP = "hp-nq23-2023-2025";
const HD = "hd-ctr1562-2021-2025";

type Row = {
  national: { label: string };
  cells: { programme: string; relation: string; [k: string]: any }[];
};
const cell = (rows: Row[], label: string, programme: string) =>
  rows.find(r => r.national.label === label)!.cells.find(c => c.programme === programme)!;

describe("programmeAlignment on the seeded programmes", () => {
  it("relates every NQ 19 target to Hải Phòng and Hải Dương, in two SQL statements", async () => {
    const res = await gql.run(Q, { national: "nq19-2021-2025", provincial: [HP, HD] });
    expect(res.errors).toBeUndefined();
    expect(res.statements).toBe(2);
    const a = res.data!.programmeAlignment;
    const rows: Row[] = a.rows;
    expect(rows.map(r => r.national.label)).toEqual([
      "a",
      "ba",
      "bb",
      "c",
      "da",
      "db",
      "dd",
      "e",
      "g",
      "h",
    ]);
    // The relation table, as the API computes it (HP / HD per national target).
    const table = rows.map(r => [
      r.national.label,
      ...[HP, HD].map(p => cell(rows, r.national.label, p).relation),
    ]);
    expect(table).toEqual([
      ["a", "SAME", "SAME"],
      ["ba", "SAME", "SAME"],
      ["bb", "SAME", "SAME"],
      ["c", "SAME", "NOT_ADOPTED"],
      ["da", "SAME", "NOT_ADOPTED"],
      ["db", "SAME", "NOT_ADOPTED"],
      ["dd", "SAME", "NOT_ADOPTED"],
      ["e", "DISPUTED", "NOT_ADOPTED"],
      ["g", "SAME", "NOT_ADOPTED"],
      ["h", "SAME", "NOT_ADOPTED"],
    ]);
    expect(a.provincialOnly).toEqual([]);
  });

  it("Hải Phòng target 6 vs NQ 19 (e): disputed, since the national value has two sourced readings", async () => {
    const res = await gql.run(Q, { national: "nq19-2021-2025", provincial: [HP] });
    const rows: Row[] = res.data!.programmeAlignment.rows;
    const e = rows.find(r => r.national.label === "e")! as any;
    expect(e.national).toMatchObject({ value: 80, comparator: "GT" });
    expect(e.national.alternatives).toEqual([
      expect.objectContaining({ value: 90, sourceCode: "doc-hp-kh-nq23" }),
    ]);
    const c = cell(rows, "e", HP);
    expect(c.target).toMatchObject({ label: "6", value: 90, comparator: "GT", section: "II.2.e" });
    expect(c.target.leadAgency.code).toBe("hp-so-ldtbxh");
    expect(c.candidates).toEqual([
      { nationalValue: 80, relation: "STRICTER" },
      { nationalValue: 90, relation: "SAME" },
    ]);
    expect(c.notes).toContain("NATIONAL_VALUE_DISPUTED");
    expect(c.reasonEn).toContain("> 90 % vs > 80 % or > 90 %");
    expect(c.reasonVi).toContain("chưa xác định");
    // Target 1 (−4 %/yr) restates (a) with its own base year 2022: same, with the note.
    const one = cell(rows, "a", HP);
    expect(one).toMatchObject({ relation: "SAME", notes: ["BASE_YEAR_DIFFERS"] });
    expect(one.target).toMatchObject({ label: "1", baseYear: 2022, value: -4 });
  });

  it("Hải Dương CTr 1562 has counterparts only for (a), (b) monitoring and (b) examinations", async () => {
    const res = await gql.run(Q, { national: "nq19-2021-2025", provincial: [HD] });
    const a = res.data!.programmeAlignment;
    const missing = a.rows
      .filter((r: Row) => r.cells[0].relation === "NOT_ADOPTED")
      .map((r: Row) => r.national.label);
    expect(missing).toEqual(["c", "da", "db", "dd", "e", "g", "h"]);
    expect(a.rows.find((r: Row) => r.national.label === "a").cells[0].target).toMatchObject({
      label: "1",
      baseYear: 2020,
      leadAgency: null,
    });
    expect(a.provincial[0]).toMatchObject({
      unitCode: "hai-duong-63",
      unitValidTo: "2025-06-30",
      successorUnitCode: "hai-phong-34",
    });
    // Its task groups come from the 2024 plan that rests on CTr 1562, and say so.
    const tasks = a.tasks.filter((t: any) => t.programme === HD);
    expect(tasks.map((t: any) => t.fromProgramme)).toEqual([HD, "hd-kh-ct31-2024"]);
    expect(tasks[0].taskGroups).toEqual([]);
    expect(tasks[1].taskGroups.map((g: any) => g.themes)).toEqual([
      ["COMMUNICATION_TRAINING"],
      ["MANAGEMENT", "POLICY_LAW"],
      ["INSPECTION"],
      ["MANAGEMENT"],
    ]);
    expect(tasks[1].leads[0].agencies).toEqual([{ code: "hd-so-ldtbxh" }]);
  });

  it("Hải Phòng's leads name the targets they lead", async () => {
    const res = await gql.run(Q, { national: "nq19-2021-2025", provincial: [HP] });
    const hp = res.data!.programmeAlignment.tasks.find((t: any) => t.fromProgramme === HP);
    expect(hp.taskGroups).toHaveLength(4);
    expect(hp.leads.map((l: any) => [l.agencies[0].code, l.targets])).toEqual([
      ["hp-so-ldtbxh", ["1", "3", "4a", "4b", "6", "7", "8"]],
      ["hp-so-y-te", ["2a", "2b", "5"]],
    ]);
  });
});

describe("programmeAlignment: bad input is BAD_USER_INPUT naming the field", () => {
  it.each([
    [{ national: "nope", provincial: [HP] }, "national"],
    [{ national: "NQ19", provincial: [HP] }, "national"],
    [{ national: "nq19-2021-2025", provincial: ["hp-nope"] }, "provincial"],
    [{ national: "nq19-2021-2025", provincial: [] }, "provincial"],
    [{ national: "nq19-2021-2025", provincial: ["nq19-2021-2025"] }, "provincial"],
    [{ national: "nq19-2021-2025", provincial: ["a", "b", "c", "d", "e", "f"] }, "provincial"],
    [{ national: "nq19-2021-2025", provincial: ["x y"] }, "provincial"],
  ])("%j → field %s", async (vars, field) => {
    const res = await gql.run(Q, vars);
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});
