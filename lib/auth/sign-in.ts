import 'server-only';
import { z } from 'zod';
import { getDb, transaction, type Tx } from '../db';
import { appendAuditEvent } from '../audit/append';
import { AUDIT_ACTIONS } from '../audit/actions';
import type { DashboardRole, HumanStatus } from '../db/generated/sqlite/enums';
import { decoyPasswordHash, passwordMatches } from './passwords';
import { clearThrottle, readThrottle, recordFailure, throttleKey } from './throttle';

export type SignInContext = { ip?: string | null; userAgent?: string | null };

export type PasswordSignInResult =
  | { ok: true; humanId: string; email: string; name: string }
  | { ok: false; reason: 'INVALID' | 'NO_ACCESS' }
  | { ok: false; reason: 'THROTTLED'; retryAfterSeconds: number };

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

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
  const key = throttleKey(email);

  const db = await getDb();
  const throttle = await readThrottle(db, key, now);
  if (throttle.locked) {
    await transaction((tx) =>
      recordRefusal(tx, AUDIT_ACTIONS.signInThrottled, email, contextDetails(context, { method: 'password' })),
    );
    return { ok: false, reason: 'THROTTLED', retryAfterSeconds: throttle.retryAfterSeconds };
  }
  const human = await db.human.findUnique({ where: { email } });
  const matches = await passwordMatches(human?.passwordHash ?? (await decoyPasswordHash()), password);
  if (human && matches && mayUseDashboard(human)) {
    await transaction(async (tx) => {
      await clearThrottle(tx, key);
      await recordSuccess(tx, human, contextDetails(context, { method: 'password', role: human.role }));
    });
    return { ok: true, humanId: human.id, email: human.email, name: human.name };
  }
  const why = !human ? 'unknown_account' : !matches ? 'wrong_password' : 'no_dashboard_access';
  await transaction(async (tx) => {
    const locked = await recordFailure(tx, key, now);
    await recordRefusal(
      tx,
      AUDIT_ACTIONS.signInFailed,
      email,
      contextDetails(context, { method: 'password', why, locked }),
    );
  });
  return { ok: false, reason: human && matches ? 'NO_ACCESS' : 'INVALID' };
}

/** Matches an OpenID Connect identity to a person by email; null when they have no access to Steward. */
export async function signInWithOidc(
  claims: { email?: string | null; sub: string; issuer: string },
  context: SignInContext,
): Promise<{ humanId: string } | null> {
  const email = claims.email?.trim().toLowerCase() ?? '';
  const details = contextDetails(context, { method: 'oidc', issuer: claims.issuer, subject: claims.sub });
  return transaction(async (tx) => {
    const human = email ? await tx.human.findUnique({ where: { email } }) : null;
    if (!human || !mayUseDashboard(human)) {
      const why = !email ? 'no_email_claim' : !human ? 'unknown_person' : 'no_dashboard_access';
      await recordRefusal(tx, AUDIT_ACTIONS.signInDenied, email || claims.sub, { ...details, why });
      return null;
    }
    await recordSuccess(tx, human, { ...details, role: human.role });
    return { humanId: human.id };
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
