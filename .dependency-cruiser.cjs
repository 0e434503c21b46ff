/**
 * Architecture rules, checked by `npm run lint:arch` (dependency-cruiser) in CI.
 * Folder-level cycles are checked by scripts/arch/folder-graph.mjs, which also draws
 * docs/architecture.md from the same cruise.
 */
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
