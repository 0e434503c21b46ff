import { Entity, Enum, PrimaryKey, Property } from "@mikro-orm/core";
import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { Grade } from "../graphql/enums.js";

@ObjectType({
  description: "Where a value comes from: a web page or a document, with its reliability grade",
})
@Entity({ tableName: "source" })
export class Source {
  @PrimaryKey() id!: number;
  @Field(() => String) @Property({ length: 96, unique: true }) code!: string;
  @Field(() => String, { nullable: true }) @Property({ type: "text", nullable: true }) url?:
    string | null;
  @Field(() => String, { nullable: true }) @Property({ nullable: true }) documentNumber?:
    string | null;
  @Field(() => String) @Property({ type: "text" }) title!: string;
  @Field(() => String, { nullable: true }) @Property({ nullable: true }) publisher?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: "date", nullable: true })
  publishedOn?: string | null;
  @Field(() => Grade) @Enum({ items: () => Grade }) grade!: Grade;
  @Field(() => String, { nullable: true }) @Property({ length: 8, nullable: true }) language?:
    string | null;
  @Field(() => String, { nullable: true }) @Property({ type: "text", nullable: true }) note?:
    string | null;
}
