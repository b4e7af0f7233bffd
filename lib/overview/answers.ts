import 'server-only';
import { getDb } from '../db';
import { can, type HumanActor } from '../auth/actor';
import { scopeReach } from '../auth/ownership';
import { caseReadScope } from '../borrowed/list';
import { nhiWhere } from '../inventory/list';
import { nhiFilterSchema } from '../inventory/schemas';
import { parseInput } from '../validation';

/**
 * The answers to a security lead's Monday questions, each from a small table or an indexed count: who still
 * acts as a person, what waits for approval, whether the chain is intact. The actor's reach applies to each.
 */

export type BorrowedAnswer = {
  /**
   * Identities that act as a person: inventoried NHIs that hold a person's credential or have an open flagged
   * borrowed-credential case, and one more for each such case whose agent the inventory does not know.
   */
  acting: number;
  /** Inventoried NHIs holding an active credential of a person. */
  holding: number;
  /** Open flagged cases, of which `unlinkedCases` name an agent the inventory does not know. */
  cases: number;
  unlinkedCases: number;
};

export async function borrowedAnswer(actor: HumanActor): Promise<BorrowedAnswer> {
  const db = await getDb();
  const [groups, holders] = await Promise.all([
    db.borrowedCase.groupBy({
      by: ['agentNhiId'],
      where: { AND: [caseReadScope(actor), { flagged: true, status: { not: 'RESOLVED' } }] },
      _count: { _all: true },
    }),
    db.nhi.findMany({ where: nhiWhere(actor, parseInput(nhiFilterSchema, { borrowed: '1' })), select: { id: true } }),
  ]);
  const identities = new Set(holders.map((nhi) => nhi.id));
  for (const group of groups) if (group.agentNhiId !== null) identities.add(group.agentNhiId);
  const unlinkedCases = groups.find((group) => group.agentNhiId === null)?._count._all ?? 0;
  return {
    acting: identities.size + unlinkedCases,
    holding: holders.length,
    cases: groups.reduce((sum, group) => sum + group._count._all, 0),
    unlinkedCases,
  };
}

export type ApprovalsAnswer = {
  pending: number;
  oldestRequestedAt: Date | null;
  /** The queue, for those who decide; others see the figures only. */
  href: string | null;
};

export async function approvalsAnswer(actor: HumanActor): Promise<ApprovalsAnswer> {
  const db = await getDb();
  const where = { AND: [scopeReach(actor, 'readNhis'), { status: 'PENDING' as const }] };
  const [pending, oldest] = await Promise.all([
    db.scopeRequest.count({ where }),
    db.scopeRequest.findFirst({ where, orderBy: { requestedAt: 'asc' }, select: { requestedAt: true } }),
  ]);
  return {
    pending,
    oldestRequestedAt: oldest?.requestedAt ?? null,
    href: can(actor, 'scope.approve') ? '/approvals' : null,
  };
}

export type ChainAnswer = {
  headSeq: number;
  checkpoint: {
    seq: number;
    signedAt: Date;
    reason: string;
    /** The event at the checkpoint's seq still carries the hash that was signed: one indexed read, not a verification. */
    hashMatches: boolean;
  } | null;
};

/** The chain's head and its latest signed checkpoint: the whole organisation's trail, so only for its readers. */
export async function chainAnswer(actor: HumanActor): Promise<ChainAnswer | null> {
  if (!can(actor, 'audit.read')) return null;
  const db = await getDb();
  const [head, checkpoint] = await Promise.all([
    db.auditChainHead.findUnique({ where: { id: 1 }, select: { seq: true } }),
    db.auditCheckpoint.findFirst({
      orderBy: { seq: 'desc' },
      select: { seq: true, hash: true, signedAt: true, reason: true },
    }),
  ]);
  if (!checkpoint) return { headSeq: head?.seq ?? 0, checkpoint: null };
  const event = await db.auditEvent.findUnique({ where: { seq: checkpoint.seq }, select: { hash: true } });
  return {
    headSeq: head?.seq ?? 0,
    checkpoint: {
      seq: checkpoint.seq,
      signedAt: checkpoint.signedAt,
      reason: checkpoint.reason,
      hashMatches: event?.hash === checkpoint.hash,
    },
  };
}
