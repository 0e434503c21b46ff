/**
 * Architecture rules, checked by `npm run lint:arch` (dependency-cruiser) in CI.
 * Folder-level cycles are checked by scripts/arch/folder-graph.mjs, which also draws
 * docs/architecture.md from the same cruise.
 */
const SHARED = "^server/((graphql|http|analytics)/|(context|config|paths|limits)[.]ts$)";
const MODEL = "^server/.+[.](entity|enums)[.]ts$";
const ASSEMBLY = "^server/((db|scripts)/|(app|app-graphql|main|resolvers|schema)[.]ts$)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-file-cycles",
      severity: "error",
      comment: "A file may not import itself through others (type-only imports excepted).",
      from: {},
      to: { circular: true },
    },
    {
      name: "analytics-is-pure",
      severity: "error",
      comment: "server/analytics holds pure functions: no ORM, no GraphQL, no other server folder.",
      from: { path: "^server/analytics/" },
      to: {
        path: ["@mikro-orm", "^node_modules/graphql", "type-graphql", "^server/(?!analytics/)"],
      },
    },
    {
      name: "shared-never-imports-features",
      severity: "error",
      comment:
        "Shared code (graphql/, http/, analytics/, context.ts, config.ts, paths.ts, limits.ts) is " +
        "used by every feature, so it may import only shared code: a feature import would make a " +
        "cycle through it. Keep this list equal to SHARED in scripts/arch/folder-graph.mjs.",
      from: { path: SHARED },
      to: { path: "^server/", pathNot: SHARED },
    },
    {
      name: "model-is-a-layer",
      severity: "error",
      comment:
        "Entities and their enums are the domain model every feature may read; the folder graph " +
        "does not count imports of them. In exchange the model imports only the model and shared code.",
      from: { path: MODEL },
      to: { path: "^server/", pathNot: [MODEL, SHARED] },
    },
    {
      name: "features-never-import-the-assembly",
      severity: "error",
      comment:
        "app.ts, app-graphql.ts, main.ts, resolvers.ts, schema.ts, db/ and scripts/ put the features together.",
      from: { path: "^server/", pathNot: ASSEMBLY },
      to: { path: ASSEMBLY },
    },
    {
      name: "web-never-imports-server",
      severity: "error",
      comment: "The web talks to the API through schema/schema.graphql only.",
      from: { path: "^web/" },
      to: { path: "^(server|bench|test)/" },
    },
    {
      name: "server-never-imports-web",
      severity: "error",
      from: { path: "^server/" },
      to: { path: "^(web|test|bench)/" },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^dist/", "^web/dist/", "node_modules"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".d.ts", ".js", ".mjs", ".json"],
    },
    moduleSystems: ["es6", "cjs"],
  },
};
