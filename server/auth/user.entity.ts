import {
  Collection,
  Entity,
  Enum,
  ManyToMany,
  ManyToOne,
  PrimaryKey,
  Property,
  type Opt,
  type Ref,
} from "@mikro-orm/core";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { AdministrativeUnit } from "../units/unit.entity.js";

export enum Role {
  VIEWER = "VIEWER",
  STEWARD = "STEWARD",
  ADMIN = "ADMIN",
}
registerEnumType(Role, {
  name: "Role",
  description:
    "VIEWER reads (as anyone may); STEWARD writes data of its units; ADMIN writes everything and manages users",
});

/** Someone who holds API tokens. Stewards write only the units listed in `units`. */
@ObjectType({ description: "A user of the write API" })
@Entity({ tableName: "app_user" })
export class User {
  @Field(() => Int) @PrimaryKey() id!: number;
  @Field(() => String) @Property({ length: 128, unique: true }) name!: string;
  @Field(() => Role) @Enum({ items: () => Role }) role!: Role;
  // Scope of a steward; ignored for admins (who may write every unit) and viewers (who write none).
  @ManyToMany(() => AdministrativeUnit, undefined, { pivotTable: "app_user_unit" })
  units = new Collection<AdministrativeUnit>(this);
  @Field(() => Date) @Property({ type: "timestamptz", defaultRaw: "now()" }) createdAt: Date & Opt =
    new Date();
  // The admin who created this user (null for the first admin, made from the command line): an
  // admin may not approve drafts of an admin account of their own making (a second pair of eyes
  // they control is not a second pair of eyes).
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: "set null" })
  createdBy?: Ref<User> | null;
}
