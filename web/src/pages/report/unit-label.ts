/** "Hải Phòng (trước 07/2025)": a unit's name, with the month it ended when it no longer exists. */
import type { Locale } from "../../lib/format.js";
import { pick, type Translate } from "../../lib/i18n.js";

export function unitLabel(
  unit: { nameVi: string; nameEn: string; validTo?: string | null },
  locale: Locale,
  t: Translate,
): string {
  const name = pick(unit, locale);
  if (!unit.validTo) return name;
  // The day after the last one: 2025-06-30 -> 07/2025.
  const [y, m] = unit.validTo.split("-").map(Number);
  const month = m === 12 ? 1 : m + 1;
  const date = `${String(month).padStart(2, "0")}/${m === 12 ? y + 1 : y}`;
  return `${name} (${t("coverage.before", { date })})`;
}
