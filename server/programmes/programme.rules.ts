import type { EntityManager } from "@mikro-orm/postgresql";
import { unknownCode } from "../graphql/errors.js";
import { code as codeRule } from "../graphql/field-rules.js";
import { validateField } from "../graphql/inputs.js";
import { Programme } from "./programme.entity.js";

/**
 * One programme by code, with its unit; an unknown code is a BAD_USER_INPUT (UNKNOWN_CODE) naming
 * the field. Shared by the task reports and the public reporting coverage.
 */
export async function programmeByCode(
  em: EntityManager,
  code: string,
  field = "programme",
): Promise<Programme> {
  validateField(codeRule, code, field);
  const programme = await em.findOne(Programme, { code }, { populate: ["unit"] });
  if (!programme) {
    throw unknownCode("programme", code, field);
  }
  return programme;
}
