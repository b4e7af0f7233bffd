import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { Database, RunResult, Statement } from 'better-sqlite3';

/**
 * Prisma's better-sqlite3 adapter prepares every statement anew, although it sends the same few SQL texts over
 * and over: preparing them was a tenth of an identity upsert's time. This keeps the most recently used
 * statements of a connection prepared and binds each call's arguments to them. The adapter reaches the
 * database only through `prepare(sql)` (then `bind`, `run`, `reader`, `columns`, `raw().all()`), `exec` and
 * `close`, and keeps it in its `client` property.
 */

const CACHED_STATEMENTS = 200;

/** A prepared statement with one call's arguments, as the adapter uses what `bind` returns. */
type BoundCall = {
  reader: boolean;
  run(): RunResult;
  columns(): ReturnType<Statement['columns']>;
  raw(): { all(): unknown[] };
};

class ReusedStatement {
  constructor(private readonly statement: Statement) {}

  get reader(): boolean {
    return this.statement.reader;
  }

  run(): RunResult {
    return this.statement.run();
  }

  bind(args: unknown[]): BoundCall {
    const { statement } = this;
    return {
      reader: statement.reader,
      run: () => statement.run(args),
      columns: () => statement.columns(),
      raw: () => ({ all: () => statement.raw(true).all(args) }),
    };
  }
}

/** The connection as the adapter sees it, with `prepare` answered from a least-recently-used cache. */
function withCachedStatements(database: Database): Database {
  const statements = new Map<string, ReusedStatement>();
  const prepare = (sql: string): ReusedStatement => {
    let statement = statements.get(sql);
    if (statement) statements.delete(sql);
    else statement = new ReusedStatement(database.prepare(sql));
    statements.set(sql, statement);
    if (statements.size > CACHED_STATEMENTS) statements.delete(statements.keys().next().value as string);
    return statement;
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;

/** Prisma's better-sqlite3 adapter, each of whose connections reuses its prepared statements. */
export class PrismaBetterSqlite3ReusingStatements extends PrismaBetterSqlite3 {
  override async connect(): Promise<SqlDriverAdapter> {
    const adapter: SqlDriverAdapter & { client?: Database } = await super.connect();
    if (typeof adapter.client?.prepare !== 'function')
      throw new Error('The SQLite driver adapter no longer keeps its connection in `client`: see statement-cache.ts');
    adapter.client = withCachedStatements(adapter.client);
    return adapter;
  }
}
