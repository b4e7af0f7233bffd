import 'server-only';
import { createDb, type Db } from './client';
import { databaseUrl, flavorOf, type DatabaseFlavor } from './flavor';
import type { Prisma } from './generated/sqlite/client';

export type { Db } from './client';
export type { DatabaseFlavor } from './flavor';
export type Tx = Prisma.TransactionClient;

type Connection = { db: Db; flavor: DatabaseFlavor; ready: Promise<void> };

const globalForDb = globalThis as unknown as { stewardDb?: Connection };

async function prepare(connection: Omit<Connection, 'ready'>): Promise<void> {
  if (connection.flavor !== 'sqlite') return;
  // WAL lets readers go on while one writer commits; NORMAL sync is durable across application crashes.
  await connection.db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await connection.db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
}

function connection(): Connection {
  if (!globalForDb.stewardDb) {
    const created = createDb(databaseUrl());
    globalForDb.stewardDb = { ...created, ready: prepare(created) };
  }
  return globalForDb.stewardDb;
}

/** The Prisma client for the configured database (DATABASE_URL), created on first use. */
export async function getDb(): Promise<Db> {
  const { db, ready } = connection();
  await ready;
  return db;
}

export function databaseFlavor(): DatabaseFlavor {
  return flavorOf(databaseUrl());
}

const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 60_000 } as const;

/** Runs `work` in one interactive transaction: everything in it, audit events included, commits or none does. */
export async function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.$transaction(work, TRANSACTION_OPTIONS);
}

/** Closes the connection (CLIs and tests). */
export async function disconnectDb(): Promise<void> {
  const current = globalForDb.stewardDb;
  globalForDb.stewardDb = undefined;
  if (current) await current.db.$disconnect();
}
