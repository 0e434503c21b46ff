import type { EntityManager } from "@mikro-orm/postgresql";
import type { Request, Response } from "express";
import { GraphQLError } from "graphql";
import {
  Args,
  ArgsType,
  Ctx,
  Field,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from "type-graphql";
import { z } from "zod";
import { argsSchema } from "../graphql/inputs.js";
import { text } from "../graphql/field-rules.js";
import { IdArgs } from "../graphql/id-args.js";
import { AuditAction } from "../audit/audit-entry.entity.js";
import { recordAccess, type AccessOrigin } from "../audit/access.js";
import { BadInputError, ForbiddenError, UnauthenticatedError } from "../graphql/errors.js";
import type { Context } from "../context.js";
import { requireUser } from "./guard.js";
import { UserSession } from "./session.entity.js";
import {
  ABSOLUTE_MS,
  CSRF_HEADER,
  openSession,
  SESSION_COOKIE,
  sessionIsLive,
} from "./session.service.js";
import { userForToken } from "./tokens.js";
import { User } from "./user.entity.js";

@ObjectType({ description: "One of your sessions, as mySessions lists them" })
export class SessionInfo {
  @Field(() => Int) id!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) lastSeenAt!: Date;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
  @Field(() => Boolean, { description: "The session this request was made with" })
  current!: boolean;
}

function exchange(ctx: Context): { req: Request; res: Response } {
  if (!ctx.http) throw new ForbiddenError("Sessions exist only over HTTP");
  return ctx.http;
}

/** The client's address (req.ip: the real client only behind a trusted proxy) and browser. */
function originOf(req: Request): AccessOrigin {
  const agent = req.headers["user-agent"];
  return {
    address: req.ip ?? req.socket.remoteAddress ?? null,
    userAgent: typeof agent === "string" ? agent : null,
  };
}

function cookieOptions(req: Request) {
  // Secure when the request came over HTTPS (req.secure honours `trust proxy`); a plain-HTTP
  // development server on localhost could not keep a Secure cookie.
  return { httpOnly: true, sameSite: "strict" as const, path: "/", secure: req.secure };
}

@ArgsType()
class SignInArgs {
  @Field(() => String) token!: string;
}
// A token of the wrong length or with control characters is no token: signIn answers it as it
// answers an unknown one (UNAUTHENTICATED, counted as a failure), so the schema only refuses
// control characters, like every text.
argsSchema(SignInArgs, z.object({ token: text(Number.MAX_SAFE_INTEGER) }));

@Resolver()
export class SessionResolver {
  @Mutation(() => User, {
    description:
      "Exchanges an API token for a browser session: sets the HttpOnly cookie osh_session (12 h idle, 7 days at most). Needs the header X-OSH-Request: 1.",
  })
  async signIn(@Args(() => SignInArgs) { token }: SignInArgs, @Ctx() ctx: Context): Promise<User> {
    const { req, res } = exchange(ctx);
    // A cross-site form cannot set this header, so it cannot sign a visitor in as someone else.
    if (req.headers[CSRF_HEADER] !== "1") {
      throw new ForbiddenError("signIn needs the header X-OSH-Request: 1");
    }
    const blocked = res.locals.authBlocked as (() => Promise<number | null>) | undefined;
    const wait = await blocked?.();
    if (wait) {
      throw new GraphQLError(`Too many failed sign-ins; retry in ${wait} s`, {
        extensions: { code: "RATE_LIMITED" },
      });
    }
    const failed = res.locals.authFailed as (() => Promise<void>) | undefined;
    const user = token.length <= 200 ? await userForToken(ctx.em, token.trim()) : null;
    if (!user) {
      await failed?.();
      // Recorded on its own, as the sign-in is refused: the address, never the token.
      const log = ctx.em.fork() as EntityManager;
      recordAccess(log, {
        action: AuditAction.SIGN_IN_REFUSED,
        user: null,
        sessionId: null,
        ...originOf(req),
      });
      await log.flush();
      throw new UnauthenticatedError(
        "Mã truy cập không hợp lệ (không có, đã thu hồi hoặc sai dạng) / The API token is not valid (unknown, revoked or malformed)",
      );
    }
    const row = await ctx.em.findOneOrFail(User, user.id);
    const origin = originOf(req);
    // The session and its audit record are committed together.
    const { secret } = await (ctx.em as EntityManager).transactional(async tx => {
      const opened = await openSession(tx, row, origin.userAgent);
      recordAccess(tx, {
        action: AuditAction.SIGN_IN,
        user,
        sessionId: opened.session.id,
        ...origin,
      });
      return opened;
    });
    res.cookie(SESSION_COOKIE, secret, { ...cookieOptions(req), maxAge: ABSOLUTE_MS });
    return row;
  }

  @Mutation(() => Boolean, {
    description: "Ends the session of this request at once and clears its cookie",
  })
  async signOut(@Ctx() ctx: Context): Promise<boolean> {
    const { req, res } = exchange(ctx);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    if (!ctx.sessionId || !ctx.user) return false;
    const { sessionId, user } = ctx;
    await (ctx.em as EntityManager).transactional(async tx => {
      const ended = await tx.nativeUpdate(
        UserSession,
        { id: sessionId, revokedAt: null },
        { revokedAt: new Date() },
      );
      if (ended) {
        recordAccess(tx, { action: AuditAction.SIGN_OUT, user, sessionId, ...originOf(req) });
      }
    });
    return true;
  }

  @Query(() => [SessionInfo], { description: "Your live sessions, newest first" })
  async mySessions(@Ctx() ctx: Context): Promise<SessionInfo[]> {
    const me = requireUser(ctx);
    const rows = await ctx.em.find(
      UserSession,
      { user: me.id, revokedAt: null },
      { orderBy: { id: "desc" }, limit: 100 },
    );
    return rows
      .filter(s => sessionIsLive(s))
      .map(s => ({
        id: s.id,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: s.expiresAt,
        userAgent: s.userAgent ?? null,
        current: s.id === ctx.sessionId,
      }));
  }

  @Mutation(() => Boolean, { description: "Ends one of your sessions (e.g. on a lost laptop)" })
  async revokeSession(@Args(() => IdArgs) { id }: IdArgs, @Ctx() ctx: Context): Promise<boolean> {
    const me = requireUser(ctx);
    const origin = ctx.http ? originOf(ctx.http.req) : { address: null, userAgent: null };
    await (ctx.em as EntityManager).transactional(async tx => {
      const done = await tx.nativeUpdate(
        UserSession,
        { id, user: me.id, revokedAt: null },
        { revokedAt: new Date() },
      );
      if (!done) throw new BadInputError(`No live session ${id} of yours`, "id");
      recordAccess(tx, {
        action: AuditAction.SIGN_OUT,
        user: me,
        sessionId: id,
        note: "revokeSession",
        ...origin,
      });
    });
    return true;
  }
}
