import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Loaders } from './common/loaders.js';

export interface AppUser {
  id: number;
  name: string;
  role: 'VIEWER' | 'STEWARD' | 'ADMIN';
  unitIds: number[];
}

/** What every resolver receives: a per-request entity manager and per-request loaders. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
  user: AppUser | null;
}

export function buildContext(orm: MikroORM, user: AppUser | null = null): Context {
  // A fresh identity map per request, never the global one.
  const em = orm.em.fork() as EntityManager;
  return { em, loaders: new Loaders(em), user };
}
