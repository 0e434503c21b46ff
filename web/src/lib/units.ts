/** The units this dashboard focuses on, and helpers to name unit codes. */
import type { Unit } from '../api/catalog.js';
import type { Locale } from './format.js';
import { pick } from './i18n.js';
import { listParam } from './url-state.js';

/** Nghị quyết 19/NQ-CP: the national programme every provincial one is compared with. */
export const NATIONAL_PROGRAMME = 'nq19-2021-2025';

export const NATION = 'vn';
/** Hải Phòng from 2025-07-01 (old Hải Phòng + old Hải Dương). */
export const HAI_PHONG_NEW = 'hai-phong-34';
export const HAI_PHONG_OLD = 'hai-phong-63';
export const HAI_DUONG_OLD = 'hai-duong-63';
export const FOCUS_UNITS = [NATION, HAI_PHONG_NEW, HAI_PHONG_OLD, HAI_DUONG_OLD];

/** What naming a unit needs. */
export type UnitRef = Pick<Unit, 'code' | 'nameVi' | 'nameEn'>;

/** Name of a unit code, with '(trước 2025)' / '(before 2025)' for the old provinces so two Hải Phòngs never look alike. */
export function unitName(code: string, units: Map<string, UnitRef>, locale: Locale): string {
  const unit = units.get(code);
  const name = unit ? pick(unit, locale) : code;
  if (code.endsWith('-63')) return `${name} (${locale === 'vi' ? 'trước 07/2025' : 'before Jul 2025'})`;
  // Post-2025 names already say so in the data ('Hải Phòng (2025)'); add it only when missing.
  if (code.endsWith('-34') && !name.includes('(')) return `${name} (${locale === 'vi' ? 'từ 07/2025' : 'from Jul 2025'})`;
  return name;
}

/** `unitName` bound to the fetched units and the page's language. */
export function unitLabeller(units: UnitRef[], locale: Locale): (code: string) => string {
  const byCode = new Map(units.map((u) => [u.code, u]));
  return (code) => unitName(code, byCode, locale);
}

/** The focus units chosen in the URL (`units=vn,hai-phong-63`); unknown codes are dropped. */
export function focusUnitsParam(params: Record<string, string>): string[] {
  return listParam(params, 'units', [NATION, HAI_PHONG_OLD, HAI_DUONG_OLD]).filter((c) => FOCUS_UNITS.includes(c));
}
