import 'server-only';
import { createDb, createSqliteReader, type Db, type Tx } from './client';
import { databaseUrl, flavorOf, type DatabaseFlavor } from './flavor';
import { readsOnCommittedData } from './snapshot-reads';

export type { Db, Tx } from './client';
export type { DatabaseFlavor } from './flavor';

/** `writer` runs transactions; `reader` serves everything else (on PostgreSQL they are the same pool). */
type Connection = { writer: Db; reader: Db; flavor: DatabaseFlavor };

const globalForDb = globalThis as unknown as { stewardDb?: Promise<Connection> };

async function open(url: string): Promise<Connection> {
  const { db: writer, flavor } = createDb(url);
  if (flavor !== 'sqlite') return { writer, reader: writer, flavor };
  // WAL lets the reader go on while the writer commits; NORMAL sync is durable across application crashes.
  await writer.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await writer.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  // 64 MiB of page cache: the audit chain's indexes take random keys (event ids), and a bulk append that finds
  // their pages in memory is half again as fast as one that reads them back from the file.
  await writer.$executeRawUnsafe('PRAGMA cache_size = -65536');
  return { writer, reader: readsOnCommittedData(createSqliteReader(url), writer), flavor };
}

function connection(): Promise<Connection> {
  globalForDb.stewardDb ??= open(databaseUrl()).catch((error: unknown) => {
    globalForDb.stewardDb = undefined;
    throw error;
  });
  return globalForDb.stewardDb;
}

/**
 * The Prisma client for reads on the configured database (DATABASE_URL), created on first use. Its queries
 * see committed data only, on SQLite as on PostgreSQL. Change state with `transaction()`.
 */
export async function getDb(): Promise<Db> {
  return (await connection()).reader;
}

export function databaseFlavor(): DatabaseFlavor {
  return flavorOf(databaseUrl());
}

const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 60_000 } as const;

/** Runs `work` in one interactive transaction: everything in it, audit events included, commits or none does. */
export async function transaction<T>(work: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const { writer } = await connection();
  // Prisma types the callback's client without the global omit, although the omit applies to it.
  return writer.$transaction((tx) => work(tx as unknown as Tx), {
    ...TRANSACTION_OPTIONS,
    timeout: options.timeoutMs ?? TRANSACTION_OPTIONS.timeout,
  });
}

/** Closes the connections (CLIs and tests). */
export async function disconnectDb(): Promise<void> {
  const current = globalForDb.stewardDb;
  globalForDb.stewardDb = undefined;
  const opened = await current?.catch(() => undefined);
  if (!opened) return;
  const { writer, reader } = opened;
  if (reader !== writer) await reader.$disconnect();
  await writer.$disconnect();
}
