import type { RequestHandler } from "express";
import helmet from "helmet";

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
 * Apollo's explorer page (GET /graphql from a browser) loads its sandbox from Apollo's CDN and
 * frames it, with inline scripts and styles carrying a nonce that Apollo also states in a
 * <meta> CSP. Both policies apply, so this header only has to be no stricter than that one;
 * it still forbids framing the page. Only that GET gets it.
 */
const apolloCdn = [
  "https://apollo-server-landing-page.cdn.apollographql.com",
  "https://embeddable-sandbox.cdn.apollographql.com",
  "https://embeddable-explorer.cdn.apollographql.com",
];
const explorerDirectives = {
  ...appDirectives,
  "script-src": ["'self'", "'unsafe-inline'", ...apolloCdn],
  "style-src": ["'self'", "'unsafe-inline'", ...apolloCdn, "https://fonts.googleapis.com"],
  "img-src": ["'self'", "data:", ...apolloCdn],
  "font-src": ["'self'", "https://fonts.gstatic.com"],
  "manifest-src": ["'self'", ...apolloCdn],
  "frame-src": [
    "https://explorer.embed.apollographql.com",
    "https://sandbox.embed.apollographql.com",
  ],
};

const common = {
  frameguard: { action: "deny" as const },
  referrerPolicy: { policy: "no-referrer" as const },
  crossOriginOpenerPolicy: { policy: "same-origin" as const },
  crossOriginResourcePolicy: { policy: "same-origin" as const },
  // The explorer frames Apollo's sandbox, which does not send CORP headers.
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
    /text\/html/.test(req.headers.accept ?? "");
  (explorer ? forExplorer : forApp)(req, res, next);
};
