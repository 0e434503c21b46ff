import type { RequestHandler } from "express";
import helmet from "helmet";
import { wantsHtml } from "./explorer.js";

/**
 * The web app's policy: its own scripts only; inline styles because ECharts and the map write
 * style attributes; data:/blob: images for the charts' "save as image"; no framing anywhere.
 */
const appDirectives = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/**
 * The API explorer (GET /graphql from a browser, http/explorer.ts) is GraphiQL built into the
 * app's own assets: the same self-only policy, with its Monaco editor's workers loaded from the
 * app's own files and GraphiQL's fonts, which its stylesheet embeds as data: URLs. No CDN, no
 * framing.
 */
const explorerDirectives = {
  ...appDirectives,
  "font-src": ["'self'", "data:"],
  "worker-src": ["'self'"],
};

const common = {
  frameguard: { action: "deny" as const },
  referrerPolicy: { policy: "no-referrer" as const },
  crossOriginOpenerPolicy: { policy: "same-origin" as const },
  crossOriginResourcePolicy: { policy: "same-origin" as const },
  // Cross-origin isolation is not needed (no SharedArrayBuffer); COEP would only block embeds.
  crossOriginEmbedderPolicy: false,
  // Set below, only over https: over plain http the header is ignored and misleads.
  strictTransportSecurity: false,
};
/**
 * The headers helmet sets for a policy, captured once at start: none of them depends on the
 * request, so each response only copies a fixed list instead of running helmet's twelve
 * middlewares (helmet stays the one place that knows what the headers say).
 */
function headersOf(options: Parameters<typeof helmet>[0]): [string, string][] {
  const captured: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string) => captured.push([name, String(value)]),
    removeHeader: () => {},
  };
  let failure: unknown = null;
  helmet(options)(
    {} as Parameters<RequestHandler>[0],
    recorder as unknown as Parameters<RequestHandler>[1],
    (error?: unknown) => (failure = error ?? null),
  );
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return captured;
}

const forApp = headersOf({
  ...common,
  contentSecurityPolicy: { useDefaults: false, directives: appDirectives },
});
const forExplorer = headersOf({
  ...common,
  contentSecurityPolicy: { useDefaults: false, directives: explorerDirectives },
});
const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()";

/** Security headers on every response (API, errors, 404s, static files), set before anything answers. */
export const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
  // Behind a TLS proxy with `trust proxy`, req.secure is true.
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  const explorer =
    req.method === "GET" &&
    (req.path === "/graphql" || req.path === "/graphql/") &&
    wantsHtml(req.headers.accept);
  for (const [name, value] of explorer ? forExplorer : forApp) res.setHeader(name, value);
  next();
};
