import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import { signInWithPassword, recordSignOut } from '../../lib/auth/sign-in';
import { createPerson } from '../support/people';

const PASSWORD = 'correct horse battery staple';
const context = { ip: '203.0.113.7', userAgent: 'vitest' };

async function eventsFor(label: string) {
  const db = await getDb();
  return db.auditEvent.findMany({
    where: { OR: [{ initiatorLabel: label }, { executorLabel: label }] },
    orderBy: { seq: 'asc' },
  });
}

describe('password sign-in', () => {
  it('signs in an active person with a role, records when, and audits it', async () => {
    const person = await createPerson('SECURITY', { password: PASSWORD });
    const result = await signInWithPassword({ email: person.email.toUpperCase(), password: PASSWORD }, context);
    expect(result).toEqual({ ok: true, humanId: person.humanId, email: person.email, name: person.name });
    const db = await getDb();
    expect((await db.human.findUniqueOrThrow({ where: { id: person.humanId } })).lastSignInAt).toBeInstanceOf(Date);
    const [event] = await eventsFor(person.email);
    expect(event).toMatchObject({
      action: 'auth.sign_in',
      outcome: 'SUCCESS',
      attribution: 'HUMAN',
      initiatorId: person.humanId,
    });
    expect(JSON.parse(event.details)).toMatchObject({ method: 'password', ip: '203.0.113.7' });
  });

  it('refuses a wrong password or an unknown email alike, and audits each failure', async () => {
    const person = await createPerson('AUDITOR', { password: PASSWORD });
    expect(await signInWithPassword({ email: person.email, password: 'wrong password' }, context)).toEqual({
      ok: false,
      reason: 'INVALID',
    });
    expect(await signInWithPassword({ email: 'nobody@test.example', password: PASSWORD }, context)).toEqual({
      ok: false,
      reason: 'INVALID',
    });
    expect(await signInWithPassword({ email: 'not an email', password: '' }, context)).toEqual({
      ok: false,
      reason: 'INVALID',
    });
    const [failure] = await eventsFor(person.email);
    expect(failure).toMatchObject({ action: 'auth.sign_in_failed', outcome: 'FAILURE', initiatorType: 'UNKNOWN' });
    expect(JSON.parse(failure.details)).toMatchObject({ why: 'wrong_password' });
    expect(failure.details).not.toContain('wrong password');
    expect((await eventsFor('nobody@test.example'))[0]).toMatchObject({ action: 'auth.sign_in_failed' });
  });

  it('refuses people without a role, with access disabled, or offboarded', async () => {
    const noRole = await createPerson(null, { password: PASSWORD });
    const disabled = await createPerson('ADMIN', { password: PASSWORD });
    const offboarded = await createPerson('SECURITY', { password: PASSWORD });
    const db = await getDb();
    await db.human.update({ where: { id: disabled.humanId }, data: { signInDisabledAt: new Date() } });
    await db.human.update({ where: { id: offboarded.humanId }, data: { status: 'OFFBOARDED' } });
    for (const person of [noRole, disabled, offboarded]) {
      expect(await signInWithPassword({ email: person.email, password: PASSWORD }, context)).toEqual({
        ok: false,
        reason: 'NO_ACCESS',
      });
    }
  });
});

describe('sign-out', () => {
  it('audits sign-out', async () => {
    const person = await createPerson('SPONSOR');
    await recordSignOut(person.humanId);
    expect((await eventsFor(person.email)).at(-1)).toMatchObject({
      action: 'auth.sign_out',
      initiatorId: person.humanId,
    });
  });
});
