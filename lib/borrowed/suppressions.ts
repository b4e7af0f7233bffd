import 'server-only';
import { getDb, type Tx } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { can, type Actor } from '../auth/actor';
import { suppressionFor } from '../detect/borrowed/suppression';
import type { CaseAgent } from '../detect/borrowed';
import { conflict, forbidden, notFound } from '../errors';
import { personUseCase } from '../use-case';
import { loadSuppressionRules } from './inventory';
import { jsonList } from './list';
import { createSuppressionSchema, liftSuppressionSchema } from './schemas';

/**
 * Suppressions turn matching cases off until they expire, with the reason security gave. They take effect on the
 * stored cases at once, in the same transaction, and every later refresh applies them too.
 */

export type SuppressionView = {
  id: string;
  reason: string;
  expiresAt: string;
  match: { credential?: string; human?: string; agent?: string; source?: string };
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  liftedAt: string | null;
  active: boolean;
  cases: number;
};

type StoredAgent = Partial<CaseAgent> & { label: string };

/**
 * Weighs the suppressions in force against the stored cases that count or are suppressed; returns how many
 * changed. Informational cases, and cases detection no longer finds, are left as the last refresh left them.
 */
async function applySuppressions(tx: Tx, now: Date): Promise<number> {
  const suppressions = await loadSuppressionRules(tx, now);
  const cases = await tx.borrowedCase.findMany({
    where: { OR: [{ flagged: true }, { suppressionId: { not: null } }] },
    select: {
      id: true,
      confidence: true,
      flagged: true,
      suppressionId: true,
      humanId: true,
      humanLabel: true,
      humanEmail: true,
      humanExternalIds: true,
      credentialId: true,
      credentialKey: true,
      credentialExternalId: true,
      agents: true,
      sources: true,
      reasons: true,
    },
  });
  let changed = 0;
  for (const row of cases) {
    const declared = row.reasons.includes('"DECLARED_IN_INVENTORY"');
    const agents = jsonList<StoredAgent>(row.agents).map((agent) => ({
      label: agent.label,
      family: agent.family ?? agent.label,
      clientClass: agent.clientClass ?? 'unknown',
      userAgent: agent.userAgent ?? null,
    }));
    const suppression = suppressionFor(
      {
        credential: {
          key: row.credentialKey,
          kind: 'unknown',
          externalId: row.credentialExternalId,
          fingerprint: null,
          inventoryId: declared ? row.credentialId : null,
        },
        human: {
          personId: row.humanId,
          label: row.humanLabel,
          email: row.humanEmail,
          externalIds: jsonList<string>(row.humanExternalIds),
        },
        agents,
        sources: jsonList<string>(row.sources),
      },
      suppressions,
      now,
    );
    const suppressionId = suppression?.ruleId ?? null;
    const flagged = row.confidence !== 'LOW' && suppressionId === null;
    if (suppressionId === row.suppressionId && flagged === row.flagged) continue;
    await tx.borrowedCase.update({ where: { id: row.id }, data: { suppressionId, flagged } });
    // An unflagged case marks nothing at once; a case flagged again marks its events at the next refresh.
    if (!flagged) await tx.borrowedEventMark.deleteMany({ where: { caseId: row.id } });
    changed += 1;
  }
  return changed;
}

export const createSuppression = personUseCase({
  permission: 'borrowed.remediate',
  input: createSuppressionSchema,
  run: async ({ tx, actor, audit }, { reason, expiresAt, credential, human, agent, source }) => {
    const created = await tx.borrowedSuppression.create({
      data: {
        reason,
        expiresAt,
        matchCredential: credential ?? null,
        matchHuman: human ?? null,
        matchAgent: agent ?? null,
        matchSource: source ?? null,
        createdById: actor.humanId,
      },
    });
    await applySuppressions(tx, new Date());
    const cases = await tx.borrowedCase.count({ where: { suppressionId: created.id } });
    const match = {
      ...(credential ? { credential } : {}),
      ...(human ? { human } : {}),
      ...(agent ? { agent } : {}),
      ...(source ? { source } : {}),
    };
    audit(AUDIT_ACTIONS.borrowedSuppressionCreated, `borrowed-suppression:${created.id}`, {
      reason,
      expiresAt: expiresAt.toISOString(),
      match,
    });
    return { id: created.id, cases };
  },
});

export const liftSuppression = personUseCase({
  permission: 'borrowed.remediate',
  input: liftSuppressionSchema,
  run: async ({ tx, actor, audit }, { id }) => {
    const found = await tx.borrowedSuppression.findUnique({ where: { id } });
    if (!found) throw notFound('That suppression');
    if (found.liftedAt) throw conflict('This suppression was lifted already.');
    const { count } = await tx.borrowedSuppression.updateMany({
      where: { id, liftedAt: null },
      data: { liftedAt: new Date(), liftedById: actor.humanId },
    });
    if (count !== 1) throw conflict('This suppression changed at the same moment: reload and try again.');
    const cases = await applySuppressions(tx, new Date());
    audit(AUDIT_ACTIONS.borrowedSuppressionLifted, `borrowed-suppression:${id}`, {
      reason: found.reason,
      expiresAt: found.expiresAt.toISOString(),
    });
    return { id, cases };
  },
});

/** Every suppression, those in force first, with how many cases each turns off now. */
export async function listSuppressions(actor: Actor): Promise<SuppressionView[]> {
  if (!can(actor, 'borrowed.read')) throw forbidden();
  const db = await getDb();
  const now = new Date();
  const [rows, counts] = await Promise.all([
    db.borrowedSuppression.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      include: { createdBy: { select: { id: true, name: true } } },
    }),
    db.borrowedCase.groupBy({ by: ['suppressionId'], where: { suppressionId: { not: null } }, _count: { _all: true } }),
  ]);
  const casesBySuppression = new Map(counts.map((group) => [group.suppressionId, group._count._all]));
  const views = rows.map((row) => ({
    id: row.id,
    reason: row.reason,
    expiresAt: row.expiresAt.toISOString(),
    match: {
      ...(row.matchCredential ? { credential: row.matchCredential } : {}),
      ...(row.matchHuman ? { human: row.matchHuman } : {}),
      ...(row.matchAgent ? { agent: row.matchAgent } : {}),
      ...(row.matchSource ? { source: row.matchSource } : {}),
    },
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    liftedAt: row.liftedAt?.toISOString() ?? null,
    active: row.liftedAt === null && row.expiresAt > now,
    cases: casesBySuppression.get(row.id) ?? 0,
  }));
  return views.sort((a, b) => Number(b.active) - Number(a.active));
}
