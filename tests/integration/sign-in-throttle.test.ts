import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import { signInWithPassword } from '../../lib/auth/sign-in';
import { THROTTLE_POLICIES } from '../../lib/auth/throttle';
import { createPerson } from '../support/people';

const PASSWORD = 'correct horse battery staple';
const PAIR_LIMIT = THROTTLE_POLICIES.emailAtAddress.maxFailures;
const ADDRESS_LIMIT = THROTTLE_POLICIES.address.maxFailures;
const EMAIL_LIMIT = THROTTLE_POLICIES.email.maxFailures;

/** A documentation address (RFC 5737) of its own for each caller, so tests do not share throttle buckets. */
let nextAddress = 1;
function address(): string {
  nextAddress += 1;
  return `203.0.${Math.floor(nextAddress / 250)}.${nextAddress % 250}`;
}

async function guess(email: string, ip: string, times: number) {
  for (let attempt = 0; attempt < times; attempt += 1) {
    await signInWithPassword({ email, password: `guess ${attempt}` }, { ip, userAgent: 'attacker' });
  }
}

async function throttledEvents(email: string) {
  const db = await getDb();
  return db.auditEvent.findMany({ where: { action: 'auth.sign_in_throttled', initiatorLabel: email } });
}

async function writes() {
  const db = await getDb();
  const [events, throttles] = [await db.auditEvent.count(), await db.signInThrottle.findMany()];
  return { events, throttles };
}

describe('password sign-in throttling', () => {
  it("locks out the attacker's address, while the real person signs in from their own", async () => {
    const person = await createPerson('SECURITY', { password: PASSWORD });
    const attacker = address();
    await guess(person.email, attacker, PAIR_LIMIT);

    const refused = await signInWithPassword({ email: person.email, password: PASSWORD }, { ip: attacker });
    expect(refused).toMatchObject({ ok: false, reason: 'THROTTLED' });
    expect(refused.ok === false && refused.reason === 'THROTTLED' && refused.retryAfterSeconds).toBeGreaterThan(0);

    const real = await signInWithPassword({ email: person.email, password: PASSWORD }, { ip: address() });
    expect(real).toMatchObject({ ok: true, humanId: person.humanId });
  });

  it('writes nothing, not even an audit event, for attempts refused during a lock', async () => {
    const person = await createPerson('AUDITOR', { password: PASSWORD });
    const attacker = address();
    await guess(person.email, attacker, PAIR_LIMIT);

    const before = await writes();
    await guess(person.email, attacker, 10);
    await signInWithPassword({ email: person.email, password: PASSWORD }, { ip: attacker });
    expect(await writes()).toEqual(before);
  });

  it('records exactly one event per lock window, when the lock starts', async () => {
    const person = await createPerson('SPONSOR', { password: PASSWORD });
    const attacker = address();
    await guess(person.email, attacker, PAIR_LIMIT + 7);
    const [first, ...others] = await throttledEvents(person.email);
    expect(others).toHaveLength(0);
    expect(first).toMatchObject({ outcome: 'DENIED', initiatorType: 'UNKNOWN' });
    expect(JSON.parse(first.details)).toMatchObject({ method: 'password', lock: 'emailAtAddress', ip: attacker });

    // The lock runs out; a second round of guesses starts a second window and its one event.
    const db = await getDb();
    await db.signInThrottle.updateMany({
      where: { key: { contains: person.email } },
      data: { lockedUntil: new Date(Date.now() - 1000) },
    });
    await guess(person.email, attacker, PAIR_LIMIT + 3);
    expect(await throttledEvents(person.email)).toHaveLength(2);
  });

  it('locks an address that sprays many accounts, whichever email it tries next', async () => {
    const sprayer = address();
    for (let attempt = 0; attempt < ADDRESS_LIMIT; attempt += 1) {
      await signInWithPassword({ email: `sprayed-${attempt}@test.example`, password: PASSWORD }, { ip: sprayer });
    }
    const fresh = await createPerson('SECURITY', { password: PASSWORD });
    expect(await signInWithPassword({ email: fresh.email, password: PASSWORD }, { ip: sprayer })).toMatchObject({
      reason: 'THROTTLED',
    });
    expect(await signInWithPassword({ email: fresh.email, password: PASSWORD }, { ip: address() })).toMatchObject({
      ok: true,
    });
    const db = await getDb();
    const addressLocks = await db.auditEvent.findMany({
      where: { action: 'auth.sign_in_throttled', details: { contains: '"lock":"address"' } },
    });
    expect(addressLocks).toHaveLength(1);
  });

  it("a success clears that address's count for the email, so earlier typos do not add up", async () => {
    const person = await createPerson('AUDITOR', { password: PASSWORD });
    const home = address();
    await guess(person.email, home, PAIR_LIMIT - 1);
    expect(await signInWithPassword({ email: person.email, password: PASSWORD }, { ip: home })).toMatchObject({
      ok: true,
    });
    await guess(person.email, home, PAIR_LIMIT - 1);
    expect(await signInWithPassword({ email: person.email, password: PASSWORD }, { ip: home })).toMatchObject({
      ok: true,
    });
  });

  it('locks an email guessed from many addresses, except from where the person signed in before', async () => {
    const person = await createPerson('SECURITY', { password: PASSWORD });
    const home = address();
    expect(await signInWithPassword({ email: person.email, password: PASSWORD }, { ip: home })).toMatchObject({
      ok: true,
    });
    for (let attempt = 0; attempt < EMAIL_LIMIT; attempt += 1) {
      await guess(person.email, address(), 1);
    }

    expect(await signInWithPassword({ email: person.email, password: PASSWORD }, { ip: address() })).toMatchObject({
      reason: 'THROTTLED',
    });
    expect(await signInWithPassword({ email: person.email, password: PASSWORD }, { ip: home })).toMatchObject({
      ok: true,
    });
    const locks = (await throttledEvents(person.email)).map((event) => JSON.parse(event.details).lock);
    expect(locks).toEqual(['email']);
  });

  it('never counts the shared bucket of unreadable addresses as a place the person signed in from', async () => {
    const person = await createPerson('AUDITOR', { password: PASSWORD });
    const unreadable = { ip: null };
    expect(await signInWithPassword({ email: person.email, password: PASSWORD }, unreadable)).toMatchObject({
      ok: true,
    });
    for (let attempt = 0; attempt < EMAIL_LIMIT; attempt += 1) {
      await guess(person.email, address(), 1);
    }
    expect(await signInWithPassword({ email: person.email, password: PASSWORD }, unreadable)).toMatchObject({
      reason: 'THROTTLED',
    });
  });
});
