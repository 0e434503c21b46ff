// Geometry helpers for build-map.mjs: decode ECharts' legacy compressed GeoJSON, dissolve
// neighbouring polygons, simplify. Plain data in, plain data out; no GIS dependency.

const DEFAULT_SCALE = 1024;

/**
 * Decodes one ring of ECharts' `UTF8Encoding` format (same algorithm as ECharts'
 * parseGeoJson.decodeRing): each char code minus 64 is a zig-zag encoded delta from the previous
 * point, starting at `offset`; integers are divided by the scale. Returns integer grid points
 * (not yet divided) so rings from neighbouring provinces can be compared exactly.
 */
export function decodeRingToGrid(encoded, offset) {
  const points = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    points.push([x, y]);
  }
  return points;
}

/** Decodes a compressed geometry to polygons of integer-grid rings: [[ring, hole, ...], ...]. */
export function decodeGeometryToGrid(geometry) {
  const { type, coordinates, encodeOffsets } = geometry;
  if (type === "Polygon") {
    return [coordinates.map((ring, i) => decodeRingToGrid(ring, encodeOffsets[i]))];
  }
  if (type === "MultiPolygon") {
    return coordinates.map((rings, p) =>
      rings.map((ring, i) => decodeRingToGrid(ring, encodeOffsets[p][i])),
    );
  }
  throw new Error(`Unsupported geometry type ${type}`);
}

const key = p => `${p[0]},${p[1]}`;

/** Closed ring without the repeated last point, and without consecutive duplicates. */
function openRing(ring) {
  const out = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

/**
 * Dissolves the internal borders between polygons whose rings share exact grid vertices:
 * every directed edge that also occurs reversed (the same border walked by the neighbour) is
 * dropped, and the remaining edges are stitched back into rings. Returns null when the edges do
 * not close into rings (borders that do not share vertices), so the caller can fall back to a
 * plain MultiPolygon made by concatenating the polygons.
 */
export function dissolveGrid(polygons) {
  const edges = new Map();
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const pts = openRing(ring);
      for (let i = 0; i < pts.length; i++) {
        const a = pts[i];
        const b = pts[(i + 1) % pts.length];
        const id = `${key(a)}>${key(b)}`;
        const reverse = `${key(b)}>${key(a)}`;
        if (edges.has(reverse)) edges.delete(reverse);
        else edges.set(id, [a, b]);
      }
    }
  }
  const bySource = new Map();
  for (const [a, b] of edges.values()) {
    const list = bySource.get(key(a)) ?? [];
    list.push(b);
    bySource.set(key(a), list);
  }
  const rings = [];
  while (bySource.size > 0) {
    const [startKey, starts] = bySource.entries().next().value;
    const start = startKey.split(",").map(Number);
    const ring = [start];
    let current = startKey;
    let next = starts.pop();
    if (starts.length === 0) bySource.delete(startKey);
    for (let guard = 0; guard < 1e6; guard++) {
      ring.push(next);
      current = key(next);
      if (current === startKey) break;
      const outs = bySource.get(current);
      if (!outs || outs.length === 0) return null;
      next = outs.pop();
      if (outs.length === 0) bySource.delete(current);
    }
    if (key(ring[ring.length - 1]) !== startKey) return null;
    rings.push(ring);
  }
  return ringsToPolygons(rings);
}

/** Shoelace area (positive = counter-clockwise). */
export function signedArea(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum / 2;
}

function pointInRing(point, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (
      yi > point[1] !== yj > point[1] &&
      point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi
    ) {
      inside = !inside;
    }
  }
  return inside;
}

/** Groups stitched rings into polygons: each outer ring (largest first) takes the holes inside it. */
function ringsToPolygons(rings) {
  const sorted = rings
    .filter(r => r.length >= 4)
    .sort((a, b) => Math.abs(signedArea(b)) - Math.abs(signedArea(a)));
  const polygons = [];
  for (const ring of sorted) {
    const owner = polygons.find(
      poly => pointInRing(ring[0], poly[0]) && !poly.slice(1).some(h => pointInRing(ring[0], h)),
    );
    if (owner && Math.sign(signedArea(ring)) !== Math.sign(signedArea(owner[0]))) owner.push(ring);
    else polygons.push([ring]);
  }
  return polygons;
}

function perpendicularDistance(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / len;
}

/** Douglas-Peucker on an open polyline; keeps both ends. */
function douglasPeucker(points, tolerance) {
  if (points.length < 3) return points;
  let maxDistance = 0;
  let index = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const d = perpendicularDistance(points[i], points[0], points[points.length - 1]);
    if (d > maxDistance) {
      maxDistance = d;
      index = i;
    }
  }
  if (maxDistance <= tolerance) return [points[0], points[points.length - 1]];
  const left = douglasPeucker(points.slice(0, index + 1), tolerance);
  const right = douglasPeucker(points.slice(index), tolerance);
  return left.slice(0, -1).concat(right);
}

/**
 * Grid ring -> degrees, simplified (Douglas-Peucker at `toleranceDeg`), rounded to 3 decimals,
 * near-duplicates dropped, closed. Returns null for rings that collapse (fewer than 4 points).
 */
export function finishRing(gridRing, toleranceDeg, scale = DEFAULT_SCALE) {
  const degrees = gridRing.map(([x, y]) => [x / scale, y / scale]);
  const simplified = douglasPeucker(degrees, toleranceDeg);
  const rounded = [];
  for (const [x, y] of simplified) {
    const p = [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
    const last = rounded[rounded.length - 1];
    if (!last || Math.abs(last[0] - p[0]) > 0.0005 || Math.abs(last[1] - p[1]) > 0.0005) {
      rounded.push(p);
    }
  }
  const first = rounded[0];
  const last = rounded[rounded.length - 1];
  if (first && (first[0] !== last[0] || first[1] !== last[1])) rounded.push([...first]);
  return rounded.length >= 4 ? rounded : null;
}

/** Polygons of grid rings -> GeoJSON geometry (Polygon or MultiPolygon) in degrees. */
export function toGeometry(gridPolygons, toleranceDeg) {
  const polygons = [];
  for (const polygon of gridPolygons) {
    const [outer, ...holes] = polygon.map(ring => finishRing(ring, toleranceDeg));
    if (!outer) continue;
    polygons.push([outer, ...holes.filter(Boolean)]);
  }
  return polygons.length === 1
    ? { type: "Polygon", coordinates: polygons[0] }
    : { type: "MultiPolygon", coordinates: polygons };
}
