import { ArgsType, ClassType, Field, Int, ObjectType } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { BadInputError } from "./errors.js";
import { selectedFields } from "./look-ahead.js";

@ObjectType({ description: "Position information of a page of results" })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: "Page size, 1 to 1000 (default 100)" }) first?:
    number | null;
  @Field(() => String, { nullable: true, description: "Cursor after which the page starts" })
  after?: string | null;
}

export interface Page {
  limit: number;
  offset: number;
}

const encode = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");

/** Turns first/after into limit/offset, rejecting nonsense with BAD_USER_INPUT. */
export function toPage(args: PageArgs): Page {
  const limit = args.first ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new BadInputError("first must be between 1 and 1000", "first");
  }
  let offset = 0;
  if (args.after) {
    const match = /^o:(\d{1,9})$/.exec(Buffer.from(args.after, "base64url").toString());
    if (!match) throw new BadInputError("after is not a cursor returned by this API", "after");
    offset = Number(match[1]) + 1;
  }
  return { limit, offset };
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/** True when a connection's selection shows its total (`totalCount`, or `pageInfo` from it). */
export function connectionNeedsTotal(info: GraphQLResolveInfo): boolean {
  const fields = selectedFields(info, []);
  return !!fields && (fields.has("totalCount") || fields.has("pageInfo"));
}

export function toConnection<T>(items: T[], totalCount: number, page: Page): ConnectionShape<T> {
  // The edges (a cursor string per item) are built only if the request reads them: most pages
  // select `nodes` only, and a hundred base64 cursors were ~1.5 % of a units page's CPU.
  let edges: ConnectionShape<T>["edges"] | undefined;
  const last = items.length - 1;
  return {
    get edges() {
      return (edges ??= items.map((node, i) => ({ cursor: encode(page.offset + i), node })));
    },
    nodes: items,
    totalCount,
    pageInfo: {
      hasNextPage: page.offset + items.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: last >= 0 ? encode(page.offset) : null,
      endCursor: last >= 0 ? encode(page.offset + last) : null,
    },
  };
}

/** Builds the `XConnection` and `XEdge` object types for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }
  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [node], {
      description: "The nodes of the edges, for clients that do not need cursors",
    })
    nodes!: T[];
    @Field(() => Int, { description: "Number of items matching the filter, over all pages" })
    totalCount!: number;
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }
  return ConnectionType;
}
