/**
 * GraphQL shapes of `programmeAlignment`: flat objects built from two SQL statements, so the
 * request never walks relations one row at a time.
 */
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Comparator, Direction, Measure, TargetKind } from "../indicators/indicator.enums.js";
import { ResponsibilityRole, TaskTheme } from "../programmes/programme.enums.js";

export enum AlignmentRelationType {
  SAME = "SAME",
  STRICTER = "STRICTER",
  LOOSER = "LOOSER",
  DIFFERENT_MEASURE = "DIFFERENT_MEASURE",
  NOT_ADOPTED = "NOT_ADOPTED",
  DISPUTED = "DISPUTED",
}
export enum AlignmentNoteType {
  PERIOD_DIFFERS = "PERIOD_DIFFERS",
  BASE_YEAR_DIFFERS = "BASE_YEAR_DIFFERS",
  NATIONAL_VALUE_DISPUTED = "NATIONAL_VALUE_DISPUTED",
  DIFFERENT_INDICATOR = "DIFFERENT_INDICATOR",
  DIFFERENT_UNIT = "DIFFERENT_UNIT",
  DIFFERENT_KIND = "DIFFERENT_KIND",
  OPPOSITE_BOUNDS = "OPPOSITE_BOUNDS",
}
registerEnumType(AlignmentRelationType, {
  name: "AlignmentRelation",
  description:
    "How a provincial target relates to the national one: SAME, STRICTER (higher floor, lower ceiling, faster pace), LOOSER, DIFFERENT_MEASURE, NOT_ADOPTED (no counterpart), DISPUTED (depends on which sourced national value is right)",
});
registerEnumType(AlignmentNoteType, {
  name: "AlignmentNote",
  description: "What else differs between the two targets (period, base year, disputed value…)",
});

@ObjectType({
  description: "An agency as named in the alignment, with its successor if it was merged",
})
export class AlignedAgency {
  @Field(() => String) code!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => String, { nullable: true }) successorNameVi!: string | null;
  @Field(() => String, { nullable: true }) successorNameEn!: string | null;
}

@ObjectType({
  description: "A programme in the comparison, with its unit and what the unit became",
})
export class AlignedProgramme {
  @Field(() => String) code!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => Int) startYear!: number;
  @Field(() => Int) endYear!: number;
  @Field(() => String) unitCode!: string;
  @Field(() => String) unitNameVi!: string;
  @Field(() => String) unitNameEn!: string;
  @Field(() => String, { nullable: true, description: "Last day the unit existed" })
  unitValidTo!: string | null;
  @Field(() => String, { nullable: true, description: "The unit it became part of (hai-phong-34)" })
  successorUnitCode!: string | null;
  @Field(() => String, { nullable: true }) successorUnitNameVi!: string | null;
  @Field(() => String, { nullable: true }) successorUnitNameEn!: string | null;
  @Field(() => String, { nullable: true, description: "Programme it implements" })
  implementsCode!: string | null;
}

@ObjectType({ description: "Another value a source gives for a target" })
export class AlignedAlternative {
  @Field(() => Float) value!: number;
  @Field(() => String) sourceCode!: string;
  @Field(() => String, { nullable: true }) sourceTitle!: string | null;
  @Field(() => String, { nullable: true }) sourceGrade!: string | null;
  @Field(() => String) note!: string;
}

@ObjectType({ description: "One target as the comparison shows it" })
export class AlignedTarget {
  @Field(() => String) programme!: string;
  @Field(() => String) number!: string;
  @Field(() => String, { nullable: true }) part!: string | null;
  @Field(() => String, { description: "Number and part, e.g. 2a" }) label!: string;
  @Field(() => TargetKind) kind!: TargetKind;
  @Field(() => Comparator) comparator!: Comparator;
  @Field(() => Float) value!: number;
  @Field(() => Int, { nullable: true }) baseYear!: number | null;
  @Field(() => Int) endYear!: number;
  @Field(() => String) section!: string;
  @Field(() => String) textVi!: string;
  @Field(() => String, { nullable: true }) textEn!: string | null;
  @Field(() => String) indicatorCode!: string;
  @Field(() => String) indicatorNameVi!: string;
  @Field(() => String) indicatorNameEn!: string;
  @Field(() => Measure) measure!: Measure;
  @Field(() => Direction) direction!: Direction;
  @Field(() => AlignedAgency, { nullable: true }) leadAgency!: AlignedAgency | null;
  @Field(() => String, { nullable: true }) sourceTitle!: string | null;
  @Field(() => String, { nullable: true }) sourceGrade!: string | null;
  @Field(() => String, { nullable: true, description: "Where sources disagree" })
  conflict!: string | null;
  @Field(() => [AlignedAlternative]) alternatives!: AlignedAlternative[];
}

@ObjectType({ description: "The relation against one candidate national value" })
export class AlignmentCandidate {
  @Field(() => Float) nationalValue!: number;
  @Field(() => AlignmentRelationType) relation!: AlignmentRelationType;
}

@ObjectType({ description: "A provincial programme's counterpart of a national target (or none)" })
export class AlignmentCell {
  @Field(() => String) programme!: string;
  @Field(() => AlignedTarget, {
    nullable: true,
    description: "Null: the programme has no counterpart",
  })
  target!: AlignedTarget | null;
  @Field(() => AlignmentRelationType) relation!: AlignmentRelationType;
  @Field(() => [AlignmentNoteType]) notes!: AlignmentNoteType[];
  @Field(() => [AlignmentCandidate], {
    description: "More than one only when the national value is disputed",
  })
  candidates!: AlignmentCandidate[];
  @Field(() => String) reasonVi!: string;
  @Field(() => String) reasonEn!: string;
}

@ObjectType({
  description: "One national target and its counterparts in each provincial programme",
})
export class AlignmentRow {
  @Field(() => AlignedTarget) national!: AlignedTarget;
  @Field(() => [AlignmentCell], {
    description: "One per provincial programme (more if it splits the target)",
  })
  cells!: AlignmentCell[];
}

@ObjectType({ description: "A body leading part of a programme" })
export class AlignedLead {
  @Field(() => String) number!: string;
  @Field(() => String) section!: string;
  @Field(() => String) bodyVi!: string;
  @Field(() => ResponsibilityRole) role!: ResponsibilityRole;
  @Field(() => [AlignedAgency]) agencies!: AlignedAgency[];
  @Field(() => [String], { description: "Labels of the targets it leads" }) targets!: string[];
  @Field(() => Int) taskCount!: number;
}

@ObjectType({ description: "A task group with the themes it covers" })
export class AlignedTaskGroup {
  @Field(() => String) number!: string;
  @Field(() => String) section!: string;
  @Field(() => String) titleVi!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => [TaskTheme]) themes!: TaskTheme[];
  @Field(() => Int) itemCount!: number;
}

@ObjectType({
  description:
    "Task groups and leads of a programme, taken from the programme itself or from a plan of the same unit that rests on it",
})
export class ProgrammeTasks {
  @Field(() => String, { description: "The programme compared" }) programme!: string;
  @Field(() => String, { description: "The document the groups come from" }) fromProgramme!: string;
  @Field(() => String) fromNameVi!: string;
  @Field(() => String) fromNameEn!: string;
  @Field(() => [AlignedTaskGroup]) taskGroups!: AlignedTaskGroup[];
  @Field(() => [AlignedLead]) leads!: AlignedLead[];
}

@ObjectType({
  description: "A national programme and provincial programmes compared target by target",
})
export class ProgrammeAlignment {
  @Field(() => AlignedProgramme) national!: AlignedProgramme;
  @Field(() => [AlignedProgramme]) provincial!: AlignedProgramme[];
  @Field(() => [AlignmentRow], { description: "National targets in document order" })
  rows!: AlignmentRow[];
  @Field(() => [AlignedTarget], { description: "Provincial targets with no national counterpart" })
  provincialOnly!: AlignedTarget[];
  @Field(() => [ProgrammeTasks]) tasks!: ProgrammeTasks[];
}
