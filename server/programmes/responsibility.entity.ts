import {
  Collection,
  Entity,
  Enum,
  ManyToMany,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { Agency } from "../agencies/agency.entity.js";
import { ResponsibilityRole } from "./programme.enums.js";
import { Target } from "../indicators/target.entity.js";
import { Programme } from "./programme.entity.js";

/** Who does what in a programme: one numbered body (or group of bodies) and its tasks. */
@ObjectType({ description: "A body (or group of bodies) named in a programme, its role and tasks" })
@Entity({ tableName: "responsibility" })
@Unique({ properties: ["programme", "number"] })
export class Responsibility {
  @PrimaryKey() id!: number;
  @ManyToOne(() => Programme, { ref: true }) programme!: Ref<Programme>;
  @Field(() => String) @Property({ length: 16 }) number!: string;
  @Field(() => String) @Property({ length: 32 }) section!: string;
  @Field(() => String, { description: "The body as the document names it" })
  @Property({ type: "text" })
  bodyVi!: string;
  @Field(() => ResponsibilityRole)
  @Enum({ items: () => ResponsibilityRole })
  role!: ResponsibilityRole;
  @Field(() => [String]) @Property({ type: "json" }) tasksVi!: string[];
  @ManyToMany(() => Agency, undefined, { pivotTable: "responsibility_agency" }) agencies =
    new Collection<Agency>(this);
  @ManyToMany(() => Target, undefined, { pivotTable: "responsibility_target" }) leadsTargets =
    new Collection<Target>(this);
}
