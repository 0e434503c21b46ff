import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role } from "../../server/auth/user.entity.js";
import { projectRoot } from "../../server/paths.js";
import { openTestDb, type TestDb } from "../helpers/db.js";
import { fingerprint, makeUser, type TestUser } from "../helpers/users.js";

/** The command-line forms: `admin:create` and `import`, run as the compiled scripts would be. */
let db: TestDb;
let steward: TestUser;
const root = projectRoot();
const env = () => ({ ...process.env, DATABASE_URL: db.url, ILLUSTRATIVE_DATA: "off" });
beforeAll(async () => {
  db = await openTestDb("importcli");
  steward = await makeUser(db.orm, "Steward HD", Role.STEWARD, ["hai-duong-63"]);
  // The scripts run from dist/, so dist/ must be the current source: the incremental build
  // (as `npm start` runs it) recompiles only what changed, and any compile error fails here
  // rather than letting the test pass on an older dist/.
  const tsc = spawnSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-b", "tsconfig.build.json"],
    { cwd: root, encoding: "utf8" },
  );
  expect(tsc.status, `tsc -b tsconfig.build.json failed:\n${tsc.stdout}${tsc.stderr}`).toBe(0);
  expect(existsSync(join(root, "dist/server/scripts/import.js"))).toBe(true);
}, 180_000);
afterAll(async () => {
  await db.close();
});

/** A monitoring file of `sites` × 6 factors × 2 years rows, all in Hải Dương. */
function bigFile(sites: number): string {
  const lines = ["site_code,site_name,unit,sector,year,factor,samples,samples_over_limit"];
  for (let s = 0; s < sites; s++) {
    for (const year of [2022, 2023]) {
      for (const factor of ["noise", "dust", "light", "microclimate", "toxic_gas", "vibration"]) {
        lines.push(
          `cli-site-${s},Cơ sở Minh hoạ ${s},hai-duong-63,textiles,${year},${factor},${10 + (s % 7)},${s % 3}`,
        );
      }
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), "osh-import-")), "monitoring.csv");
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("command line", () => {
  it("admin:create makes an admin and prints its token, stored only as a hash", async () => {
    const out = execFileSync(
      process.execPath,
      [join(root, "dist/server/scripts/create-admin.js"), "--name", "Quản trị viên"],
      { cwd: root, env: env(), encoding: "utf8" },
    );
    const token = out.trim();
    expect(token).toMatch(/^osh_[A-Za-z0-9_-]{43}$/);
    const rows = await db.orm.em
      .getConnection()
      .execute(
        `select t.hash, t.prefix, u.role from api_token t join app_user u on u.id = t.user_id where u.name = 'Quản trị viên'`,
      );
    expect(rows).toHaveLength(1);
    expect(rows[0].role).toBe("ADMIN");
    expect(rows[0].hash).not.toContain(token.slice(4, 20)); // only the sha256 is stored
    expect(token.startsWith(rows[0].prefix)).toBe(true);
  });

  it("imports with a token; a dry run writes nothing", async () => {
    const file = bigFile(3);
    const before = await fingerprint(db.orm);
    const dry = execFileSync(
      process.execPath,
      [
        join(root, "dist/server/scripts/import.js"),
        "--layout",
        "monitoring",
        "--file",
        file,
        "--dry-run",
        "--token",
        steward.token,
      ],
      { cwd: root, env: env(), encoding: "utf8" },
    );
    expect(dry).toMatch(/dry run: would create 39/);
    expect(await fingerprint(db.orm)).toEqual(before);
    const real = execFileSync(
      process.execPath,
      [
        join(root, "dist/server/scripts/import.js"),
        "--layout",
        "monitoring",
        "--file",
        file,
        "--token",
        steward.token,
      ],
      { cwd: root, env: env(), encoding: "utf8" },
    );
    expect(real).toMatch(/created 39/);
  }, 60_000);

  it("non-UTF-8 CSV bytes are silently replaced: a Windows-1258 file is refused naming the line, a UTF-8 one with BOM imports", async () => {
    const dir = mkdtempSync(join(tmpdir(), "osh-import-"));
    const head = "site_code,site_name,unit,sector,year,factor,samples,samples_over_limit\n";
    const legacy = join(dir, "legacy.csv");
    // "Công ty" as Excel saves it in a Vietnamese Windows code page: ô is the single byte 0xF4.
    writeFileSync(
      legacy,
      Buffer.concat([
        Buffer.from(head + "cli-enc-1,Co so A,hai-duong-63,textiles,2023,noise,5,1\ncli-enc-2,C"),
        Buffer.from([0xf4]),
        Buffer.from("ng ty B,hai-duong-63,textiles,2023,noise,5,1\n"),
      ]),
    );
    const before = await fingerprint(db.orm);
    const refused = spawnSync(
      process.execPath,
      [
        join(root, "dist/server/scripts/import.js"),
        "--layout",
        "monitoring",
        "--file",
        legacy,
        "--token",
        steward.token,
      ],
      { cwd: root, env: env(), encoding: "utf8" },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/dòng 3.*line 3: save it as UTF-8/);
    expect(await fingerprint(db.orm)).toEqual(before);
    const utf8 = join(dir, "utf8.csv");
    writeFileSync(
      utf8,
      "\uFEFF" + head + "cli-enc-2,Công ty B,hai-duong-63,textiles,2023,noise,5,1\n",
    );
    const ok = execFileSync(
      process.execPath,
      [
        join(root, "dist/server/scripts/import.js"),
        "--layout",
        "monitoring",
        "--file",
        utf8,
        "--dry-run",
        "--token",
        steward.token,
      ],
      { cwd: root, env: env(), encoding: "utf8" },
    );
    expect(ok).toMatch(/dry run: would create 2,/);
  }, 60_000);

  it("leaves no partial rows when the import process is killed (SIGKILL) while writing", async () => {
    const file = bigFile(2000); // 24,000 rows
    const before = await fingerprint(db.orm);
    const child = spawn(
      process.execPath,
      [
        join(root, "dist/server/scripts/import.js"),
        "--layout",
        "monitoring",
        "--file",
        file,
        "--token",
        steward.token,
      ],
      { cwd: root, env: env() },
    );
    let output = "";
    const killed = await new Promise<boolean>(done => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        // The first chunk of rows has gone to the database inside the open transaction.
        if (/wrote \d+\//.test(output) && !child.killed) done(child.kill("SIGKILL"));
      });
      child.on("exit", () => done(false));
    });
    expect(output).toMatch(/writing \d+ changes/);
    expect(killed).toBe(true);
    await new Promise(r => setTimeout(r, 500)); // let PostgreSQL notice the dropped connection
    expect(await fingerprint(db.orm)).toEqual(before);
    const partial = await db.orm.em
      .getConnection()
      .execute(
        `select count(*)::int n from monitoring_site where code like 'cli-site-%' and code <> all(array['cli-site-0','cli-site-1','cli-site-2'])`,
      );
    expect(partial[0].n).toBe(0);
  }, 120_000);
});
