import { ArgsType, Field, Int } from "type-graphql";
import { z } from "zod";
import { Code } from "./code.js";
import { code, id } from "./field-rules.js";
import { argsSchema } from "./inputs.js";

/** The one argument of the mutations that change a record by its id (approve, delete, revoke). */
@ArgsType()
export class IdArgs {
  @Field(() => Int) id!: number;
}
argsSchema(IdArgs, z.object({ id }));

/** The one argument of the queries that read a record by its code. */
@ArgsType()
export class CodeArgs {
  @Field(() => Code) code!: string;
}
argsSchema(CodeArgs, z.object({ code }));
