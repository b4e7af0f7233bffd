import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import { oidcIdentity, type OidcProfile } from '../../lib/auth/oidc';
import { signInWithOidc } from '../../lib/auth/sign-in';
import { createPerson } from '../support/people';

const ISSUER = 'https://idp.example';
const settings = { issuer: ISSUER, trustUnverifiedEmail: false };

function signIn(profile: OidcProfile, trustUnverifiedEmail = false) {
  return signInWithOidc(oidcIdentity(profile, { ...settings, trustUnverifiedEmail }), {});
}

function subject(): string {
  return `sub-${randomUUID()}`;
}

async function binding(humanId: string) {
  const db = await getDb();
  return db.human.findUniqueOrThrow({ where: { id: humanId }, select: { oidcIssuer: true, oidcSubject: true } });
}

async function lastEventFor(label: string) {
  const db = await getDb();
  return db.auditEvent.findFirstOrThrow({
    where: { OR: [{ initiatorLabel: label }, { initiatorId: label }] },
    orderBy: { seq: 'desc' },
  });
}

async function eventCount() {
  const db = await getDb();
  return db.auditEvent.count();
}

describe('OpenID Connect sign-in', () => {
  it('matches a person by verified email at the first sign-in, binds (issuer, subject) and audits it', async () => {
    const person = await createPerson('AUDITOR');
    const sub = subject();
    const result = await signIn({ sub, email: person.email.toUpperCase(), email_verified: true });
    expect(result).toEqual({ ok: true, humanId: person.humanId });
    expect(await binding(person.humanId)).toEqual({ oidcIssuer: ISSUER, oidcSubject: sub });
    const event = await lastEventFor(person.email);
    expect(event).toMatchObject({ action: 'auth.sign_in', outcome: 'SUCCESS', initiatorId: person.humanId });
    expect(JSON.parse(event.details)).toMatchObject({ method: 'oidc', issuer: ISSUER, subject: sub, boundNow: true });
  });

  it('refuses an unverified email, binds nothing, and audits the denial with its reason', async () => {
    const person = await createPerson('SECURITY');
    const before = await eventCount();
    expect(await signIn({ sub: subject(), email: person.email, email_verified: false })).toEqual({
      ok: false,
      why: 'email_not_verified',
    });
    expect(await signIn({ sub: subject(), email: person.email })).toEqual({ ok: false, why: 'email_not_verified' });
    expect(await binding(person.humanId)).toEqual({ oidcIssuer: null, oidcSubject: null });
    expect(await eventCount()).toBe(before + 2);
    const denial = await lastEventFor(person.email);
    expect(denial).toMatchObject({ action: 'auth.sign_in_denied', outcome: 'DENIED', initiatorType: 'UNKNOWN' });
    expect(JSON.parse(denial.details)).toMatchObject({ why: 'email_not_verified', emailVerified: false });
  });

  it('binds an unverified email when the operator trusts the issuer’s emails', async () => {
    const person = await createPerson('SPONSOR');
    const sub = subject();
    expect(await signIn({ sub, email: person.email, email_verified: false }, true)).toEqual({
      ok: true,
      humanId: person.humanId,
    });
    expect(await binding(person.humanId)).toEqual({ oidcIssuer: ISSUER, oidcSubject: sub });
  });

  it('refuses a userinfo answer about another subject and audits it', async () => {
    const person = await createPerson('ADMIN');
    const sub = subject();
    const result = await signIn({ sub, userinfo_sub: subject(), email: person.email, email_verified: true });
    expect(result).toEqual({ ok: false, why: 'userinfo_subject_mismatch' });
    expect(await binding(person.humanId)).toEqual({ oidcIssuer: null, oidcSubject: null });
    expect(JSON.parse((await lastEventFor(person.email)).details)).toMatchObject({
      why: 'userinfo_subject_mismatch',
      subject: sub,
    });
  });

  it('signs in the bound person by subject after their email changed at the issuer', async () => {
    const person = await createPerson('SECURITY');
    const sub = subject();
    await signIn({ sub, email: person.email, email_verified: true });
    const renamed = `renamed-${randomUUID()}@elsewhere.example`;
    expect(await signIn({ sub, email: renamed, email_verified: false })).toEqual({ ok: true, humanId: person.humanId });
    expect(await signIn({ sub })).toEqual({ ok: true, humanId: person.humanId });
    expect(JSON.parse((await lastEventFor(person.email)).details)).toMatchObject({ boundNow: false });
  });

  it("refuses another subject that now carries a bound person's email: the account does not move", async () => {
    const victim = await createPerson('ADMIN');
    const sub = subject();
    await signIn({ sub, email: victim.email, email_verified: true });

    const intruder = subject();
    expect(await signIn({ sub: intruder, email: victim.email, email_verified: true })).toEqual({
      ok: false,
      why: 'bound_to_other_identity',
    });
    expect(await binding(victim.humanId)).toEqual({ oidcIssuer: ISSUER, oidcSubject: sub });
    expect(JSON.parse((await lastEventFor(victim.email)).details)).toMatchObject({
      why: 'bound_to_other_identity',
      subject: intruder,
    });
  });

  it('does not let one subject bound to a person sign in as another whose email it now shows', async () => {
    const first = await createPerson('AUDITOR');
    const second = await createPerson('ADMIN');
    const sub = subject();
    await signIn({ sub, email: first.email, email_verified: true });
    expect(await signIn({ sub, email: second.email, email_verified: true })).toEqual({
      ok: true,
      humanId: first.humanId,
    });
    expect(await binding(second.humanId)).toEqual({ oidcIssuer: null, oidcSubject: null });
  });

  it('denies, and audits, someone unknown, without an email claim, or without dashboard access', async () => {
    const stranger = `stranger-${randomUUID()}@elsewhere.example`;
    expect(await signIn({ sub: subject(), email: stranger, email_verified: true })).toEqual({
      ok: false,
      why: 'unknown_person',
    });
    expect(await lastEventFor(stranger)).toMatchObject({ action: 'auth.sign_in_denied', outcome: 'DENIED' });

    const noEmail = subject();
    expect(await signIn({ sub: noEmail })).toEqual({ ok: false, why: 'no_email_claim' });
    expect(JSON.parse((await lastEventFor(noEmail)).details)).toMatchObject({ why: 'no_email_claim' });

    const noRole = await createPerson(null);
    expect(await signIn({ sub: subject(), email: noRole.email, email_verified: true })).toEqual({
      ok: false,
      why: 'no_dashboard_access',
    });
    expect(await binding(noRole.humanId)).toEqual({ oidcIssuer: null, oidcSubject: null });
  });
});
