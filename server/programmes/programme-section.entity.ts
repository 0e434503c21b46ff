import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref } from "@mikro-orm/core";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Programme } from "./programme.entity.js";

/** What a numbered section of a programme document is about. */
export enum SectionKind {
  PURPOSE = "PURPOSE",
  TARGETS = "TARGETS",
  TIMEFRAME = "TIMEFRAME",
  TASKS = "TASKS",
  FUNDING = "FUNDING",
  ORGANISATION = "ORGANISATION",
}
registerEnumType(SectionKind, {
  name: "SectionKind",
  description:
    "PURPOSE (mục đích, yêu cầu), TARGETS (mục tiêu), TIMEFRAME (thời gian), TASKS (nội dung, nhiệm vụ, giải pháp), FUNDING (kinh phí), ORGANISATION (tổ chức thực hiện)",
});

@ObjectType({ description: "One item of a document section, labelled as in the document" })
export class SectionItem {
  @Field(() => String, { description: "Label as printed (1, a, đ, ...)" }) label!: string;
  @Field(() => String, {
    description: "The item in Vietnamese (verbatim where `verbatim` is true, else shortened)",
  })
  textVi!: string;
  @Field(() => String, { nullable: true }) textEn?: string | null;
  @Field(() => Boolean, { description: "Whether textVi is copied verbatim from the document" })
  verbatim!: boolean;
  @Field(() => Float, {
    nullable: true,
    description: "Amount in billion VND, only where the document states one; null otherwise",
  })
  amountBillionVnd?: number | null;
}

/** A numbered (top-level) section of a programme's document, so every part of the document is represented. */
@ObjectType({
  description:
    "A numbered section of the programme document (I, II, ...), with a summary and its items",
})
@Entity({ tableName: "programme_section" })
@Unique({ properties: ["programme", "number"] })
export class ProgrammeSection {
  @PrimaryKey() id!: number;
  @ManyToOne(() => Programme, { ref: true }) programme!: Ref<Programme>;
  @Field(() => String, { description: "Section number as printed, e.g. V" })
  @Property({ length: 16 })
  number!: string;
  @Field(() => Int, { description: "Order within the document" })
  @Property({ type: "smallint" })
  position!: number;
  @Field(() => SectionKind) @Enum({ items: () => SectionKind }) kind!: SectionKind;
  @Field(() => String, { description: "Heading as printed" })
  @Property({ type: "text" })
  titleVi!: string;
  @Field(() => String) @Property({ type: "text" }) titleEn!: string;
  @Field(() => String, {
    nullable: true,
    description: "Our short summary of the section (not a quote)",
  })
  @Property({ type: "text", nullable: true })
  summaryVi?: string | null;
  @Field(() => String, { nullable: true }) @Property({ type: "text", nullable: true }) summaryEn?:
    string | null;
  @Field(() => [SectionItem]) @Property({ type: "json" }) items!: SectionItem[];
}
