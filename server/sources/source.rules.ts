import type { EntityManager } from "@mikro-orm/postgresql";
import { BadInputError } from "../graphql/errors.js";
import { code as codeRule } from "../graphql/field-rules.js";
import { validateField } from "../graphql/inputs.js";
import { Source } from "./source.entity.js";

export async function sourceByCode(
  em: EntityManager,
  code: string | null | undefined,
  field = "source",
): Promise<Source> {
  // Official values need a source: a value nobody can trace is not published.
  if (!code) {
    throw new BadInputError(
      "An official value needs a source (the code of a registered source)",
      field,
      { reason: "SOURCE_REQUIRED" },
    );
  }
  validateField(codeRule, code, field);
  const source = await em.findOne(Source, { code });
  if (!source) {
    throw new BadInputError(
      `Unknown source "${code}" (register it with createSource first)`,
      field,
      { reason: "UNKNOWN_CODE", values: { code } },
    );
  }
  return source;
}
