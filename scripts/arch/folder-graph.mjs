#!/usr/bin/env node
// Draws the server's folder graph into docs/architecture.md and fails on a folder-level cycle
// or an arrow that is not allowed. dependency-cruiser finds the imports (file level); this script
// collapses them to folders, because "whole features" is a promise about folders, not files.
//
//   node scripts/arch/folder-graph.mjs          check, and rewrite docs/architecture.md
//   node scripts/arch/folder-graph.mjs --check  check, and fail if docs/architecture.md is stale
import { cruise } from "dependency-cruiser";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const config = require("../../.dependency-cruiser.cjs");
const OUT = "docs/architecture.md";

/** Folders and files every feature may use; they must not import features back. */
const SHARED = new Set([
  "graphql",
  "http",
  "analytics",
  "context.ts",
  "config.ts",
  "paths.ts",
  "limits.ts",
]);

/**
 * The assembly: files that put the features together (the resolver and entity lists, the app, the
 * database set-up and seeds, the command-line scripts). They import every feature and nothing
 * imports them but each other.
 */
const ASSEMBLY = new Set([
  "app.ts",
  "app-graphql.ts",
  "main.ts",
  "resolvers.ts",
  "schema.ts",
  "db",
  "scripts",
]);

/**
 * The domain model: entities (`*.entity.ts`) and their enums (`*.enums.ts`). Entities refer to
 * each other (an observation has a unit, an indicator and a source), and any feature may read
 * any entity; those imports are relations of the data model, not calls between features. So an
 * import of a model file is drawn dashed and left out of the cycle check, and in exchange the
 * model may import only the model and shared code (rule "model-is-a-layer" in
 * .dependency-cruiser.cjs), so a dashed arrow can never hide a call into a feature.
 */
const isModel = path => /\.(entity|enums)\.ts$/.test(path);

/**
 * Folder cycles that exist today and are being taken apart (issue: whole features). A cycle is
 * tolerated only inside one of these groups: a new cycle, or one that pulls in another folder,
 * fails. Shrink this list as features are untangled; never grow it.
 */
const KNOWN = JSON.parse(readFileSync(new URL("./known-cycles.json", import.meta.url), "utf8"));
const KNOWN_CYCLES = KNOWN.cycles;

const result = await cruise(["server"], { ...config.options, ruleSet: { forbidden: [] } });
const folderOf = path => {
  const parts = path.split("/");
  return parts.length > 2 ? parts[1] : parts[1]; // server/<folder>/... or server/<file>.ts
};

const edges = new Map(); // "a -> b" => count of file imports (model imports left out)
const modelEdges = new Set(); // "a -> b" where every import is of the domain model
for (const module of result.output.modules) {
  if (!module.source.startsWith("server/")) continue;
  const from = folderOf(module.source);
  for (const dep of module.dependencies) {
    if (!dep.resolved.startsWith("server/")) continue;
    const to = folderOf(dep.resolved);
    if (from === to) continue;
    const key = `${from} -> ${to}`;
    if (isModel(dep.resolved)) modelEdges.add(key);
    else edges.set(key, (edges.get(key) ?? 0) + 1);
  }
}

const graph = new Map();
for (const key of edges.keys()) {
  const [from, to] = key.split(" -> ");
  if (!graph.has(from)) graph.set(from, new Set());
  if (!graph.has(to)) graph.set(to, new Set());
  graph.get(from).add(to);
}

// Tarjan's strongly connected components: every component with more than one folder is a cycle.
const index = new Map(),
  low = new Map(),
  onStack = new Set(),
  stack = [],
  cycles = [];
let counter = 0;
function visit(v) {
  index.set(v, counter);
  low.set(v, counter);
  counter++;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);

const known = component => KNOWN_CYCLES.some(group => component.every(f => group.includes(f)));
const problems = cycles.filter(c => !known(c)).map(c => `new folder cycle: ${c.join(" ↔ ")}`);
for (const c of cycles.filter(known)) {
  console.warn(`known folder cycle (to be removed): ${c.join(" ↔ ")}`);
}
for (const key of [...edges.keys(), ...modelEdges]) {
  const [from, to] = key.split(" -> ");
  if (ASSEMBLY.has(to) && !ASSEMBLY.has(from)) problems.push(`${from} imports the assembly ${to}`);
  if (SHARED.has(from) && !SHARED.has(to) && !KNOWN.arrows.includes(key)) {
    problems.push(`shared folder ${from} imports feature ${to}`);
  }
}

const id = name => name.replace(/[^a-z0-9]/gi, "_");
const solid = new Set(edges.keys());
const lines = [...new Set([...solid, ...modelEdges])].sort().map(key => {
  const [from, to] = key.split(" -> ");
  return `  ${id(from)}[${from}] ${solid.has(key) ? "-->" : "-.->"} ${id(to)}[${to}]`;
});
const doc = `# Server folder graph

Generated by \`npm run arch\` (scripts/arch/folder-graph.mjs) from the imports in \`server/\`; do not edit.
An arrow means "imports from"; a dashed arrow imports only the domain model (\`*.entity.ts\`,
\`*.enums.ts\`), which any feature may read and which imports nothing but the model and shared code.
CI fails on a cycle between folders through solid arrows (known ones, to be removed, are listed in
scripts/arch/known-cycles.json), on a shared folder or file (${[...SHARED].join(", ")}) that
imports a feature, or on a feature that imports the assembly (${[...ASSEMBLY].join(", ")}).

Cycles today: ${cycles.length ? cycles.map(c => c.join(" ↔ ")).join("; ") : "none"}.

\`\`\`mermaid
flowchart LR
${lines.join("\n")}
\`\`\`
`;

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(OUT, "utf8");
  } catch {
    /* missing counts as stale */
  }
  if (current !== doc) problems.push(`${OUT} is stale: run npm run arch`);
} else {
  writeFileSync(OUT, doc);
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(
  `folder graph: ${graph.size} folders, ${edges.size} arrows, ${cycles.length} known cycle(s), no new ones`,
);
