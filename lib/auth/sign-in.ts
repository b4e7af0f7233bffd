import 'server-only';
import { z } from 'zod';
import { getDb, transaction, type Tx } from '../db';
import { appendAuditEvent } from '../audit/append';
import { AUDIT_ACTIONS } from '../audit/actions';
import type { DashboardRole, HumanStatus } from '../db/generated/sqlite/enums';
import type { Human } from '../db/generated/sqlite/client';
import { decoyPasswordHash, passwordMatches } from './passwords';
import { readThrottle, recordFailure, rememberSuccessfulSignIn, throttleKeys } from './throttle';
import { UNKNOWN_ADDRESS } from './client-address';
import type { OidcIdentity, OidcIdentityResult } from './oidc';

export type SignInContext = { ip?: string | null; userAgent?: string | null };

export type PasswordSignInResult =
  | { ok: true; humanId: string; email: string; name: string }
  | { ok: false; reason: 'INVALID' | 'NO_ACCESS' }
  | { ok: false; reason: 'THROTTLED'; retryAfterSeconds: number };

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

const PASSWORD_PERSON = {
  id: true,
  email: true,
  name: true,
  role: true,
  status: true,
  signInDisabledAt: true,
  passwordHash: true,
} as const;

type SignInCandidate = { status: HumanStatus; role: DashboardRole | null; signInDisabledAt: Date | null };

/** Only active people with a dashboard role and access not disabled may sign in. */
export function mayUseDashboard(human: SignInCandidate): human is SignInCandidate & { role: DashboardRole } {
  return human.status === 'ACTIVE' && human.role !== null && human.signInDisabledAt === null;
}

function contextDetails(context: SignInContext, extra: Record<string, unknown>) {
  return { ...extra, ip: context.ip ?? null, userAgent: context.userAgent ?? null };
}

async function recordSuccess(tx: Tx, human: { id: string; email: string }, details: Record<string, unknown>) {
  await tx.human.update({ where: { id: human.id }, data: { lastSignInAt: new Date() } });
  const principal = { type: 'HUMAN' as const, id: human.id, label: human.email };
  await appendAuditEvent(tx, {
    action: AUDIT_ACTIONS.signIn,
    attribution: 'HUMAN',
    initiator: principal,
    executor: principal,
    resource: 'steward:dashboard',
    details,
  });
}

async function recordRefusal(tx: Tx, action: string, email: string, details: Record<string, unknown>) {
  const principal = { type: 'UNKNOWN' as const, label: email };
  await appendAuditEvent(tx, {
    action,
    attribution: 'UNKNOWN',
    outcome: action === AUDIT_ACTIONS.signInFailed ? 'FAILURE' : 'DENIED',
    initiator: principal,
    executor: principal,
    resource: 'steward:dashboard',
    details,
  });
}

export async function signInWithPassword(input: unknown, context: SignInContext): Promise<PasswordSignInResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'INVALID' };
  const { email, password } = parsed.data;
  const now = new Date();
  const address = context.ip ?? UNKNOWN_ADDRESS;
  const throttle = throttleKeys(email, address);

  const db = await getDb();
  const state = await readThrottle(db, throttle, now);
  if (state.locked) return { ok: false, reason: 'THROTTLED', retryAfterSeconds: state.retryAfterSeconds };

  const human = await db.human.findUnique({ where: { email }, select: PASSWORD_PERSON });
  const matches = await passwordMatches(human?.passwordHash ?? (await decoyPasswordHash()), password);
  if (human && matches && mayUseDashboard(human)) {
    await transaction(async (tx) => {
      await recordSuccess(tx, human, contextDetails(context, { method: 'password', role: human.role }));
      await rememberSuccessfulSignIn(tx, throttle, now);
    });
    return { ok: true, humanId: human.id, email: human.email, name: human.name };
  }
  const why = !human ? 'unknown_account' : !matches ? 'wrong_password' : 'no_dashboard_access';
  await transaction(async (tx) => {
    // The failure's event goes first: it takes the chain lock, which serializes the throttle counters below.
    await recordRefusal(tx, AUDIT_ACTIONS.signInFailed, email, contextDetails(context, { method: 'password', why }));
    for (const lock of await recordFailure(tx, throttle, now)) {
      const lockDetails = { method: 'password', lock: lock.scope, lockedUntil: lock.lockedUntil.toISOString() };
      await recordRefusal(tx, AUDIT_ACTIONS.signInThrottled, email, contextDetails(context, lockDetails));
    }
  });
  return { ok: false, reason: human && matches ? 'NO_ACCESS' : 'INVALID' };
}

export type OidcDenial =
  | 'userinfo_subject_mismatch'
  | 'no_email_claim'
  | 'email_not_verified'
  | 'unknown_person'
  | 'bound_to_other_identity'
  | 'no_dashboard_access';

export type OidcSignInResult = { ok: true; humanId: string } | { ok: false; why: OidcDenial };

const OIDC_PERSON = {
  id: true,
  email: true,
  role: true,
  status: true,
  signInDisabledAt: true,
  oidcIssuer: true,
  oidcSubject: true,
} as const;

type OidcPerson = Pick<Human, keyof typeof OIDC_PERSON>;
type OidcMatch = { ok: true; human: OidcPerson; bound: boolean } | { ok: false; why: OidcDenial; label?: string };

/**
 * The person an identity signs in as: the one bound to (issuer, subject) if any, whatever email the issuer
 * sends now; else, at a first sign-in, the person with the issuer's trusted email, unless that person is
 * already bound to another identity.
 */
async function matchOidcPerson(tx: Tx, identity: OidcIdentity): Promise<OidcMatch> {
  const bound = await tx.human.findUnique({
    where: { oidcIssuer_oidcSubject: { oidcIssuer: identity.issuer, oidcSubject: identity.subject } },
    select: OIDC_PERSON,
  });
  if (bound) return admitted(bound, true);
  if (!identity.email) return { ok: false, why: 'no_email_claim' };
  if (!identity.emailTrusted) return { ok: false, why: 'email_not_verified' };
  const human = await tx.human.findUnique({ where: { email: identity.email }, select: OIDC_PERSON });
  if (!human) return { ok: false, why: 'unknown_person' };
  if (human.oidcSubject !== null || human.oidcIssuer !== null) {
    return { ok: false, why: 'bound_to_other_identity', label: human.email };
  }
  return admitted(human, false);
}

function admitted(human: OidcPerson, bound: boolean): OidcMatch {
  if (!mayUseDashboard(human)) return { ok: false, why: 'no_dashboard_access', label: human.email };
  return { ok: true, human, bound };
}

/**
 * Signs in an OpenID Connect identity, binding (issuer, subject) to the person at their first sign-in so
 * that a changed email at the issuer can never move the account to someone else. Every refusal is audited.
 */
export async function signInWithOidc(result: OidcIdentityResult, context: SignInContext): Promise<OidcSignInResult> {
  const claims = result.ok ? result.identity : result;
  const details = contextDetails(context, {
    method: 'oidc',
    issuer: claims.issuer,
    subject: claims.subject,
    emailAtIssuer: claims.email,
    ...(result.ok ? { emailVerified: result.identity.emailVerified } : {}),
  });
  return transaction(async (tx) => {
    const match: OidcMatch = result.ok ? await matchOidcPerson(tx, result.identity) : { ok: false, why: result.why };
    if (!match.ok) {
      const label = match.label ?? claims.email ?? claims.subject;
      await recordRefusal(tx, AUDIT_ACTIONS.signInDenied, label, { ...details, why: match.why });
      return { ok: false, why: match.why };
    }
    const { human, bound } = match;
    if (!bound) {
      await tx.human.update({
        where: { id: human.id },
        data: { oidcIssuer: claims.issuer, oidcSubject: claims.subject },
      });
    }
    await recordSuccess(tx, human, { ...details, role: human.role, boundNow: !bound });
    return { ok: true, humanId: human.id };
  });
}

export async function recordSignOut(humanId: string): Promise<void> {
  await transaction(async (tx) => {
    const human = await tx.human.findUnique({ where: { id: humanId }, select: { id: true, email: true } });
    if (!human) return;
    const principal = { type: 'HUMAN' as const, id: human.id, label: human.email };
    await appendAuditEvent(tx, {
      action: AUDIT_ACTIONS.signOut,
      attribution: 'HUMAN',
      initiator: principal,
      executor: principal,
      resource: 'steward:dashboard',
    });
  });
}
