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
const forApp = helmet({
  ...common,
  contentSecurityPolicy: { useDefaults: false, directives: appDirectives },
});
const forExplorer = helmet({
  ...common,
  contentSecurityPolicy: { useDefaults: false, directives: explorerDirectives },
});

/** Security headers on every response (API, errors, 404s, static files), set before anything answers. */
export const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  // Behind a TLS proxy with `trust proxy`, req.secure is true.
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  const explorer =
    req.method === "GET" &&
    (req.path === "/graphql" || req.path === "/graphql/") &&
    wantsHtml(req.headers.accept);
  (explorer ? forExplorer : forApp)(req, res, next);
};
