import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import { addPerson, changeRole, disableAccess, enableAccess } from '../../lib/people/access';
import { listAccounts } from '../../lib/people/list';
import { passwordMatches } from '../../lib/auth/passwords';
import type { HumanActor } from '../../lib/auth/actor';
import { AppError } from '../../lib/errors';
import { countRows, createPerson } from '../support/people';

let admin: HumanActor;
let others: HumanActor[];

beforeAll(async () => {
  admin = await createPerson('ADMIN');
  others = [await createPerson('SECURITY'), await createPerson('SPONSOR'), await createPerson('AUDITOR')];
});

async function expectRejected(work: () => Promise<unknown>, status: number, code?: string) {
  const before = await countRows();
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  if (code) expect((error as AppError).code).toBe(code);
  expect(await countRows()).toEqual(before);
  return error as AppError;
}

async function lastEvent() {
  const db = await getDb();
  return db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
}

describe('an admin managing access', () => {
  it('adds a person with a hashed password, and audits it with the admin as initiator and executor', async () => {
    const person = await addPerson(admin, {
      name: 'Grace Okafor',
      email: ' Grace.Okafor@Acme.Example ',
      role: 'SECURITY',
      password: 'a long enough password',
    });
    expect(person).toMatchObject({ email: 'grace.okafor@acme.example', role: 'SECURITY', signInDisabledAt: null });
    const db = await getDb();
    const stored = await db.human.findUniqueOrThrow({ where: { id: person.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await passwordMatches(stored.passwordHash ?? '', 'a long enough password')).toBe(true);
    expect(await lastEvent()).toMatchObject({
      action: 'person.add',
      attribution: 'HUMAN',
      initiatorId: admin.humanId,
      executorId: admin.humanId,
      resource: `human:${person.id}`,
    });
    expect((await lastEvent()).details).not.toContain('a long enough password');
  });

  it('rejects invalid input with field errors and writes nothing', async () => {
    const error = await expectRejected(
      () => addPerson(admin, { name: '', email: 'not-an-email', role: 'ROOT', password: 'short' }),
      422,
      'INVALID_INPUT',
    );
    expect(Object.keys((error.details as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      'email',
      'name',
      'password',
      'role',
    ]);
    await expectRejected(
      () =>
        addPerson(admin, { name: 'Dup', email: others[0].email, role: 'AUDITOR', password: 'a long enough password' }),
      409,
    );
  });

  it('changes a role, audits from and to, and does nothing when the role is the same', async () => {
    const person = await createPerson('AUDITOR');
    await changeRole(admin, { humanId: person.humanId, role: 'SPONSOR' });
    expect(await lastEvent()).toMatchObject({ action: 'person.role_change', resource: `human:${person.humanId}` });
    expect(JSON.parse((await lastEvent()).details)).toMatchObject({ from: 'AUDITOR', to: 'SPONSOR' });
    const before = await countRows();
    await changeRole(admin, { humanId: person.humanId, role: 'SPONSOR' });
    expect(await countRows()).toEqual(before);
  });

  it('disables and re-enables access, each audited', async () => {
    const person = await createPerson('SPONSOR');
    const disabled = await disableAccess(admin, { humanId: person.humanId });
    expect(disabled.signInDisabledAt).toBeInstanceOf(Date);
    expect((await lastEvent()).action).toBe('person.access_disable');
    const enabled = await enableAccess(admin, { humanId: person.humanId });
    expect(enabled.signInDisabledAt).toBeNull();
    expect((await lastEvent()).action).toBe('person.access_enable');
  });

  it('never leaves the deployment without an enabled admin, and never disables itself', async () => {
    await expectRejected(() => disableAccess(admin, { humanId: admin.humanId }), 409);
    await expectRejected(() => changeRole(admin, { humanId: admin.humanId, role: 'AUDITOR' }), 409);
    const second = await createPerson('ADMIN');
    await changeRole(admin, { humanId: second.humanId, role: 'AUDITOR' });
    await expectRejected(() => changeRole(admin, { humanId: 'no-such-person', role: 'AUDITOR' }), 404);
  });

  it('lists accounts with search, an access filter and pages', async () => {
    const result = await listAccounts(admin, { q: 'grace.okafor' });
    expect(result.accounts.map((account) => account.email)).toEqual(['grace.okafor@acme.example']);
    const disabled = await listAccounts(admin, { access: 'disabled' });
    expect(disabled.accounts.every((account) => account.signInDisabledAt !== null)).toBe(true);
    await expect(listAccounts(admin, { page: 0 })).rejects.toMatchObject({ status: 422 });
  });
});

describe('everyone else', () => {
  it('is refused every access change server-side, and nothing is written', async () => {
    const target = await createPerson('AUDITOR');
    for (const actor of others) {
      await expectRejected(
        () =>
          addPerson(actor, { name: 'X', email: 'x@acme.example', role: 'ADMIN', password: 'a long enough password' }),
        403,
        'FORBIDDEN',
      );
      await expectRejected(() => changeRole(actor, { humanId: target.humanId, role: 'ADMIN' }), 403, 'FORBIDDEN');
      await expectRejected(() => disableAccess(actor, { humanId: target.humanId }), 403, 'FORBIDDEN');
      await expectRejected(() => enableAccess(actor, { humanId: target.humanId }), 403, 'FORBIDDEN');
      await expect(listAccounts(actor, {})).rejects.toMatchObject({ status: 403 });
    }
  });

  it('is refused even with a valid API key instead of a person', async () => {
    const key = { kind: 'key' as const, keyId: 'k', keyKind: 'ADMIN' as const, keyName: 'automation', nhiId: null };
    await expectRejected(() => changeRole(key, { humanId: admin.humanId, role: 'AUDITOR' }), 403);
  });
});
