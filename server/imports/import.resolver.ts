import {
  Args,
  ArgsType,
  Ctx,
  Field,
  Int,
  Mutation,
  ObjectType,
  registerEnumType,
  Resolver,
} from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { code, text } from "../graphql/field-rules.js";
import { requireWriter } from "../auth/guard.js";
import type { Context } from "../context.js";
import { ImportLayout, runImport } from "./import.service.js";
import { Code } from "../graphql/code.js";

registerEnumType(ImportLayout, {
  name: "ImportLayout",
  description: "Column layout of a CSV import (see seeds/samples/)",
});

@ObjectType("ImportProblem", { description: "A problem in an imported file" })
export class ImportProblemType {
  @Field(() => Int, { description: "Line in the file (1 is the header)" }) line!: number;
  @Field(() => String, { nullable: true }) column!: string | null;
  @Field(() => String) message!: string;
  @Field(() => String, { description: "BAD_USER_INPUT, or FORBIDDEN for a row outside your units" })
  code!: string;
}

@ObjectType("ImportReport", { description: "What an import did (or, in a dry run, would do)" })
export class ImportReportType {
  @Field(() => ImportLayout) layout!: ImportLayout;
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => Int, { description: "Data rows read" }) rows!: number;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int, { description: "Rows equal to what is stored: left alone" }) unchanged!: number;
  @Field(() => [ImportProblemType], {
    description:
      "Every problem with its line; a real import with problems writes nothing and fails",
  })
  problems!: ImportProblemType[];
}

@ArgsType()
class ImportCsvArgs {
  @Field(() => ImportLayout) layout!: ImportLayout;
  @Field(() => String) csv!: string;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) dryRun?: boolean | null;
  @Field(() => Code, {
    nullable: true,
    description: "Code of the source of accident values (required for ACCIDENTS)",
  })
  source?: string | null;
}
// The file's size and its rows are checked by the CSV reader and the layouts (each row with the
// schema of the mutation it stands for); here, the arguments themselves.
argsSchema(
  ImportCsvArgs,
  z.object({ csv: text(Number.MAX_SAFE_INTEGER, { multiLine: true }), source: code.nullish() }),
);

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportReportType, {
    description:
      "Imports a CSV file (UTF-8, at most 5 MB and 50000 rows), all rows or none. Accident values enter as DRAFT. Bodies over 1 MB need the Authorization header.",
  })
  importCsv(
    @Args(() => ImportCsvArgs) { layout, csv, dryRun, source }: ImportCsvArgs,
    @Ctx() ctx: Context,
  ): Promise<ImportReportType> {
    const user = requireWriter(ctx);
    return runImport(ctx.em, user, { layout, csv, dryRun: dryRun ?? false, source });
  }
}
