import 'server-only';
import type { Tx } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { conflict, fieldError, notFound } from '../errors';
import { personUseCase } from '../use-case';
import { resolutionCheck } from './resolution';
import {
  assignCaseSchema,
  reopenCaseSchema,
  resolveCaseSchema,
  startMigrationSchema,
  type CaseStatus,
} from './schemas';

/**
 * The remediation of a borrowed credential: open → assigned → migrating → resolved, and back to open when it is
 * reopened. Security moves a case; each move is audited with the person as both initiator and executor.
 */

export type CaseStatusChange = { id: string; status: CaseStatus };

const caseFacts = {
  id: true,
  status: true,
  assigneeId: true,
  confidence: true,
  flagged: true,
  humanLabel: true,
  credentialExternalId: true,
  credentialKind: true,
  eventCount: true,
  firstSeen: true,
  lastSeen: true,
  credential: { select: { status: true, revokedAt: true, lastRotatedAt: true, expiresAt: true } },
} as const;

async function findCase(tx: Tx, caseId: string) {
  const found = await tx.borrowedCase.findUnique({ where: { id: caseId }, select: caseFacts });
  if (!found) throw notFound('That borrowed-credential case');
  return found;
}

/** Moves the case only if nobody moved it since it was read. */
export async function moveCase(
  tx: Tx,
  caseId: string,
  from: CaseStatus,
  data: {
    status: CaseStatus;
    assigneeId?: string;
    resolvedAt?: Date | null;
    credentialEndedAt?: Date | null;
  },
): Promise<void> {
  const { count } = await tx.borrowedCase.updateMany({
    where: { id: caseId, status: from },
    data: { ...data, statusChangedAt: new Date() },
  });
  if (count !== 1) throw conflict('This case changed at the same moment: reload and try again.');
}

const OPEN_STATUSES: readonly CaseStatus[] = ['OPEN', 'ASSIGNED', 'MIGRATING'];

export const assignBorrowedCase = personUseCase({
  permission: 'borrowed.remediate',
  input: assignCaseSchema,
  run: async ({ tx, audit }, { caseId, assigneeId }): Promise<CaseStatusChange> => {
    const found = await findCase(tx, caseId);
    if (!OPEN_STATUSES.includes(found.status))
      throw conflict('A resolved case is not assigned: reopen it first if the credential is in use again.');
    const assignee = await tx.human.findUnique({
      where: { id: assigneeId },
      select: { id: true, status: true, role: true, signInDisabledAt: true },
    });
    if (!assignee || assignee.status !== 'ACTIVE' || assignee.role === null || assignee.signInDisabledAt !== null)
      throw fieldError('assigneeId', 'Choose an active person who signs in to Steward.');
    const status: CaseStatus = found.status === 'OPEN' ? 'ASSIGNED' : found.status;
    await moveCase(tx, caseId, found.status, { status, assigneeId });
    audit(AUDIT_ACTIONS.borrowedCaseAssigned, `borrowed-case:${caseId}`, {
      from: found.assigneeId,
      to: assigneeId,
      status: { from: found.status, to: status },
    });
    return { id: caseId, status };
  },
});

export const startBorrowedMigration = personUseCase({
  permission: 'borrowed.remediate',
  input: startMigrationSchema,
  run: async ({ tx, audit }, { caseId }): Promise<CaseStatusChange> => {
    const found = await findCase(tx, caseId);
    if (found.status !== 'ASSIGNED')
      throw conflict(
        found.status === 'OPEN'
          ? 'Assign the case to someone before the migration starts.'
          : `The case is ${found.status.toLowerCase()}: only an assigned case starts its migration.`,
      );
    await moveCase(tx, caseId, 'ASSIGNED', { status: 'MIGRATING' });
    audit(AUDIT_ACTIONS.borrowedMigrationStarted, `borrowed-case:${caseId}`, {
      status: { from: 'ASSIGNED', to: 'MIGRATING' },
      assigneeId: found.assigneeId,
    });
    return { id: caseId, status: 'MIGRATING' };
  },
});

export const resolveBorrowedCase = personUseCase({
  permission: 'borrowed.remediate',
  input: resolveCaseSchema,
  run: async ({ tx, audit }, { caseId, credentialEndedAt }): Promise<CaseStatusChange> => {
    const found = await findCase(tx, caseId);
    const check = resolutionCheck(found, found.credential, credentialEndedAt);
    if (!check.ok) {
      if (check.problem === 'unstated' || check.problem === 'future') throw fieldError('credentialEndedAt', check.why);
      throw conflict(check.why);
    }
    const resolvedAt = new Date();
    await moveCase(tx, caseId, found.status, {
      status: 'RESOLVED',
      resolvedAt,
      credentialEndedAt: check.endedAt,
    });
    audit(AUDIT_ACTIONS.borrowedCaseResolved, `borrowed-case:${caseId}`, {
      status: { from: found.status, to: 'RESOLVED' },
      credentialEndedAt: check.endedAt.toISOString(),
      endedBy: check.endedBy,
      lastSeen: found.lastSeen.toISOString(),
    });
    return { id: caseId, status: 'RESOLVED' };
  },
});

export const reopenBorrowedCase = personUseCase({
  permission: 'borrowed.remediate',
  input: reopenCaseSchema,
  run: async ({ tx, audit }, { caseId, reason }): Promise<CaseStatusChange> => {
    const found = await findCase(tx, caseId);
    if (found.status !== 'RESOLVED') throw conflict('Only a resolved case is reopened; this one is still open.');
    await moveCase(tx, caseId, 'RESOLVED', { status: 'OPEN', resolvedAt: null, credentialEndedAt: null });
    audit(AUDIT_ACTIONS.borrowedCaseReopened, `borrowed-case:${caseId}`, {
      confidence: found.confidence.toLowerCase(),
      flagged: found.flagged,
      human: found.humanLabel,
      credential: found.credentialExternalId,
      credentialKind: found.credentialKind,
      eventCount: found.eventCount,
      firstSeen: found.firstSeen.toISOString(),
      lastSeen: found.lastSeen.toISOString(),
      reason,
      from: 'RESOLVED',
      by: 'person',
    });
    return { id: caseId, status: 'OPEN' };
  },
});
