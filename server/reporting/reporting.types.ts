import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { TargetKind } from "../indicators/indicator.enums.js";
import { Indicator } from "../indicators/indicator.entity.js";
import { Observation } from "../observations/observation.entity.js";
import { Programme } from "../programmes/programme.entity.js";
import { AdministrativeUnit } from "../units/unit.entity.js";

export enum ChecklistState {
  APPROVED = "APPROVED",
  DRAFT = "DRAFT",
  REJECTED = "REJECTED",
  MISSING = "MISSING",
}
registerEnumType(ChecklistState, {
  name: "ChecklistState",
  description: "A needed value: approved, a draft awaiting review, a rejected draft, or missing",
});

export enum CoverageState {
  OFFICIAL = "OFFICIAL",
  PROVISIONAL = "PROVISIONAL",
  DRAFT = "DRAFT",
  MISSING = "MISSING",
  OVERDUE = "OVERDUE",
}
registerEnumType(CoverageState, {
  name: "CoverageState",
  description:
    "A needed value in the public grid: approved official or provisional, a draft (its value is not shown), missing, or missing after the programme's yearly deadline",
});

@ObjectType({ description: "A target that needs a value" })
export class NeedingTarget {
  @Field(() => String) programme!: string;
  @Field(() => String, { description: "Number and part, e.g. 2a" }) label!: string;
  @Field(() => TargetKind) kind!: TargetKind;
  @Field(() => Int, { nullable: true }) baseYear!: number | null;
  @Field(() => Int) endYear!: number;
  @Field(() => String) textVi!: string;
  @Field(() => String, { nullable: true }) textEn!: string | null;
}

@ObjectType({ description: "One value a unit should report, with its state" })
export class ChecklistItem {
  @Field(() => Indicator) indicator!: Indicator;
  @Field(() => Int) year!: number;
  @Field(() => AdministrativeUnit, {
    description: "The unit that reports it (a former province for a year before the merger)",
  })
  unit!: AdministrativeUnit;
  @Field(() => Boolean, { description: "Some target uses this year as its base year" })
  baseYear!: boolean;
  @Field(() => ChecklistState) state!: ChecklistState;
  @Field(() => Observation, { nullable: true, description: "The stored value, in any state" })
  observation!: Observation | null;
  @Field(() => [NeedingTarget]) targets!: NeedingTarget[];
}

@ObjectType({ description: "Every value the targets covering a unit need for one year" })
export class ReportingChecklist {
  @Field(() => AdministrativeUnit) unit!: AdministrativeUnit;
  @Field(() => Int) year!: number;
  @Field(() => [ChecklistItem]) items!: ChecklistItem[];
}

@ObjectType({ description: "One cell of the public reporting grid" })
export class CoverageCell {
  @Field(() => String) indicator!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) unit!: string;
  @Field(() => CoverageState) state!: CoverageState;
  @Field(() => Boolean) baseYear!: boolean;
}

@ObjectType({ description: "A value still missing for a target to be assessable" })
export class MissingValueInfo {
  @Field(() => String) indicator!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) unit!: string;
  @Field(() => Boolean) baseYear!: boolean;
}

@ObjectType({ description: "A target of the programme and what it lacks" })
export class CoverageTarget {
  @Field(() => NeedingTarget) target!: NeedingTarget;
  @Field(() => Boolean, { description: "The method has the values it needs" })
  assessable!: boolean;
  @Field(() => [MissingValueInfo]) missing!: MissingValueInfo[];
}

@ObjectType({ description: "Counts of the needed values of one reporting unit" })
export class CoverageTotals {
  @Field(() => AdministrativeUnit) unit!: AdministrativeUnit;
  @Field(() => Int) official!: number;
  @Field(() => Int) provisional!: number;
  @Field(() => Int) draft!: number;
  @Field(() => Int) missing!: number;
  @Field(() => Int) overdue!: number;
}

@ObjectType({
  description:
    "Public reporting status of a programme for a unit: which needed values are in, as drafts, or missing",
})
export class ReportingCoverage {
  @Field(() => Programme) programme!: Programme;
  @Field(() => AdministrativeUnit) unit!: AdministrativeUnit;
  @Field(() => [Int]) years!: number[];
  @Field(() => [Indicator]) indicators!: Indicator[];
  @Field(() => [CoverageCell]) cells!: CoverageCell[];
  @Field(() => [CoverageTarget]) targets!: CoverageTarget[];
  @Field(() => [CoverageTotals]) totals!: CoverageTotals[];
  @Field(() => [AdministrativeUnit], {
    description: "Every unit named in cells (the unit and, before a merger, the former ones)",
  })
  units!: AdministrativeUnit[];
  @Field(() => String, {
    nullable: true,
    description:
      "Yearly report deadline (MM-DD) when the programme's text gives one; overdue is shown only then",
  })
  deadline!: string | null;
}
