import { join } from 'node:path';

export type DatabaseFlavor = 'sqlite' | 'postgres';

/** DATABASE_URL, or the embedded SQLite database under data/. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || `file:${join(process.cwd(), 'data', 'steward.db')}`;
}

export function flavorOf(url: string): DatabaseFlavor {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  if (url.startsWith('file:')) return 'sqlite';
  throw new Error('DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)');
}

export function sqliteFilePath(url: string): string {
  return url.slice('file:'.length);
}
