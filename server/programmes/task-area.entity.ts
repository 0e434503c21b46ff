import { TaskTheme } from "./programme.enums.js";
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { Programme } from "./programme.entity.js";

@ObjectType({ description: "One item of a task group, as labelled in the document" })
export class TaskItem {
  @Field(() => String) label!: string;
  @Field(() => String) textVi!: string;
}

/** A group of tasks and solutions in a programme document (communication, inspection, ...). */
@ObjectType({ description: "A group of tasks and solutions of a programme, with its items" })
@Entity({ tableName: "task_area" })
@Unique({ properties: ["programme", "number"] })
export class TaskArea {
  @PrimaryKey() id!: number;
  @ManyToOne(() => Programme, { ref: true }) programme!: Ref<Programme>;
  @Field(() => String) @Property({ length: 16 }) number!: string;
  @Field(() => String, { description: "Section of the document, e.g. IV.1" })
  @Property({ length: 32 })
  section!: string;
  @Field(() => String) @Property({ type: "text" }) titleVi!: string;
  @Field(() => String) @Property({ type: "text" }) titleEn!: string;
  @Field(() => [TaskItem]) @Property({ type: "json" }) items!: TaskItem[];
  /** Our classification (seeded), so task groups of different documents line up by theme. */
  @Field(() => [TaskTheme], {
    description: "Themes the group covers (our classification, not the document's words)",
  })
  @Property({ type: "json", default: "[]" })
  themes: TaskTheme[] = [];
}
