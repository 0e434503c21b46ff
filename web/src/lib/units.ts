/** The units this dashboard focuses on, and helpers to name unit codes. */
import type { Unit } from "../api/catalog.js";
import type { Locale } from "./format.js";
import { pick } from "./i18n.js";
import { listParam } from "./url-state.js";

/** Nghị quyết 19/NQ-CP: the national programme every provincial one is compared with. */
export const NATIONAL_PROGRAMME = "nq19-2021-2025";

export const NATION = "vn";
/** Hải Phòng from 2025-07-01 (old Hải Phòng + old Hải Dương). */
export const HAI_PHONG_NEW = "hai-phong-34";
export const HAI_PHONG_OLD = "hai-phong-63";
export const HAI_DUONG_OLD = "hai-duong-63";
export const FOCUS_UNITS = [NATION, HAI_PHONG_NEW, HAI_PHONG_OLD, HAI_DUONG_OLD];

/** What naming a unit needs: its names and, when known, its validity dates. */
export type UnitRef = Pick<Unit, "code" | "nameVi" | "nameEn"> &
  Partial<Pick<Unit, "validFrom" | "validTo">>;

/** 'MM/YYYY' (vi) or 'Mon YYYY' (en) of a 'YYYY-MM-DD' day, `shift` days later. */
function monthOf(day: string, locale: Locale, shift = 0): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + shift);
  const month = date.getUTCMonth();
  const year = date.getUTCFullYear();
  if (locale === "vi") return `${String(month + 1).padStart(2, "0")}/${year}`;
  return `${date.toLocaleString("en-GB", { month: "short", timeZone: "UTC" })} ${year}`;
}

/**
 * Name of a unit code, marked with its validity so two Hải Phòngs never look alike: a unit that
 * ended ('validTo', e.g. the provinces merged on 2025-07-01) gets '(trước 07/2025)' / '(before
 * Jul 2025)', a unit that began ('validFrom') '(từ 07/2025)' / '(from Jul 2025)' unless its name
 * already says so. A code that was not fetched is shown as it is.
 */
export function unitName(code: string, units: Map<string, UnitRef>, locale: Locale): string {
  const unit = units.get(code);
  if (!unit) return code;
  const name = pick(unit, locale);
  if (unit.validTo) {
    return `${name} (${locale === "vi" ? "trước" : "before"} ${monthOf(unit.validTo, locale, 1)})`;
  }
  // Post-2025 names already say so in the data ('Hải Phòng (2025)'); add it only when missing.
  if (unit.validFrom && !name.includes("(")) {
    return `${name} (${locale === "vi" ? "từ" : "from"} ${monthOf(unit.validFrom, locale)})`;
  }
  return name;
}

/** `unitName` bound to the fetched units and the page's language. */
export function unitLabeller(units: UnitRef[], locale: Locale): (code: string) => string {
  const byCode = new Map(units.map(u => [u.code, u]));
  return code => unitName(code, byCode, locale);
}

/** The focus units chosen in the URL (`units=vn,hai-phong-63`); unknown codes are dropped. */
export function focusUnitsParam(params: Record<string, string>): string[] {
  return listParam(params, "units", [NATION, HAI_PHONG_OLD, HAI_DUONG_OLD]).filter(c =>
    FOCUS_UNITS.includes(c),
  );
}
