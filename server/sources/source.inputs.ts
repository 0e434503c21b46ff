import { GraphQLLocalDate } from "graphql-scalars";
import { ArgsType, Field, InputType } from "type-graphql";
import { z } from "zod";
import { Code } from "../graphql/code.js";
import { Grade } from "../graphql/enums.js";
import { code, httpUrl, requiredText, text } from "../graphql/field-rules.js";
import { argsSchema, inputSchema } from "../graphql/inputs.js";

// The inputs of the source writes and their rules (existence and who may change a source need
// the database: source.mutations.ts).

@InputType({ description: "A source fields; on update, fields left out keep their value" })
export class SourcePatch {
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => String, { nullable: true }) documentNumber?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) publisher?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) publishedOn?: string | null;
  @Field(() => Grade, { nullable: true }) grade?: Grade | null;
  @Field(() => String, { nullable: true }) language?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType({ description: "A new source: a web page or a document, with its reliability grade" })
export class CreateSourceInput extends SourcePatch {
  @Field(() => Code) code!: string;
  @Field(() => String) override title!: string;
  @Field(() => Grade) override grade!: Grade;
}

@ArgsType()
export class CreateSourceArgs {
  @Field(() => CreateSourceInput) input!: CreateSourceInput;
}

@ArgsType()
export class SourceCodeArgs {
  @Field(() => Code) code!: string;
}

@ArgsType()
export class UpdateSourceArgs {
  @Field(() => Code) code!: string;
  @Field(() => SourcePatch) patch!: SourcePatch;
}

const fields = {
  url: httpUrl("must be an http(s) address").nullish(),
  documentNumber: text(255).nullish(),
  publisher: text(255).nullish(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, { error: "must be a language tag such as vi or en" })
    .nullish(),
  note: text(4000, { multiLine: true }).nullish(),
};
const title = requiredText(2000);

const patchSchema = inputSchema(SourcePatch, z.object({ ...fields, title: title.nullish() }));
const createSchema = inputSchema(CreateSourceInput, z.object({ code, ...fields, title }));

argsSchema(CreateSourceArgs, z.object({ input: createSchema }));
argsSchema(SourceCodeArgs, z.object({ code }));
argsSchema(UpdateSourceArgs, z.object({ code, patch: patchSchema }));
