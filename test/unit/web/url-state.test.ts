import { describe, expect, it } from "vitest";
import {
  basisParam,
  buildHash,
  datasetParam,
  enumParam,
  intParam,
  listParam,
  parseHash,
  withParams,
} from "../../../web/src/lib/url-state.js";

describe("url state", () => {
  it("parses page, language and selection", () => {
    expect(parseHash("#/compare?indicator=fatal-rate&units=vn,hai-phong-34&lang=en")).toEqual({
      page: "compare",
      locale: "en",
      params: { indicator: "fatal-rate", units: "vn,hai-phong-34" },
    });
  });

  it("falls back to the overview in Vietnamese", () => {
    expect(parseHash("")).toEqual({ page: "overview", locale: "vi", params: {} });
    expect(parseHash("#/nowhere?lang=fr")).toEqual({ page: "overview", locale: "vi", params: {} });
  });

  it("round-trips, with sorted keys and the default language implicit", () => {
    const hash = buildHash({
      page: "map",
      locale: "vi",
      params: { mode: "status", boundaries: "63" },
    });
    expect(hash).toBe("#/map?boundaries=63&mode=status");
    expect(buildHash(parseHash("#/map?mode=status&boundaries=63&lang=en"))).toBe(
      "#/map?boundaries=63&mode=status&lang=en",
    );
  });

  it("replaces and removes params", () => {
    const state = parseHash("#/compare?from=2016&to=2025");
    expect(withParams(state, { from: undefined, units: "vn" }).params).toEqual({
      to: "2025",
      units: "vn",
    });
  });

  it("reads typed params", () => {
    const params = { units: "a, b,,c", from: "2010", mode: "bogus" };
    expect(listParam(params, "units")).toEqual(["a", "b", "c"]);
    expect(listParam(params, "none", ["vn"])).toEqual(["vn"]);
    expect(intParam(params, "from", 2016, 2015, 2030)).toBe(2015);
    expect(intParam(params, "to", 2025)).toBe(2025);
    expect(enumParam(params, "mode", ["asReported", "harmonised"] as const, "asReported")).toBe(
      "asReported",
    );
  });

  it("reads the series basis and the datasets, falling back on unknown values", () => {
    expect(basisParam({ basis: "HARMONISED" })).toBe("HARMONISED");
    expect(basisParam({ basis: "harmonised" })).toBe("AS_REPORTED");
    expect(datasetParam({}, "official")).toEqual({ data: "official", datasets: ["OFFICIAL"] });
    expect(datasetParam({}, "all")).toEqual({
      data: "all",
      datasets: ["OFFICIAL", "ILLUSTRATIVE"],
    });
    expect(datasetParam({ data: "official" }, "all")).toEqual({
      data: "official",
      datasets: ["OFFICIAL"],
    });
    expect(datasetParam({ data: "everything" }, "official").data).toBe("official");
  });
});
