import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { ITXClientDenyList } from '@prisma/client/runtime/client';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { PrismaClient as PostgresClient } from './generated/postgres/client';
import { flavorOf, sqliteFilePath, type DatabaseFlavor } from './flavor';
import { PrismaBetterSqlite3ReusingStatements } from './statement-cache';

/**
 * Secret hashes never ride along in query results: a query that needs one asks for it by name with
 * `omit: { passwordHash: false }`.
 */
export const OMIT_SECRETS = {
  human: { passwordHash: true },
  apiKey: { keyHash: true },
  taskToken: { tokenHash: true },
} as const;

/**
 * Both clients are generated from the same models (prisma/models.prisma), so their APIs are identical;
 * the SQLite client's types stand for both.
 */
export type Db = SqliteClient<never, typeof OMIT_SECRETS>;
export type Tx = Omit<Db, ITXClientDenyList>;

const SQLITE_BUSY_TIMEOUT_MS = 10_000;
const POSTGRES_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);

function sqliteClient(file: string, options: { readonly: boolean }): Db {
  const adapter = new PrismaBetterSqlite3ReusingStatements({
    url: file,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    readonly: options.readonly,
  });
  return new SqliteClient({ adapter, omit: OMIT_SECRETS });
}

/** The client that writes: on SQLite the one connection that holds the database's single write lock. */
export function createDb(url: string): { db: Db; flavor: DatabaseFlavor } {
  const flavor = flavorOf(url);
  if (flavor === 'sqlite') {
    const file = sqliteFilePath(url);
    mkdirSync(dirname(file), { recursive: true });
    return { db: sqliteClient(file, { readonly: false }), flavor };
  }
  const adapter = new PrismaPg({ connectionString: url, max: POSTGRES_POOL_SIZE });
  return { db: new PostgresClient({ adapter, omit: OMIT_SECRETS }) as unknown as Db, flavor };
}

/**
 * A read-only SQLite connection beside the writer's: in WAL mode each of its queries sees the last committed
 * state, never the writer's open transaction. The database file must exist (and be in WAL mode) already.
 */
export function createSqliteReader(url: string): Db {
  return sqliteClient(sqliteFilePath(url), { readonly: true });
}
