import { Entity, Enum, Index, PrimaryKey, Property } from "@mikro-orm/core";
import { GraphQLJSON } from "graphql-scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum AuditAction {
  CREATE = "CREATE",
  UPDATE = "UPDATE",
  DELETE = "DELETE",
  APPROVE = "APPROVE",
  REJECT = "REJECT",
  /** A browser session opened with an API token (signIn); the token itself is never recorded. */
  SIGN_IN = "SIGN_IN",
  /** A session ended by its user (signOut, or revokeSession of another of their sessions). */
  SIGN_OUT = "SIGN_OUT",
  /** signIn with a token that is unknown, revoked or malformed: who is not known, only where from. */
  SIGN_IN_REFUSED = "SIGN_IN_REFUSED",
}
registerEnumType(AuditAction, {
  name: "AuditAction",
  description: "What a write did, or a sign-in, sign-out or refused sign-in",
});

/**
 * One write, as it happened: who, when, which row, and the row before and after. The table is
 * append-only: a database trigger refuses UPDATE and DELETE, and no API path changes it.
 */
@ObjectType({
  description: "One recorded write: who, when, which row, and the row before and after",
})
@Entity({ tableName: "audit_log" })
@Index({ properties: ["entity", "entityId"] })
export class AuditEntry {
  @Field(() => ID) @PrimaryKey({ type: "bigint" }) id!: string;
  @Field(() => Date) @Property({ type: "timestamptz", defaultRaw: "now()" }) @Index() at: Date =
    new Date();
  // The user's id and name are copied, not referenced, so the record outlives the user.
  @Field(() => Int, { nullable: true }) @Property({ type: "integer", nullable: true }) userId?:
    number | null;
  @Field(() => String) @Property({ length: 128 }) userName!: string;
  @Field(() => String, { description: "Table name of the row, e.g. observation" })
  @Property({ length: 64 })
  entity!: string;
  @Field(() => String) @Property({ length: 64 }) entityId!: string;
  @Field(() => AuditAction) @Enum({ items: () => AuditAction }) action!: AuditAction;
  @Field(() => GraphQLJSON, { nullable: true })
  @Property({ type: "jsonb", nullable: true })
  before?: unknown;
  @Field(() => GraphQLJSON, { nullable: true })
  @Property({ type: "jsonb", nullable: true })
  after?: unknown;
  @Field(() => String, { nullable: true, description: 'Why, e.g. "import accidents.csv"' })
  @Property({ type: "text", nullable: true })
  note?: string | null;
}
