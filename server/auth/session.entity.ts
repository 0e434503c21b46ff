import {
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Opt,
  type Ref,
} from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { User } from "./user.entity.js";

/**
 * A browser session, made by signing in with an API token. The cookie holds a random secret;
 * only its sha256 is stored, so a copy of the database lets no one in. A session ends when it
 * is revoked (sign-out), idle for 12 hours, or 7 days old, whichever comes first.
 */
@ObjectType({ description: "A browser session (signed in with an API token)" })
@Entity({ tableName: "user_session" })
export class UserSession {
  @Field(() => Int) @PrimaryKey() id!: number;
  @ManyToOne(() => User, { ref: true, deleteRule: "cascade" }) @Index() user!: Ref<User>;
  @Property({ length: 64, unique: true }) hash!: string;
  @Field(() => Date) @Property({ type: "timestamptz", defaultRaw: "now()" }) createdAt: Date & Opt =
    new Date();
  @Field(() => Date, { description: "Last request made with the session (to the minute)" })
  @Property({ type: "timestamptz", defaultRaw: "now()" })
  lastSeenAt: Date & Opt = new Date();
  @Field(() => Date, { description: "When the session ends at the latest (7 days after sign-in)" })
  @Property({ type: "timestamptz" })
  expiresAt!: Date;
  @Field(() => Date, { nullable: true })
  @Property({ type: "timestamptz", nullable: true })
  revokedAt?: Date | null;
  @Field(() => String, { nullable: true, description: "Browser that signed in (User-Agent)" })
  @Property({ length: 256, nullable: true })
  userAgent?: string | null;
}
