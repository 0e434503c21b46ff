import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The generated maps (scripts/map/build-map.mjs) are committed; check their shape and codes.
const root = resolve(import.meta.dirname, "../../..");
const read = (file: string) =>
  JSON.parse(readFileSync(resolve(root, "web/public/maps", file), "utf8"));
type Feature = { properties: Record<string, unknown> & { code: string }; geometry: any };
// Units only: the archipelagos are features too (kind "archipelago"), checked on their own below.
const codes = (collection: { features: Feature[] }) =>
  collection.features.filter(f => f.properties.kind !== "archipelago").map(f => f.properties.code);
const archipelagos = (collection: { features: Feature[] }) =>
  collection.features.filter(f => f.properties.kind === "archipelago");

describe("generated map data", () => {
  const vn63 = read("vn-63.json");
  const vn34 = read("vn-34.json");

  it("has 63 provinces before and 34 units after 2025-07-01", () => {
    expect(new Set(codes(vn63)).size).toBe(63);
    expect(new Set(codes(vn34)).size).toBe(34);
  });

  it("uses the unit code scheme (-63 ceased, -34 formed, plain slug unchanged)", () => {
    expect(codes(vn63)).toEqual(
      expect.arrayContaining([
        "hai-duong-63",
        "hai-phong-63",
        "ha-noi",
        "hue",
        "ba-ria-vung-tau-63",
      ]),
    );
    expect(codes(vn34)).toEqual(
      expect.arrayContaining(["hai-phong-34", "ho-chi-minh-34", "ha-noi", "cao-bang"]),
    );
    expect(codes(vn34).filter(c => c.endsWith("-34"))).toHaveLength(23);
    expect(codes(vn63).filter(c => c.endsWith("-63"))).toHaveLength(52);
  });

  it("keeps coordinates inside Vietnam and rounded to 3 decimals", () => {
    for (const feature of vn34.features) {
      const flat = JSON.stringify(feature.geometry.coordinates).match(/-?\d+(\.\d+)?/g) ?? [];
      for (const n of flat) expect(n.split(".")[1]?.length ?? 0).toBeLessThanOrEqual(3);
    }
  });

  it("matches seeds/units.json when it exists", () => {
    const unitsPath = resolve(root, "seeds/units.json");
    if (!existsSync(unitsPath)) return;
    const units: {
      code: string;
      validFrom: string | null;
      validTo: string | null;
      level: string;
    }[] = JSON.parse(readFileSync(unitsPath, "utf8"));
    const provinces = units.filter(u => u.level === "PROVINCE");
    const before = provinces
      .filter(u => u.validFrom === null || u.validFrom < "2025-07-01")
      .map(u => u.code);
    const after = provinces.filter(u => u.validTo === null).map(u => u.code);
    expect(codes(vn63).sort()).toEqual(before.sort());
    expect(codes(vn34).sort()).toEqual(after.sort());
  });

  it("draws Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa) on both maps, inside their extents", () => {
    for (const [map, suffix] of [
      [vn63, "63"],
      [vn34, "34"],
    ] as const) {
      const [hoangSa, truongSa] = archipelagos(map);
      expect(hoangSa.properties).toMatchObject({
        code: "hoang-sa",
        nameVi: "QĐ. Hoàng Sa (Đà Nẵng)",
        nameEn: "Hoàng Sa Archipelago (Đà Nẵng)",
        unit: `da-nang-${suffix}`,
      });
      expect(truongSa.properties).toMatchObject({
        code: "truong-sa",
        nameVi: "QĐ. Trường Sa (Khánh Hòa)",
        nameEn: "Trường Sa Archipelago (Khánh Hòa)",
        unit: `khanh-hoa-${suffix}`,
      });
      expect(codes(map)).toContain(`da-nang-${suffix}`);
      expect(codes(map)).toContain(`khanh-hoa-${suffix}`);
      // Extents from ../shared/research/admin-2025.md (with the symbols' 0.1° radius).
      const inside = (f: Feature, [lat0, lat1]: number[], [lon0, lon1]: number[]) => {
        const points = (f.geometry.coordinates as number[][][][]).flat(2);
        expect(points.length).toBeGreaterThan(20);
        for (const [lon, lat] of points) {
          expect(lat).toBeGreaterThanOrEqual(lat0 - 0.1);
          expect(lat).toBeLessThanOrEqual(lat1 + 0.1);
          expect(lon).toBeGreaterThanOrEqual(lon0 - 0.1);
          expect(lon).toBeLessThanOrEqual(lon1 + 0.1);
        }
      };
      inside(hoangSa, [15.75, 17.0833], [111, 113]);
      inside(truongSa, [6.8333, 12], [111.5, 117.3333]);
    }
  });
});
