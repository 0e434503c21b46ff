import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";

/** Where the data goes when the postgres user cannot enter DATA_DIR (issue 12 item 14). */
export const PERSISTENT_ROOT = "/var/lib/osh-observatory";

type Ids = { uid: number; gid: number } | null;

/**
 * The data folder PostgreSQL will use: `wanted`, or, when we run as root and the postgres user
 * cannot enter its parent (a checkout under /root, mode 700), a folder under
 * /var/lib/osh-observatory named after `wanted`. Not the temp folder: many systems empty it on
 * reboot, and the data would be gone. A folder an earlier version put in the temp folder is
 * moved there, so upgrading loses nothing.
 */
export function reachableDataDir(wanted: string, ids: Ids, log: (l: string) => void): string {
  mkdirSync(dirname(wanted), { recursive: true });
  if (!ids) return wanted;
  if (spawnSync("test", ["-x", dirname(wanted)], { ...ids }).status === 0) return wanted;
  const stamp = createHash("sha1").update(wanted).digest("hex").slice(0, 12);
  // Named for people listing /var/lib: the checkout's folder name, then the hash that makes it unique.
  const name = `${basename(dirname(dirname(wanted))) || "data"}-${stamp}`.replace(/[^\w.-]/g, "_");
  mkdirSync(PERSISTENT_ROOT, { recursive: true, mode: 0o755 });
  chmodSync(PERSISTENT_ROOT, 0o755);
  const base = join(PERSISTENT_ROOT, name);
  mkdirSync(base, { recursive: true, mode: 0o700 });
  chownSync(base, ids.uid, ids.gid); // only the postgres user (and root) may enter
  chmodSync(base, 0o700);
  const chosen = join(base, "pg");
  const old = join(tmpdir(), `osh-observatory-data-${stamp}`, "pg");
  if (!existsSync(join(chosen, "PG_VERSION")) && existsSync(join(old, "PG_VERSION"))) {
    log(`moving the database an earlier version kept in ${old} to ${chosen}`);
    rmSync(chosen, { recursive: true, force: true });
    try {
      renameSync(old, chosen);
    } catch {
      // Another filesystem: `cp -a` keeps the postgres user's ownership, which cpSync would not.
      if (spawnSync("cp", ["-a", old, chosen]).status !== 0) {
        throw new Error(`could not copy ${old} to ${chosen}`);
      }
      rmSync(old, { recursive: true, force: true });
    }
  }
  log(`PostgreSQL cannot enter ${dirname(wanted)}; keeping its data in ${chosen} instead`);
  return chosen;
}
