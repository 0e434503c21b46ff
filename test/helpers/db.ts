import "reflect-metadata";
import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { initOrm } from "../../server/db/orm.js";
import { adminQuery, withDatabase } from "./global-setup.js";

/** A fresh database for one test file: a clone of the migrated and seeded template, opened as the app's role. */
export async function createTestDatabase(label: string): Promise<string> {
  const name = `t_${label
    .replace(/[^a-z0-9]/gi, "_")
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString("hex")}`;
  await adminQuery(inject("adminUrl"), `create database ${name} template ${inject("templateDb")}`);
  return withDatabase(inject("appUrl"), name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await adminQuery(inject("adminUrl"), `drop database if exists ${name} with (force)`);
}

export interface TestDb {
  url: string;
  orm: MikroORM;
  em(): EntityManager;
  close(): Promise<void>;
}

export async function openTestDb(label: string): Promise<TestDb> {
  const url = await createTestDatabase(label);
  const orm = await initOrm({ clientUrl: url, poolMax: 5 });
  return {
    url,
    orm,
    em: () => orm.em.fork() as EntityManager,
    async close() {
      await orm.close();
      await dropTestDatabase(url);
    },
  };
}
