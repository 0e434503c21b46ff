import {
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { z } from "zod";
import { argsSchema, inputSchema } from "../graphql/inputs.js";
import { codes, id, text } from "../graphql/field-rules.js";
import { IdArgs } from "../graphql/id-args.js";
import { AuditAction } from "../audit/audit-entry.entity.js";
import { recordAudit } from "../audit/audit.js";
import { BadInputError } from "../graphql/errors.js";
import type { Context } from "../context.js";
import { AdministrativeUnit } from "../units/unit.entity.js";
import { ApiToken } from "./api-token.entity.js";
import { requireAdmin, requireUser, writableUnitIds } from "./guard.js";
import { issueToken } from "./tokens.js";
import { Role, User } from "./user.entity.js";
import { unitsByCode } from "../units/unit.rules.js";
import { createUserWithToken, newUserSchema, tokenRecord, userRecord } from "./user.service.js";
import { Code } from "../graphql/code.js";

@InputType({ description: "A new user of the write API" })
export class CreateUserInput {
  @Field(() => String) name!: string;
  @Field(() => Role) role!: Role;
  @Field(() => [Code], { nullable: true, description: "Codes of the units a steward may write" })
  units?: string[] | null;
}

@ObjectType({ description: "A token just issued: the secret is shown here once and never again" })
export class IssuedToken {
  @Field(() => String, { description: "Send as `Authorization: Bearer <token>`" }) token!: string;
  @Field(() => ApiToken) record!: ApiToken;
  @Field(() => User) user!: User;
}

@ArgsType()
class CreateUserArgs {
  @Field(() => CreateUserInput) input!: CreateUserInput;
}

@ArgsType()
class SetUserUnitsArgs {
  @Field(() => Int) userId!: number;
  @Field(() => [Code]) units!: string[];
}

@ArgsType()
class IssueTokenArgs {
  @Field(() => Int) userId!: number;
  @Field(() => String, { nullable: true }) label?: string | null;
}

// The same rules as a first admin made from the command line (user.service.ts).
const createUser = inputSchema(CreateUserInput, newUserSchema);
argsSchema(CreateUserArgs, z.object({ input: createUser }));
argsSchema(SetUserUnitsArgs, z.object({ userId: id, units: codes() }));
argsSchema(IssueTokenArgs, z.object({ userId: id, label: text(128).nullish() }));

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, {
    nullable: true,
    description: "The user of the API token or browser session sent, or null without one",
  })
  me(@Ctx() ctx: Context) {
    return ctx.user ? ctx.em.findOne(User, ctx.user.id) : null;
  }

  @Query(() => [User], { description: "Every user (admins only)" })
  users(@Ctx() ctx: Context) {
    requireAdmin(ctx);
    return ctx.em.find(User, {}, { orderBy: { name: "asc" } });
  }

  @FieldResolver(() => [AdministrativeUnit], { description: "Units a steward may write" })
  async units(@Root() user: User) {
    return (await user.units.load()).getItems();
  }

  @FieldResolver(() => [AdministrativeUnit], {
    description:
      "Units a steward may write: its units and the former units merged into them (hai-phong-34 also writes hai-duong-63 and hai-phong-63); empty for others (admins write every unit)",
  })
  async writableUnits(@Root() user: User, @Ctx() ctx: Context) {
    if (user.role !== Role.STEWARD) return [];
    const assigned = (await user.units.load()).getItems();
    const ids = await writableUnitIds(
      ctx.em,
      assigned.map(u => u.id),
    );
    const former = await ctx.em.find(
      AdministrativeUnit,
      { id: { $in: ids.filter(id => !assigned.some(u => u.id === id)) } },
      { orderBy: { code: "asc" } },
    );
    return [...assigned, ...former];
  }

  @FieldResolver(() => [ApiToken], {
    description: "Tokens (their prefixes), only for the user or an admin",
  })
  async tokens(@Root() user: User, @Ctx() ctx: Context) {
    const me = requireUser(ctx);
    if (me.role !== "ADMIN" && me.id !== user.id) return [];
    return ctx.loaders.children(ApiToken, "user", {}, { id: "asc" }).load(user.id);
  }

  @Mutation(() => IssuedToken, { description: "Creates a user with a first token (admins only)" })
  async createUser(
    @Args(() => CreateUserArgs) { input }: CreateUserArgs,
    @Ctx() ctx: Context,
  ): Promise<IssuedToken> {
    const admin = requireAdmin(ctx);
    const { user, token } = await createUserWithToken(ctx.em, input, admin);
    const record = await ctx.em.findOneOrFail(ApiToken, { user }, { orderBy: { id: "desc" } });
    return { token, record, user };
  }

  @Mutation(() => User, { description: "Replaces the units a steward may write (admins only)" })
  async setUserUnits(
    @Args(() => SetUserUnitsArgs) { userId, units }: SetUserUnitsArgs,
    @Ctx() ctx: Context,
  ): Promise<User> {
    const admin = requireAdmin(ctx);
    return ctx.em.transactional(async tx => {
      const user = await tx.findOne(User, userId, { populate: ["units"] });
      if (!user) throw new BadInputError(`No user ${userId}`, "userId");
      if (user.role !== Role.STEWARD && units.length) {
        throw new BadInputError("Only stewards have units", "units");
      }
      const before = userRecord(user);
      user.units.set(await unitsByCode(tx, units));
      recordAudit(tx, admin, {
        entity: "app_user",
        entityId: user.id,
        action: AuditAction.UPDATE,
        before,
        after: userRecord(user),
      });
      return user;
    });
  }

  @Mutation(() => IssuedToken, { description: "Issues another token for a user (admins only)" })
  async issueToken(
    @Args(() => IssueTokenArgs) { userId, label }: IssueTokenArgs,
    @Ctx() ctx: Context,
  ): Promise<IssuedToken> {
    const admin = requireAdmin(ctx);
    return ctx.em.transactional(async tx => {
      const user = await tx.findOne(User, userId);
      if (!user) throw new BadInputError(`No user ${userId}`, "userId");
      const { token, record } = issueToken(tx, user, label ?? null);
      await tx.flush();
      recordAudit(tx, admin, {
        entity: "api_token",
        entityId: record.id,
        action: AuditAction.CREATE,
        after: tokenRecord(record),
      });
      return { token, record, user };
    });
  }

  @Mutation(() => ApiToken, {
    description: "Revokes a token: it stops working at once (admins, or the owner of the token)",
  })
  async revokeToken(@Args(() => IdArgs) { id }: IdArgs, @Ctx() ctx: Context): Promise<ApiToken> {
    const me = requireUser(ctx);
    return ctx.em.transactional(async tx => {
      const record = await tx.findOne(ApiToken, id);
      if (!record || (me.role !== "ADMIN" && record.user.id !== me.id)) {
        throw new BadInputError(`No token ${id} you may revoke`, "id");
      }
      if (record.revokedAt) return record;
      const before = tokenRecord(record);
      record.revokedAt = new Date();
      recordAudit(tx, me, {
        entity: "api_token",
        entityId: record.id,
        action: AuditAction.UPDATE,
        before,
        after: tokenRecord(record),
      });
      return record;
    });
  }
}
