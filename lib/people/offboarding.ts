import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { getDb, type Db, type Tx } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { AppError, conflict, notFound } from '../errors';
import { recomputeFindings } from '../findings/recompute';
import { personUseCase } from '../use-case';
import { parseInput } from '../validation';
import { offboardPersonSchema } from './directory-schemas';
import { personIdSchema } from './schemas';

/**
 * Offboarding a person: their access ends, every active credential that authenticates as them is revoked
 * (borrowed ones included), and the NHIs they sponsor pass to their active manager or are left unsponsored.
 * The preview and the action read the impact with the same function, and the action refuses to run when the
 * impact differs from the one that was reviewed.
 */

export type NhiOutcome = 'TO_MANAGER' | 'UNSPONSORED';

const personSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  status: true,
  signInDisabledAt: true,
  manager: { select: { id: true, name: true, email: true, status: true } },
} as const;

async function findPerson(db: Tx | Db, humanId: string) {
  const person = await db.human.findUnique({ where: { id: humanId }, select: personSelect });
  if (!person) throw notFound('That person');
  return person;
}

type Person = Awaited<ReturnType<typeof findPerson>>;

function isEnabledAdmin(person: Pick<Person, 'role' | 'status' | 'signInDisabledAt'>): boolean {
  return person.role === 'ADMIN' && person.status === 'ACTIVE' && person.signInDisabledAt === null;
}

/** Why this person cannot be offboarded by this actor, or null when they can. */
async function blockerOf(db: Tx | Db, actor: HumanActor, person: Person): Promise<string | null> {
  if (person.id === actor.humanId) return 'You cannot offboard yourself: ask someone else in the security team.';
  if (person.status === 'OFFBOARDED') return `${person.name} was already offboarded.`;
  if (!isEnabledAdmin(person)) return null;
  const otherAdmins = await db.human.count({
    where: { role: 'ADMIN', status: 'ACTIVE', signInDisabledAt: null, id: { not: person.id } },
  });
  return otherAdmins === 0
    ? `${person.name} is the last enabled ADMIN: make someone else ADMIN before offboarding them.`
    : null;
}

function successorOf(person: Person) {
  const manager = person.manager;
  return manager && manager.status === 'ACTIVE' && manager.id !== person.id
    ? { id: manager.id, name: manager.name, email: manager.email }
    : null;
}

function digestOf(parts: {
  credentialIds: string[];
  apiKeyIds: string[];
  nhiIds: string[];
  successorId: string | null;
  endsAccess: boolean;
}) {
  const canonical = JSON.stringify([
    [...parts.credentialIds].sort(),
    [...parts.nhiIds].sort(),
    [...parts.apiKeyIds].sort(),
    parts.successorId,
    parts.endsAccess,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** What offboarding this person would do right now. */
async function readImpact(db: Tx | Db, actor: HumanActor, humanId: string) {
  const person = await findPerson(db, humanId);
  const credentials = await db.credential.findMany({
    where: { subjectHumanId: person.id, status: 'ACTIVE' },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, kind: true, system: true, holderNhi: { select: { id: true, name: true } } },
  });
  const nhis = await db.nhi.findMany({
    where: { sponsorId: person.id },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, kind: true, status: true },
  });
  // Keys bound to an NHI live and die with it; the ones bound to none were the person's own doing.
  const apiKeys = await db.apiKey.findMany({
    where: { createdById: person.id, nhiId: null, revokedAt: null },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, kind: true, prefix: true },
  });
  const successor = successorOf(person);
  const outcome: NhiOutcome = successor ? 'TO_MANAGER' : 'UNSPONSORED';
  const endsAccess = person.role !== null && person.signInDisabledAt === null;
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      role: person.role,
      status: person.status,
      signInDisabledAt: person.signInDisabledAt,
    },
    blocker: await blockerOf(db, actor, person),
    successor,
    endsDashboardAccess: endsAccess,
    credentials: credentials.map((credential) => ({ ...credential, borrowed: credential.holderNhi !== null })),
    nhis: nhis.map((nhi) => ({ ...nhi, outcome })),
    apiKeys,
    digest: digestOf({
      credentialIds: credentials.map((credential) => credential.id),
      apiKeyIds: apiKeys.map((key) => key.id),
      nhiIds: nhis.map((nhi) => nhi.id),
      successorId: successor?.id ?? null,
      endsAccess,
    }),
  };
}

export type OffboardingImpact = Awaited<ReturnType<typeof readImpact>>;

export async function previewOffboarding(actor: Actor, input: unknown): Promise<OffboardingImpact> {
  const officer = requireHuman(actor, 'people.offboard');
  const { humanId } = parseInput(personIdSchema, input);
  return readImpact(await getDb(), officer, humanId);
}

function staleImpact(): AppError {
  return new AppError(
    'STALE_PREVIEW',
    'What offboarding would change has changed since you reviewed it. Review the new impact and confirm again.',
    409,
  );
}

function receiptOf(impact: OffboardingImpact) {
  return {
    name: impact.person.name,
    successor: impact.successor,
    endedDashboardAccess: impact.endsDashboardAccess,
    revokedCredentials: impact.credentials.length,
    borrowedCredentials: impact.credentials.filter((credential) => credential.borrowed).length,
    reassignedNhis: impact.successor ? impact.nhis.length : 0,
    unsponsoredNhis: impact.successor ? 0 : impact.nhis.length,
    revokedApiKeys: impact.apiKeys.length,
  };
}

export type OffboardingReceipt = ReturnType<typeof receiptOf>;

/** Revokes by person and status, not by the previewed ids, so that nothing added meanwhile survives unseen. */
async function applyImpact(tx: Tx, officer: HumanActor, impact: OffboardingImpact, reason: string, now: Date) {
  const { person } = impact;
  await tx.human.update({
    where: { id: person.id },
    data: { status: 'OFFBOARDED', offboardedAt: now, signInDisabledAt: person.signInDisabledAt ?? now },
  });
  const revoked = await tx.credential.updateMany({
    where: { subjectHumanId: person.id, status: 'ACTIVE' },
    data: {
      status: 'REVOKED',
      revokedAt: now,
      revokedById: officer.humanId,
      revocationReason: `Offboarding of ${person.email}: ${reason}`,
    },
  });
  const responsored = await tx.nhi.updateMany({
    where: { sponsorId: person.id },
    data: { sponsorId: impact.successor?.id ?? null },
  });
  const revokedKeys = await tx.apiKey.updateMany({
    where: { createdById: person.id, nhiId: null, revokedAt: null },
    data: { revokedAt: now, revokedById: officer.humanId },
  });
  if (
    revoked.count !== impact.credentials.length ||
    responsored.count !== impact.nhis.length ||
    revokedKeys.count !== impact.apiKeys.length
  )
    throw staleImpact();
}

function offboardingDetails(impact: OffboardingImpact, reason: string) {
  const nhiIds = impact.nhis.map((nhi) => nhi.id);
  const receipt = receiptOf(impact);
  return {
    email: impact.person.email,
    reason,
    revokedCredentials: receipt.revokedCredentials,
    borrowedCredentials: receipt.borrowedCredentials,
    reassignedNhis: receipt.reassignedNhis,
    unsponsoredNhis: receipt.unsponsoredNhis,
    revokedApiKeys: receipt.revokedApiKeys,
    successor: impact.successor ? { id: impact.successor.id, email: impact.successor.email } : null,
    revokedCredentialIds: impact.credentials.map((credential) => credential.id),
    borrowedCredentialIds: impact.credentials
      .filter((credential) => credential.borrowed)
      .map((credential) => credential.id),
    reassignedNhiIds: impact.successor ? nhiIds : [],
    unsponsoredNhiIds: impact.successor ? [] : nhiIds,
    revokedApiKeyIds: impact.apiKeys.map((key) => key.id),
  };
}

/**
 * Offboards a person in one transaction: status and access, credential and API key revocation, sponsorships,
 * findings (orphaned NHIs, borrowed credentials) and one audit event.
 */
export const offboardPerson = personUseCase({
  permission: 'people.offboard',
  input: offboardPersonSchema,
  run: async ({ tx, actor, audit }, { humanId, reason, impactDigest }): Promise<OffboardingReceipt> => {
    const impact = await readImpact(tx, actor, humanId);
    if (impact.blocker) throw conflict(impact.blocker);
    if (impact.digest !== impactDigest) throw staleImpact();
    await applyImpact(tx, actor, impact, reason, new Date());
    const holders = impact.credentials.flatMap((credential) => (credential.holderNhi ? [credential.holderNhi.id] : []));
    await recomputeFindings(tx, {
      nhiIds: [...impact.nhis.map((nhi) => nhi.id), ...holders],
      credentialIds: impact.credentials.map((credential) => credential.id),
    });
    audit(AUDIT_ACTIONS.personOffboarded, `human:${impact.person.id}`, offboardingDetails(impact, reason));
    return receiptOf(impact);
  },
});

const offboardingRecordSchema = z.object({
  reason: z.string(),
  revokedCredentials: z.number(),
  borrowedCredentials: z.number(),
  reassignedNhis: z.number(),
  unsponsoredNhis: z.number(),
});

/** The audit record of a person's offboarding: who did it, when, why and what it changed. */
export async function readOffboardingRecord(actor: Actor, input: unknown) {
  requireHuman(actor, 'people.read');
  const { humanId } = parseInput(personIdSchema, input);
  const db = await getDb();
  const event = await db.auditEvent.findFirst({
    where: { action: AUDIT_ACTIONS.personOffboarded, resource: `human:${humanId}` },
    orderBy: { seq: 'desc' },
    select: { occurredAt: true, initiatorLabel: true, details: true },
  });
  if (!event) return null;
  const details = offboardingRecordSchema.safeParse(JSON.parse(event.details));
  return { at: event.occurredAt, by: event.initiatorLabel, details: details.success ? details.data : null };
}
