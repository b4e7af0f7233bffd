import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { PrismaClient as PostgresClient } from './generated/postgres/client';
import { flavorOf, sqliteFilePath, type DatabaseFlavor } from './flavor';

/**
 * Both clients are generated from the same models (prisma/models.prisma), so their APIs are identical;
 * the SQLite client's types stand for both.
 */
export type Db = SqliteClient;

const SQLITE_BUSY_TIMEOUT_MS = 10_000;
const POSTGRES_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);

export function createDb(url: string): { db: Db; flavor: DatabaseFlavor } {
  const flavor = flavorOf(url);
  if (flavor === 'sqlite') {
    const file = sqliteFilePath(url);
    mkdirSync(dirname(file), { recursive: true });
    const adapter = new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
    return { db: new SqliteClient({ adapter }), flavor };
  }
  const adapter = new PrismaPg({ connectionString: url, max: POSTGRES_POOL_SIZE });
  return { db: new PostgresClient({ adapter }) as unknown as Db, flavor };
}
