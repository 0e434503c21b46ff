import type { ObjectQuery } from "@mikro-orm/core";
import { Args, ArgsType, Ctx, Field, ObjectType, Query, Resolver } from "type-graphql";
import { CodeArgs } from "../graphql/id-args.js";
import { Connection, PageArgs } from "../graphql/connection.js";
import { containing, findConnection } from "../graphql/list-query.js";
import { Grade } from "../graphql/enums.js";
import { checkCodes, checkText } from "../graphql/validate.js";
import type { Context } from "../context.js";
import { Source } from "./source.entity.js";
import { Code } from "../graphql/code.js";

@ObjectType()
export class SourceConnection extends Connection(Source, "Source") {}

@ArgsType()
class SourcesArgs extends PageArgs {
  @Field(() => [Grade], { nullable: true }) grades?: Grade[] | null;
  @Field(() => String, { nullable: true, description: "Part of the title, URL or document number" })
  search?: string | null;
}

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, {
    description: "Sources of values, with their reliability grades",
  })
  async sources(
    @Args(() => SourcesArgs) args: SourcesArgs,
    @Ctx() { em }: Context,
  ): Promise<SourceConnection> {
    checkText(args.search, "search");
    const where: ObjectQuery<Source> = {};
    if (args.grades?.length) where.grade = { $in: args.grades };
    if (args.search) {
      const like = containing(args.search);
      where.$or = [
        { title: { $ilike: like } },
        { url: { $ilike: like } },
        { documentNumber: { $ilike: like } },
      ];
    }
    return findConnection(em, Source, where, { code: "asc" }, args);
  }

  @Query(() => Source, { nullable: true })
  async source(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() { em }: Context) {
    return em.findOne(Source, { code });
  }
}
