import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HumanActor } from '../../lib/auth/actor';
import { getDb, transaction, type Tx } from '../../lib/db';
import { listNhis } from '../../lib/inventory/list';
import { createPerson } from '../support/people';

let security: HumanActor;

beforeAll(async () => {
  security = await createPerson('SECURITY');
});

function insertNhi(tx: Tx, name: string) {
  return tx.nhi.create({
    data: { system: 'github', externalId: randomUUID(), name, kind: 'AI_AGENT', searchText: name },
  });
}

async function inventoryNames(q: string): Promise<string[]> {
  const listing = await listNhis(security, { q });
  return listing.nhis.map((nhi) => nhi.name);
}

async function namesInDatabase(prefix: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db.nhi.findMany({ where: { name: { startsWith: prefix } }, orderBy: { name: 'asc' } });
  return rows.map((row) => row.name);
}

/** Opens a transaction that inserts `name`, and holds it open until `finish` says commit or roll back. */
function openTransaction(name: string) {
  let finish: (outcome: 'commit' | 'rollback') => void = () => {};
  const decided = new Promise<'commit' | 'rollback'>((resolve) => (finish = resolve));
  let inserted: () => void = () => {};
  const written = new Promise<void>((resolve) => (inserted = resolve));
  const done = transaction(async (tx) => {
    await insertNhi(tx, name);
    inserted();
    if ((await decided) === 'rollback') throw new Error('rolled back on purpose');
  });
  return { written, done, finish };
}

async function eventLoopTurns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('reads outside a transaction see committed data only', () => {
  it('does not show a row of an open transaction until it commits', async () => {
    const name = `isolation-commit-${randomUUID()}`;
    const open = openTransaction(name);
    await open.written;
    expect(await namesInDatabase(name)).toEqual([]);
    expect(await inventoryNames(name)).toEqual([]);
    open.finish('commit');
    await open.done;
    expect(await namesInDatabase(name)).toEqual([name]);
    expect(await inventoryNames(name)).toEqual([name]);
  });

  it('never shows a row of a transaction that rolls back', async () => {
    const name = `isolation-rollback-${randomUUID()}`;
    const open = openTransaction(name);
    await open.written;
    expect(await inventoryNames(name)).toEqual([]);
    open.finish('rollback');
    await expect(open.done).rejects.toThrow('rolled back on purpose');
    expect(await namesInDatabase(name)).toEqual([]);
    expect(await inventoryNames(name)).toEqual([]);
  });

  it('keeps a write made outside a transaction out of another transaction that rolls back', async () => {
    const prefix = `isolation-apart-${randomUUID()}`;
    const open = openTransaction(`${prefix}-inside`);
    await open.written;
    const db = await getDb();
    // Prisma's queries are lazy: `then` sends it now, while the other transaction is still open.
    const outside = db.nhi
      .create({ data: { system: 'github', externalId: randomUUID(), name: `${prefix}-outside`, kind: 'BOT' } })
      .then((row) => row);
    await eventLoopTurns(20);
    open.finish('rollback');
    await expect(open.done).rejects.toThrow('rolled back on purpose');
    await outside;
    expect(await namesInDatabase(prefix)).toEqual([`${prefix}-outside`]);
  });
});
