import type { EntityManager } from "@mikro-orm/postgresql";
import { BadInputError } from "../graphql/errors.js";
import { checkCodes } from "../graphql/validate.js";
import type { Indicator } from "../indicators/indicator.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { loadIndicators } from "./series.service.js";

/** Loads units by code in the order asked, rejecting unknown codes by name. */
export async function unitsByCode(
  em: EntityManager,
  codes: string[],
  field = "units",
  max = 200,
): Promise<AdministrativeUnit[]> {
  checkCodes(codes, field, max);
  if (!codes.length) throw new BadInputError(`${field} must name at least one unit`, field);
  const found = await em.find(AdministrativeUnit, { code: { $in: codes } });
  const byCode = new Map(found.map(u => [u.code, u]));
  const missing = codes.filter(c => !byCode.has(c));
  if (missing.length) throw new BadInputError(`Unknown unit code(s): ${missing.join(", ")}`, field);
  return [...new Set(codes)].map(c => byCode.get(c)!);
}

export async function indicatorByCode(
  em: EntityManager,
  code: string,
  field = "indicator",
): Promise<Indicator> {
  checkCodes([code], field);
  const [indicator] = await loadIndicators(em, [code]);
  if (!indicator) throw new BadInputError(`Unknown indicator code: ${code}`, field);
  return indicator;
}
