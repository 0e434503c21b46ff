import "reflect-metadata";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Role } from "../auth/user.entity.js";
import { createUserWithToken } from "../auth/user.service.js";
import { readConfig } from "../config.js";
import { prepareDatabase } from "../db/prepare.js";
import { parseArgs } from "./cli-args.js";

/**
 * `npm run admin:create -- --name "Nguyễn Văn A"`: creates an admin and prints its API token,
 * once. This is how the first admin comes to exist; later users are created through the API
 * (createUser) by an admin. Works on DATABASE_URL, or on the embedded database in DATA_DIR
 * (stop `npm start` first: one process owns the embedded server at a time).
 */
const args = parseArgs(process.argv.slice(2));
const name = args.get("name");
if (typeof name !== "string") {
  console.error('usage: npm run admin:create -- --name "Full Name"');
  process.exit(2);
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
  const { user, token } = await createUserWithToken(
    db.orm.em.fork() as EntityManager,
    { name, role: Role.ADMIN },
    null,
  );
  console.error(`created admin "${user.name}" (id ${user.id}). Its API token, shown only now:`);
  console.log(token);
} catch (maybeError: unknown) {
  console.error(maybeError instanceof Error ? maybeError.message : maybeError);
  process.exitCode = 1;
} finally {
  await db.close();
}
