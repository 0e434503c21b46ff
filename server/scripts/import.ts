import "reflect-metadata";
import type { EntityManager } from "@mikro-orm/postgresql";
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { writableUnitIds } from "../auth/guard.js";
import { userForToken } from "../auth/tokens.js";
import { User } from "../auth/user.entity.js";
import { readConfig } from "../config.js";
import type { AppUser } from "../context.js";
import { prepareDatabase } from "../db/prepare.js";
import { CsvRefusal, MAX_IMPORT_BYTES } from "../imports/csv.js";
import { decodeUtf8 } from "../imports/csv-reader.js";
import { ImportLayout, ImportRejectedError, runImport } from "../imports/import.service.js";
import { parseArgs } from "./cli-args.js";

/**
 * `npm run import -- --layout accidents --file path.csv [--source code] [--dry-run] --token <token>`
 * (or `--user <name>` for an operator with direct database access). Same checks, transaction and
 * audit as the importCsv mutation; exit code 0 when imported, 1 when refused.
 */
const usage =
  "usage: npm run import -- --layout accidents|monitoring|checkups --file path.csv [--source code] [--dry-run] (--token T | --user NAME)";
let args: Map<string, string | true>;
try {
  args = parseArgs(process.argv.slice(2), ["dry-run"]);
} catch (e: unknown) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
const layout = String(args.get("layout") ?? "").toUpperCase() as ImportLayout;
const file = args.get("file");
if (
  !(layout in ImportLayout) ||
  typeof file !== "string" ||
  (!args.has("token") && !args.has("user"))
) {
  console.error(usage);
  process.exit(2);
}
if (statSync(file).size > MAX_IMPORT_BYTES) {
  console.error(`${file} is larger than 5 MB: split it into several imports`);
  process.exit(1);
}
let csv: string;
try {
  // Not readFileSync(file, 'utf8'): it silently turns bytes of another encoding into U+FFFD.
  csv = decodeUtf8(readFileSync(file));
} catch (e: unknown) {
  if (!(e instanceof CsvRefusal)) throw e;
  console.error(e.message);
  process.exit(1);
}
const config = readConfig();
const db = await prepareDatabase({
  databaseUrl: config.databaseUrl,
  replicaUrls: [],
  dataDir: config.dataDir,
  illustrative: config.illustrativeData,
  log: l => console.error(l),
});
try {
  const em = db.orm.em.fork() as EntityManager;
  const user = await resolveUser(em);
  const report = await runImport(em, user, {
    layout,
    csv,
    dryRun: args.has("dry-run"),
    source: (args.get("source") as string | undefined) ?? null,
    label: basename(file),
    log: l => console.log(l),
  });
  for (const p of report.problems) {
    console.log(`line ${p.line}${p.column ? ` (${p.column})` : ""}: ${p.message}`);
  }
  console.log(
    `${report.dryRun ? "dry run: would create" : "created"} ${report.created}, ${report.dryRun ? "update" : "updated"} ${report.updated}, unchanged ${report.unchanged}, problems ${report.problems.length}`,
  );
  if (report.problems.length) process.exitCode = 1;
} catch (maybeError: unknown) {
  if (maybeError instanceof ImportRejectedError) {
    for (const p of maybeError.extensions.problems as {
      line: number;
      column: string | null;
      message: string;
    }[]) {
      console.log(`line ${p.line}${p.column ? ` (${p.column})` : ""}: ${p.message}`);
    }
  }
  console.error(maybeError instanceof Error ? maybeError.message : maybeError);
  process.exitCode = 1;
} finally {
  await db.close();
}

async function resolveUser(em: EntityManager): Promise<AppUser> {
  const token = args.get("token");
  if (typeof token === "string") {
    const user = await userForToken(em, token);
    if (!user) throw new Error("The API token is not valid (unknown or revoked)");
    return user;
  }
  // Direct database access already trusts the operator; the user still decides scope and audit.
  const found = await em.findOne(User, { name: String(args.get("user")) }, { populate: ["units"] });
  if (!found) throw new Error(`No user named "${String(args.get("user"))}"`);
  return {
    id: found.id,
    name: found.name,
    role: found.role,
    unitIds: await writableUnitIds(
      em,
      found.units.getItems().map(u => u.id),
    ),
  };
}
