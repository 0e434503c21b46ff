import { GraphQLLocalDate } from "graphql-scalars";
import { ArgsType, Field, InputType, registerEnumType } from "type-graphql";
import { PageArgs } from "../graphql/connection.js";
import { UnitKind, UnitLevel } from "./unit.enums.js";
import { z } from "zod";
import { codes, text } from "../graphql/field-rules.js";
import { argsSchema, inputSchema, validateInput } from "../graphql/inputs.js";
import { foldedContains } from "../graphql/fold.js";
import { Code } from "../graphql/code.js";

export enum UnitOrder {
  CODE_ASC = "CODE_ASC",
  CODE_DESC = "CODE_DESC",
  NAME_ASC = "NAME_ASC",
  NAME_DESC = "NAME_DESC",
  VALID_FROM_ASC = "VALID_FROM_ASC",
}

@InputType({ description: "Which administrative units to return" })
export class UnitFilter {
  @Field(() => [Code], { nullable: true }) codes?: string[] | null;
  @Field(() => UnitLevel, { nullable: true }) level?: UnitLevel | null;
  @Field(() => UnitKind, { nullable: true }) kind?: UnitKind | null;
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description:
      "Only units that existed on this day (63 provinces before 2025-07-01, 34 from then)",
  })
  asOf?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Part of the Vietnamese or English name (diacritics and case ignored)",
  })
  search?: string | null;
}

@ArgsType()
export class UnitsArgs extends PageArgs {
  @Field(() => UnitFilter, { nullable: true }) filter?: UnitFilter | null;
  @Field(() => UnitOrder, { nullable: true, defaultValue: UnitOrder.CODE_ASC }) orderBy?: UnitOrder;
}

/** The units filter's rules; unitWhere applies them too, for the read paths that take a filter from the query text. */
export const unitFilterSchema = inputSchema(
  UnitFilter,
  z.object({ codes: codes().nullish(), search: text(200).nullish() }),
);
argsSchema(UnitsArgs, z.object({ filter: unitFilterSchema.nullish() }));

export function unitWhere(filter: UnitFilter | null | undefined): Record<string, unknown> {
  const f = filter ?? {};
  validateInput(unitFilterSchema, f);
  const where: Record<string, unknown>[] = [];
  if (f.codes) where.push({ code: { $in: f.codes } });
  if (f.level) where.push({ level: f.level });
  if (f.kind) where.push({ kind: f.kind });
  if (f.asOf) {
    where.push({ $or: [{ validFrom: null }, { validFrom: { $lte: f.asOf } }] });
    where.push({ $or: [{ validTo: null }, { validTo: { $gte: f.asOf } }] });
  }
  if (f.search) {
    // Diacritics and case ignored: "hai duong" finds "Hải Dương".
    where.push({ $or: [foldedContains("name_vi", f.search), foldedContains("name_en", f.search)] });
  }
  return where.length ? { $and: where } : {};
}

export const unitOrderBy: Record<UnitOrder, Record<string, "asc" | "desc">> = {
  CODE_ASC: { code: "asc" },
  CODE_DESC: { code: "desc" },
  NAME_ASC: { nameVi: "asc" },
  NAME_DESC: { nameVi: "desc" },
  VALID_FROM_ASC: { validFrom: "asc", code: "asc" },
};

registerEnumType(UnitOrder, { name: "UnitOrder", description: "Order of units" });
