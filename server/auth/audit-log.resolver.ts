import type { GraphQLResolveInfo } from "graphql";
import type { FilterQuery } from "@mikro-orm/core";
import {
  Args,
  ArgsType,
  Ctx,
  Field,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  Info,
} from "type-graphql";
import { z } from "zod";
import { argsSchema, inputSchema } from "../graphql/inputs.js";
import { text } from "../graphql/field-rules.js";
import { requireAdmin } from "./guard.js";
import { Connection, PageArgs } from "../graphql/connection.js";
import { findConnection } from "../graphql/list-query.js";
import { BadInputError } from "../graphql/errors.js";
import type { Context } from "../context.js";
import { AuditAction, AuditEntry } from "../audit/audit-entry.entity.js";

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntry, "AuditEntry") {}

@InputType({ description: "Which audit records to return" })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: "Table name, e.g. observation" }) entity?:
    string | null;
  @Field(() => String, { nullable: true }) entityId?: string | null;
  @Field(() => Int, { nullable: true }) userId?: number | null;
  @Field(() => [AuditAction], { nullable: true }) actions?: AuditAction[] | null;
  @Field(() => Date, { nullable: true, description: "From this instant on" }) since?: Date | null;
  @Field(() => Date, { nullable: true, description: "Before this instant" }) until?: Date | null;
}

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => AuditFilter, { nullable: true }) filter?: AuditFilter | null;
}
const auditFilter = inputSchema(
  AuditFilter,
  z.object({ entity: text(64).nullish(), entityId: text(64).nullish() }),
);
argsSchema(AuditLogArgs, z.object({ filter: auditFilter.nullish() }));

// The audit trail, for admins. It sits with the users (auth/) because only admins read it and it
// lists users' actions; audit/ only records (audit.ts), so every feature, auth included, records
// without a cycle between the two folders.
@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      "Every recorded write, newest first (admins only). Read-only: no API path changes it.",
  })
  async auditLog(
    @Args(() => AuditLogArgs) args: AuditLogArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AuditEntryConnection> {
    requireAdmin(ctx);
    const f = args.filter ?? {};
    if (f.since && f.until && f.since > f.until) {
      throw new BadInputError("since is after until", "since");
    }
    const where: FilterQuery<AuditEntry> = {};
    if (f.entity) where.entity = f.entity;
    if (f.entityId) where.entityId = f.entityId;
    if (f.userId != null) where.userId = f.userId;
    if (f.actions?.length) where.action = { $in: f.actions };
    if (f.since || f.until) {
      where.at = { ...(f.since ? { $gte: f.since } : {}), ...(f.until ? { $lt: f.until } : {}) };
    }
    return findConnection(ctx.em, AuditEntry, where, [{ at: "desc" }, { id: "desc" }], args, info);
  }
}
