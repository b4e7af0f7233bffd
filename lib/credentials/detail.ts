import 'server-only';
import { z } from 'zod';
import { getDb } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { requireHuman, type Actor } from '../auth/actor';
import { credentialScope } from '../auth/ownership';
import { notFound } from '../errors';

const TRAIL_LIMIT = 25;
const idSchema = z.string().trim().min(1).max(64);

const credentialSelect = {
  id: true,
  name: true,
  kind: true,
  system: true,
  fingerprint: true,
  environment: true,
  status: true,
  issuedAt: true,
  expiresAt: true,
  lastUsedAt: true,
  lastRotatedAt: true,
  revokedAt: true,
  revocationReason: true,
  revokedBy: { select: { id: true, name: true, email: true } },
  subjectHuman: { select: { id: true, name: true, email: true, status: true } },
  subjectNhi: { select: { id: true, name: true, status: true } },
  holderNhi: { select: { id: true, name: true, status: true } },
} as const satisfies Prisma.CredentialSelect;

const eventSelect = {
  seq: true,
  occurredAt: true,
  action: true,
  outcome: true,
  attribution: true,
  initiatorType: true,
  initiatorId: true,
  initiatorLabel: true,
  executorType: true,
  executorId: true,
  executorLabel: true,
} as const satisfies Prisma.AuditEventSelect;

/**
 * The changes people made to the credential (resource `credential:<id>`) and the latest events that used it,
 * newest first. Two queries, each on its own index, merged here.
 */
async function trailOf(db: Awaited<ReturnType<typeof getDb>>, credentialId: string) {
  const latest = (where: Prisma.AuditEventWhereInput) =>
    db.auditEvent.findMany({
      where,
      orderBy: [{ occurredAt: 'desc' }, { seq: 'desc' }],
      take: TRAIL_LIMIT,
      select: eventSelect,
    });
  const changes = await latest({ resource: `credential:${credentialId}` });
  const uses = await latest({ credentialId });
  const bySeq = new Map([...changes, ...uses].map((event) => [event.seq, event]));
  return [...bySeq.values()]
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.seq - a.seq)
    .slice(0, TRAIL_LIMIT);
}

/** One credential and its trail, for whoever may read it; one outside a sponsor's reach is the same 404 as none. */
export async function getCredentialDetail(actor: Actor, id: unknown) {
  const reader = requireHuman(actor, 'inventory.read');
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw notFound('That credential');
  const db = await getDb();
  const credential = await db.credential.findFirst({
    where: { id: parsed.data, ...credentialScope(reader, 'readNhis') },
    select: credentialSelect,
  });
  if (!credential) throw notFound('That credential');
  return { credential, events: await trailOf(db, credential.id) };
}

export type CredentialDetail = Awaited<ReturnType<typeof getCredentialDetail>>;
