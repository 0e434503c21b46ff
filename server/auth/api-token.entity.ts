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
 * An API token. Only the sha256 of the token is stored, so a copy of the database does not give
 * anyone write access; the first characters (`prefix`) are kept so a user can tell tokens apart.
 */
@ObjectType({ description: "An API token (the secret itself is shown once, when it is issued)" })
@Entity({ tableName: "api_token" })
export class ApiToken {
  @Field(() => Int) @PrimaryKey() id!: number;
  @ManyToOne(() => User, { ref: true, deleteRule: "cascade" }) @Index() user!: Ref<User>;
  @Property({ length: 64, unique: true }) hash!: string;
  @Field(() => String, { description: "First characters of the token, to recognise it" })
  @Property({ length: 16 })
  prefix!: string;
  @Field(() => String, { nullable: true }) @Property({ length: 128, nullable: true }) label?:
    string | null;
  @Field(() => Date) @Property({ type: "timestamptz", defaultRaw: "now()" }) createdAt: Date & Opt =
    new Date();
  @Field(() => Date, { nullable: true })
  @Property({ type: "timestamptz", nullable: true })
  revokedAt?: Date | null;
}
