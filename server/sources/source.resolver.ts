import { Arg, Args, ArgsType, Ctx, Field, ObjectType, Query, Resolver } from "type-graphql";
import { Connection, PageArgs, toConnection, toPage } from "../graphql/connection.js";
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
    const page = toPage(args);
    const where: Record<string, unknown> = {};
    if (args.grades?.length) where.grade = { $in: args.grades };
    if (args.search) {
      const like = `%${args.search.replace(/[\\%_]/g, c => "\\" + c)}%`;
      where.$or = [
        { title: { $ilike: like } },
        { url: { $ilike: like } },
        { documentNumber: { $ilike: like } },
      ];
    }
    const [items, total] = await em.findAndCount(Source, where, {
      orderBy: { code: "asc" },
      limit: page.limit,
      offset: page.offset,
    });
    return toConnection(items, total, page);
  }

  @Query(() => Source, { nullable: true })
  async source(@Arg("code", () => Code) code: string, @Ctx() { em }: Context) {
    checkCodes([code], "code");
    return em.findOne(Source, { code });
  }
}
