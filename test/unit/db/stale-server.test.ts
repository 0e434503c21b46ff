import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAlive, OWNER_FILE, stopStalePostmaster } from "../../../server/db/embedded-postgres.js";

/**
 * After `npm start` is killed with SIGKILL its PostgreSQL keeps running; the next start must
 * stop that server, even while the killed process is a zombie nobody has reaped yet.
 */
const children: ChildProcess[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A process killed with SIGKILL whose parent (a shell turned into `sleep`) never reaps it. */
async function zombie(): Promise<number> {
  const parent = spawn("sh", ["-c", "sleep 30 & echo $!; exec sleep 30"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  children.push(parent);
  const pid = await new Promise<number>(done =>
    parent.stdout!.once("data", (d: Buffer) => done(Number(String(d).trim()))),
  );
  process.kill(pid, "SIGKILL");
  for (let i = 0; i < 100 && !/\) Z/.test(statOf(pid)); i++) {
    await new Promise(r => setTimeout(r, 10));
  }
  return pid;
}
const statOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return "";
  }
};

describe("stale embedded server", () => {
  it("counts a zombie as dead, though it still answers signal 0", async () => {
    const pid = await zombie();
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect(isAlive(pid)).toBe(false);
    expect(isAlive(process.pid)).toBe(true);
  });

  it("stops the server left by a killed owner, and refuses while a live owner holds it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "osh-stale-"));
    folders.push(dataDir);
    const postmaster = spawn("sleep", ["30"]); // stands in for the orphaned PostgreSQL
    children.push(postmaster);
    writeFileSync(join(dataDir, "postmaster.pid"), `${postmaster.pid}\n${dataDir}\n`);

    const liveOwner = spawn("sleep", ["30"]);
    children.push(liveOwner);
    writeFileSync(join(dataDir, OWNER_FILE), String(liveOwner.pid));
    await expect(stopStalePostmaster(dataDir, () => {})).rejects.toThrow(
      /Another OSH Observatory process/,
    );
    expect(isAlive(postmaster.pid!)).toBe(true);

    writeFileSync(join(dataDir, OWNER_FILE), String(await zombie()));
    const exited = new Promise(done => postmaster.once("exit", done));
    const lines: string[] = [];
    await stopStalePostmaster(dataDir, line => lines.push(line));
    await exited;
    expect(lines.join("\n")).toMatch(/left running by an earlier run/);
  });
});
