import type { GraphQLResolveInfo } from "graphql";
import type { ObjectQuery } from "@mikro-orm/core";
import { Args, ArgsType, Ctx, Field, Info, ObjectType, Query, Resolver } from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { text } from "../graphql/field-rules.js";
import { CodeArgs } from "../graphql/id-args.js";
import { Connection, PageArgs } from "../graphql/connection.js";
import { containing, findConnection } from "../graphql/list-query.js";
import { Grade } from "../graphql/enums.js";
import type { Context } from "../context.js";
import { Source } from "./source.entity.js";

@ObjectType()
export class SourceConnection extends Connection(Source, "Source") {}

@ArgsType()
class SourcesArgs extends PageArgs {
  @Field(() => [Grade], { nullable: true }) grades?: Grade[] | null;
  @Field(() => String, { nullable: true, description: "Part of the title, URL or document number" })
  search?: string | null;
}
argsSchema(SourcesArgs, z.object({ search: text(200).nullish() }));

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, {
    description: "Sources of values, with their reliability grades",
  })
  async sources(
    @Args(() => SourcesArgs) args: SourcesArgs,
    @Ctx() { em }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SourceConnection> {
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
    return findConnection(em, Source, where, { code: "asc" }, args, info);
  }

  @Query(() => Source, { nullable: true })
  async source(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() { em }: Context) {
    return em.findOne(Source, { code });
  }
}
