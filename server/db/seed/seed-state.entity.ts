import { Entity, PrimaryKey, Property } from "@mikro-orm/core";

/** Which version (hash) of a seed set is loaded, so an unchanged set is skipped on start. */
@Entity({ tableName: "seed_state" })
export class SeedState {
  @PrimaryKey({ length: 64 }) name!: string;
  @Property({ length: 64 }) hash!: string;
  @Property({ type: "timestamptz" }) loadedAt: Date = new Date();
}
