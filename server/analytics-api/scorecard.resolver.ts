import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Target } from "../indicators/target.entity.js";
import { Comparison, ScorecardCell, ScorecardRow } from "./analytics.objects.js";

/**
 * The scorecard's targets as entities, read only when an answer selects them: judging works on
 * plain rows (scorecard.reads.ts), and one read serves every row and cell of the scorecard.
 */
@Resolver(() => ScorecardRow)
export class ScorecardRowResolver {
  @FieldResolver(() => Target)
  async target(@Root() row: ScorecardRow): Promise<Target> {
    return (await row.targetEntities()).get(row.targetId)!;
  }
}

@Resolver(() => ScorecardCell)
export class ScorecardCellResolver {
  @FieldResolver(() => Target, {
    nullable: true,
    description: "The unit's own programme target restating the row target",
  })
  async ownTarget(@Root() cell: ScorecardCell): Promise<Target | null> {
    if (cell.ownTargetId === null) return null;
    return (await cell.targetEntities()).get(cell.ownTargetId) ?? null;
  }
}

/** Compare's target, read as an entity only when the answer selects it (the trajectories use a row). */
@Resolver(() => Comparison)
export class ComparisonResolver {
  @FieldResolver(() => Target, {
    nullable: true,
    description: "The target whose trajectory is drawn",
  })
  async target(@Root() comparison: Comparison, @Ctx() { em }: Context): Promise<Target | null> {
    return comparison.targetId === null ? null : em.findOne(Target, comparison.targetId);
  }
}
