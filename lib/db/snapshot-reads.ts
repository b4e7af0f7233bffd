import type { Db } from './client';

const MODEL_WRITES = new Set([
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
]);
const RAW_WRITES = new Set(['$executeRaw', '$executeRawUnsafe']);

type Method = (...args: unknown[]) => Promise<unknown>;

function methodOf(target: object, name: string): Method {
  return (Reflect.get(target, name) as Method).bind(target);
}

function inOwnTransaction(writer: Db, run: (tx: object) => Promise<unknown>): Promise<unknown> {
  return writer.$transaction((tx) => run(tx));
}

function modelDelegate(delegate: object, model: string, writer: Db): object {
  return new Proxy(delegate, {
    get(target, operation) {
      if (typeof operation !== 'string' || !MODEL_WRITES.has(operation)) return Reflect.get(target, operation);
      return (...args: unknown[]) =>
        inOwnTransaction(writer, (tx) => methodOf(Reflect.get(tx, model) as object, operation)(...args));
    },
  });
}

/**
 * SQLite only. `reader` is a read-only connection in WAL mode: each of its queries sees the last committed
 * state, never what the writer's open transaction has written so far. Transactions go to the writer, and a
 * write made outside `transaction()` runs in a transaction of its own there (it waits for the open one
 * instead of joining it), as a write outside a transaction does on PostgreSQL.
 */
export function readsOnCommittedData(reader: Db, writer: Db): Db {
  const delegates = new Map<string, object>();
  return new Proxy(reader, {
    get(target, property) {
      if (typeof property !== 'string') return Reflect.get(target, property);
      if (property === '$transaction') return methodOf(writer, property);
      if (RAW_WRITES.has(property)) {
        return (...args: unknown[]) => inOwnTransaction(writer, (tx) => methodOf(tx, property)(...args));
      }
      const value: unknown = Reflect.get(target, property);
      if (typeof value === 'function') return value.bind(target);
      if (property.startsWith('$') || typeof value !== 'object' || value === null) return value;
      if (!delegates.has(property)) delegates.set(property, modelDelegate(value, property, writer));
      return delegates.get(property);
    },
  });
}
