import 'server-only';
import type { z } from 'zod';
import { getDb, type Tx } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { insertApiKey } from '../api-keys/manage';
import { DEFAULT_KEY_LIFETIME_DAYS } from '../api-keys/schemas';
import { insertCredential, revokeCredential } from '../credentials/manage';
import { createCredentialSchema } from '../credentials/schemas';
import type { CredentialKind } from '../db/generated/sqlite/enums';
import { conflict, fieldError, notFound } from '../errors';
import { recomputeFindings } from '../findings/recompute';
import { insertNhi, requireActiveSponsor } from '../identities/manage';
import { createNhiSchema } from '../identities/schemas';
import { personUseCase, type UseCaseContext } from '../use-case';
import { parseInput } from '../validation';
import { jsonList } from './list';
import { moveToScopesSchema, revokeMigratedCredentialSchema, type CaseStatus } from './schemas';
import { moveCase } from './workflow';

/**
 * From borrowing to task scopes: the agent that used a person's credential gets an identity of its own (an
 * existing NHI, or a new AI agent), a sponsor and an agent key to ask for task scopes with, and the case moves
 * to migrating, all in one audited transaction. The inventory records the agent as the holder of the borrowed
 * credential (recorded there now if detection found it only in the logs), which is how detection ties the case
 * to the agent on every refresh. Once a scope of that agent
 * has been approved, the person's credential can go: the case page offers to revoke it.
 */

/** Statuses a scope reaches only after it was approved. */
const APPROVED_ONCE = ['APPROVED', 'COMPLETED', 'EXPIRED', 'REVOKED'] as const;

const caseSelect = {
  id: true,
  status: true,
  assigneeId: true,
  humanId: true,
  humanLabel: true,
  agentNhiId: true,
  credentialId: true,
  credentialKind: true,
  credentialExternalId: true,
  sources: true,
  credential: { select: { id: true, name: true, status: true, holderNhiId: true } },
} as const;

async function findCase(tx: Tx, caseId: string) {
  const found = await tx.borrowedCase.findUnique({ where: { id: caseId }, select: caseSelect });
  if (!found) throw notFound('That borrowed-credential case');
  return found;
}

type Context = UseCaseContext<HumanActor>;
type FoundCase = Awaited<ReturnType<typeof findCase>>;

/** The inventory kind of a person's credential as detection names its type; none for a workload's own. */
const INVENTORY_KINDS: Partial<Record<string, CredentialKind>> = {
  long_lived_access_key: 'ACCESS_KEY',
  api_token: 'API_KEY',
  app_token: 'API_KEY',
  client_secret: 'API_KEY',
  personal_access_token: 'PERSONAL_ACCESS_TOKEN',
  oauth_token: 'OAUTH_GRANT',
  password: 'PASSWORD',
  session: 'SESSION_COOKIE',
  session_cookie: 'SESSION_COOKIE',
  certificate: 'CERTIFICATE',
};

/**
 * The borrowed credential in the inventory, recorded now when detection found it only in the logs: named by the
 * print detection looks it up by (`<source>:<id>`), so the next refresh keeps the case tied to it.
 */
async function inventoryCredential({ tx, audit }: Context, found: FoundCase, holderNhiId: string) {
  if (found.credential) return found.credential;
  const kind = INVENTORY_KINDS[found.credentialKind];
  const source = jsonList<string>(found.sources)[0];
  if (!found.humanId || !kind || !source)
    throw conflict(
      'Add the borrowed credential to the inventory first: Steward cannot record it from the logs alone (the person or the kind of credential is not known).',
    );
  const fields = parseInput(createCredentialSchema, {
    name: `${found.humanLabel}: ${found.credentialExternalId}`.slice(0, 200),
    kind,
    system: source,
    fingerprint: `${source}:${found.credentialExternalId}`,
    subjectType: 'HUMAN',
    subjectId: found.humanId,
    holderNhiId,
  });
  const credential = await insertCredential(tx, fields);
  await tx.borrowedCase.update({ where: { id: found.id }, data: { credentialId: credential.id } });
  audit(AUDIT_ACTIONS.credentialCreated, `credential:${credential.id}`, {
    kind: credential.kind,
    name: credential.name,
    subjectHumanId: credential.subjectHumanId,
    subjectNhiId: null,
    holderNhiId,
  });
  return credential;
}
type MoveInput = z.output<typeof moveToScopesSchema>;

/** The agent's own identity: created as an active AI agent, or an existing one made active and sponsored. */
async function agentIdentity({ tx, audit }: Context, input: MoveInput) {
  if (input.nhiMode === 'create') {
    const fields = parseInput(createNhiSchema, {
      name: input.name ?? '',
      kind: 'AI_AGENT',
      system: input.system ?? '',
      externalId: input.externalId ?? '',
      environment: input.environment ?? '',
      sponsorId: input.sponsorId,
    });
    const nhi = await insertNhi(tx, fields);
    audit(AUDIT_ACTIONS.nhiCreated, `nhi:${nhi.id}`, {
      name: nhi.name,
      kind: nhi.kind,
      system: nhi.system,
      sponsorId: nhi.sponsorId,
    });
    return { nhi, created: true };
  }
  if (!input.nhiId) throw fieldError('nhiId', 'Choose the identity the agent runs as.');
  const before = await tx.nhi.findUnique({ where: { id: input.nhiId } });
  if (!before) throw fieldError('nhiId', 'That identity is not in Steward.');
  if (before.status === 'SUSPENDED' || before.status === 'DECOMMISSIONED')
    throw fieldError('nhiId', `That identity is ${before.status.toLowerCase()}: it cannot be given a key.`);
  await requireActiveSponsor(tx, input.sponsorId);
  const { count } = await tx.nhi.updateMany({
    where: { id: before.id, status: before.status, sponsorId: before.sponsorId },
    data: { status: 'ACTIVE', sponsorId: input.sponsorId },
  });
  if (count !== 1) throw conflict('This identity changed at the same moment: reload and try again.');
  if (before.status !== 'ACTIVE')
    audit(AUDIT_ACTIONS.nhiUpdated, `nhi:${before.id}`, { changed: { status: { from: before.status, to: 'ACTIVE' } } });
  if (before.sponsorId !== input.sponsorId)
    audit(AUDIT_ACTIONS.nhiSponsorAssigned, `nhi:${before.id}`, { from: before.sponsorId, to: input.sponsorId });
  return { nhi: { ...before, status: 'ACTIVE' as const, sponsorId: input.sponsorId }, created: false };
}

function issueAgentKey(context: Context, nhi: { id: string; name: string }) {
  const name = `${nhi.name.slice(0, 100)} agent key`;
  return insertApiKey(context, { name, kind: 'AGENT', nhiId: nhi.id, expiresInDays: DEFAULT_KEY_LIFETIME_DAYS });
}

/** Open → assigned (to the person moving it, when nobody has it) → migrating; a migrating case stays so. */
async function startMigrating(
  { tx, actor, audit }: Context,
  found: { id: string; status: CaseStatus; assigneeId: string | null },
) {
  if (found.status === 'MIGRATING') return;
  const assigneeId = found.assigneeId ?? actor.humanId;
  await moveCase(tx, found.id, found.status, { status: 'MIGRATING', assigneeId });
  const resource = `borrowed-case:${found.id}`;
  if (found.status === 'OPEN')
    audit(AUDIT_ACTIONS.borrowedCaseAssigned, resource, {
      from: found.assigneeId,
      to: assigneeId,
      status: { from: 'OPEN', to: 'ASSIGNED' },
    });
  audit(AUDIT_ACTIONS.borrowedMigrationStarted, resource, {
    status: { from: 'ASSIGNED', to: 'MIGRATING' },
    assigneeId,
  });
}

export type MoveReceipt = {
  caseId: string;
  nhi: { id: string; name: string; created: boolean };
  key: { id: string; name: string; prefix: string };
  /** The agent key's secret: returned this once, never stored. */
  secret: string;
};

export const moveCaseToScopes = personUseCase({
  permission: 'borrowed.remediate',
  input: moveToScopesSchema,
  run: async (context, input): Promise<MoveReceipt> => {
    const { tx, audit } = context;
    const found = await findCase(tx, input.caseId);
    if (found.status === 'RESOLVED')
      throw conflict('This case is resolved: reopen it if the credential is in use again.');
    const { nhi, created } = await agentIdentity(context, input);
    const credential = await inventoryCredential(context, found, nhi.id);
    if (credential.holderNhiId !== nhi.id) {
      await tx.credential.update({ where: { id: credential.id }, data: { holderNhiId: nhi.id } });
      audit(AUDIT_ACTIONS.credentialUpdated, `credential:${credential.id}`, {
        name: credential.name,
        changed: { holderNhiId: { from: credential.holderNhiId, to: nhi.id } },
      });
    }
    await tx.borrowedCase.update({ where: { id: found.id }, data: { agentNhiId: nhi.id } });
    const { key, secret } = await issueAgentKey(context, nhi);
    await startMigrating(context, found);
    await recomputeFindings(tx, {
      credentialIds: [credential.id],
      nhiIds: [
        nhi.id,
        ...(credential.holderNhiId && credential.holderNhiId !== nhi.id ? [credential.holderNhiId] : []),
      ],
      ...(created ? { createdNhiIds: [nhi.id] } : {}),
    });
    return {
      caseId: found.id,
      nhi: { id: nhi.id, name: nhi.name, created },
      key: { id: key.id, name: key.name, prefix: key.prefix },
      secret,
    };
  },
});

export type MigrationView = {
  status: CaseStatus;
  credential: { id: string; name: string; status: string } | null;
  agent: {
    id: string;
    name: string;
    status: string;
    sponsor: { id: string; name: string } | null;
    keys: { prefix: string; name: string; createdAt: string }[];
  } | null;
  firstApproval: { scopeId: string; task: string; decidedAt: string | null } | null;
  /** The agent has its own key and an approved scope, and the person's credential is still active. */
  offerRevoke: boolean;
};

/** Where the move to task scopes stands, for the case page. */
export async function readMigration(actor: Actor, caseId: string): Promise<MigrationView> {
  requireHuman(actor, 'borrowed.remediate');
  const db = await getDb();
  const found = await db.borrowedCase.findUnique({
    where: { id: caseId },
    select: {
      status: true,
      credential: { select: { id: true, name: true, status: true } },
      agentNhi: {
        select: {
          id: true,
          name: true,
          status: true,
          sponsor: { select: { id: true, name: true } },
          apiKeys: {
            where: { kind: 'AGENT', revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
            orderBy: { createdAt: 'asc' },
            select: { prefix: true, name: true, createdAt: true },
          },
        },
      },
    },
  });
  if (!found) throw notFound('That borrowed-credential case');
  const agent = found.agentNhi;
  const approval = agent
    ? await db.scopeRequest.findFirst({
        where: { nhiId: agent.id, status: { in: [...APPROVED_ONCE] } },
        orderBy: [{ decidedAt: 'asc' }, { id: 'asc' }],
        select: { id: true, task: true, decidedAt: true },
      })
    : null;
  const keys = agent?.apiKeys.map((key) => ({ ...key, createdAt: key.createdAt.toISOString() })) ?? [];
  return {
    status: found.status,
    credential: found.credential,
    agent: agent ? { id: agent.id, name: agent.name, status: agent.status, sponsor: agent.sponsor, keys } : null,
    firstApproval: approval
      ? { scopeId: approval.id, task: approval.task, decidedAt: approval.decidedAt?.toISOString() ?? null }
      : null,
    offerRevoke: Boolean(approval && keys.length > 0 && found.credential?.status === 'ACTIVE'),
  };
}

/**
 * Revokes the person's borrowed credential with the inventory's own credential revocation, once the agent that
 * borrowed it has been approved a scope of its own.
 */
export async function revokeMigratedCredential(actor: Actor, input: unknown) {
  const { caseId, reason } = parseInput(revokeMigratedCredentialSchema, input);
  const migration = await readMigration(actor, caseId);
  if (!migration.credential) throw conflict('The borrowed credential is not in the inventory.');
  if (!migration.offerRevoke)
    throw conflict(
      migration.credential.status !== 'ACTIVE'
        ? 'The credential is not active any more.'
        : 'Revoke it once the agent has its own key and an approved scope, so that its work does not stop.',
    );
  return revokeCredential(actor, { credentialId: migration.credential.id, reason });
}
