import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { HumanActor } from '../../lib/auth/actor';
import { hashSecret } from '../../lib/auth/api-keys';
import { verifyAuditChain } from '../../lib/audit/verify';
import { authorize } from '../../lib/decisions/authorize';
import { AppError } from '../../lib/errors';
import { previewBulkRevocation, runBulkRevocation } from '../../lib/revocation/bulk';
import type { BulkTarget } from '../../lib/revocation/schemas';
import { countRows, createPerson } from '../support/people';

const REASON = 'Laptop stolen at the airport';
const HOUR_MS = 3_600_000;

let security: HumanActor;

beforeAll(async () => {
  security = await createPerson('SECURITY');
});

async function createNhi(sponsorId: string | null, system = 'github') {
  const db = await getDb();
  return db.nhi.create({
    data: { system, externalId: randomUUID(), name: `agent ${randomUUID().slice(0, 8)}`, kind: 'AI_AGENT', sponsorId },
  });
}

/** An approved scope of the NHI, asked for by the initiator; with a fetched task token unless told otherwise. */
async function approvedScope(nhiId: string, initiatorId: string | null, options: { token?: boolean } = {}) {
  const db = await getDb();
  const expiresAt = new Date(Date.now() + HOUR_MS);
  const scope = await db.scopeRequest.create({
    data: {
      nhiId,
      task: `Task ${randomUUID().slice(0, 6)}`,
      justification: 'Needed for the release',
      actions: JSON.stringify(['github:pulls.read']),
      resources: JSON.stringify(['github:acme/payments/*']),
      requestedResources: JSON.stringify(['github:acme/payments/*']),
      requestedTtlSeconds: 3600,
      approvedTtlSeconds: 3600,
      initiatorId,
      status: 'APPROVED',
      decidedAt: new Date(),
      expiresAt,
    },
  });
  if (options.token === false) return { scope, token: null, taskToken: null };
  const token = `stw_task_${randomBytes(24).toString('hex')}`;
  const credential = await db.credential.create({
    data: {
      kind: 'TASK_TOKEN',
      name: `task token: ${scope.task}`,
      system: 'steward',
      fingerprint: `sha256:${hashSecret(token)}`,
      subjectNhiId: nhiId,
      holderNhiId: nhiId,
      expiresAt,
    },
  });
  const taskToken = await db.taskToken.create({
    data: { tokenHash: hashSecret(token), scopeRequestId: scope.id, credentialId: credential.id, expiresAt },
  });
  return { scope, token, taskToken };
}

async function pendingScope(nhiId: string, initiatorId: string) {
  const db = await getDb();
  return db.scopeRequest.create({
    data: {
      nhiId,
      task: 'Waiting',
      justification: 'Later',
      actions: JSON.stringify(['github:pulls.read']),
      resources: JSON.stringify(['github:acme/*']),
      requestedTtlSeconds: 600,
      initiatorId,
    },
  });
}

async function humanCredential(subjectHumanId: string, holderNhiId: string | null) {
  const db = await getDb();
  return db.credential.create({
    data: {
      kind: 'PERSONAL_ACCESS_TOKEN',
      name: `token ${randomUUID().slice(0, 6)}`,
      system: 'github',
      fingerprint: `sha256:${randomUUID()}`,
      subjectHumanId,
      holderNhiId,
    },
  });
}

function decideWith(token: string) {
  return authorize({
    token,
    action: 'github:pulls.read',
    resource: 'github:acme/payments/pulls/7',
    clientAddress: '127.0.0.1',
    via: 'authorize',
  });
}

async function revokeAll(target: BulkTarget, actor: HumanActor = security) {
  const preview = await previewBulkRevocation(actor, target);
  const receipt = await runBulkRevocation(actor, {
    ...target,
    reason: REASON,
    confirmation: preview.target.confirmText,
    impactDigest: preview.digest,
  });
  return { preview, receipt };
}

async function refusal(work: () => Promise<unknown>): Promise<AppError> {
  const before = await countRows();
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(await countRows()).toEqual(before);
  return error as AppError;
}

/** A person who asked two agents for work, lends a token to one of them and holds one of their own. */
async function personWithGrants() {
  const person = await createPerson('SPONSOR');
  const sponsor = await createPerson('SPONSOR');
  const agent = await createNhi(sponsor.humanId);
  const other = await createNhi(sponsor.humanId);
  const fetched = await approvedScope(agent.id, person.humanId);
  const unfetched = await approvedScope(other.id, person.humanId, { token: false });
  const someoneElses = await approvedScope(agent.id, sponsor.humanId);
  const pending = await pendingScope(agent.id, person.humanId);
  const borrowed = await humanCredential(person.humanId, agent.id);
  const own = await humanCredential(person.humanId, null);
  return { person, sponsor, agent, other, fetched, unfetched, someoneElses, pending, borrowed, own };
}

describe('bulk revocation by human subject', () => {
  it('previews every credential that authenticates as the person and every scope they initiated', async () => {
    const world = await personWithGrants();
    const preview = await previewBulkRevocation(security, { kind: 'human', id: world.person.humanId });
    expect(preview.target).toMatchObject({ kind: 'human', confirmText: world.person.email });
    expect(preview.scopes.map((scope) => scope.id).sort()).toEqual(
      [world.fetched.scope.id, world.unfetched.scope.id].sort(),
    );
    expect(preview.tokens.map((token) => token.id)).toEqual([world.fetched.taskToken?.id]);
    expect(preview.credentials.map((credential) => credential.id).sort()).toEqual(
      [world.borrowed.id, world.own.id].sort(),
    );
    expect(preview.credentials.find((credential) => credential.id === world.borrowed.id)?.holderNhi?.id).toBe(
      world.agent.id,
    );
    expect(preview.nhis.map((nhi) => nhi.id).sort()).toEqual([world.agent.id, world.other.id].sort());
    const roles = Object.fromEntries(preview.people.map((person) => [person.id, person.roles.sort()]));
    expect(roles[world.person.humanId]).toEqual(['initiator', 'subject']);
    expect(roles[world.sponsor.humanId]).toEqual(['sponsor']);
    expect(preview.pendingRequests).toBe(1);
  });

  it('revokes all of it in one transaction, audits it, and the decision code refuses the token afterwards', async () => {
    const world = await personWithGrants();
    const token = world.fetched.token as string;
    expect((await decideWith(token)).decision).toBe('allow');

    const { receipt } = await revokeAll({ kind: 'human', id: world.person.humanId });
    expect(receipt).toMatchObject({ scopes: 2, tokens: 1, credentials: 2, proven: true });
    const expected = [
      {
        tokenId: world.fetched.taskToken?.id,
        scopeId: world.fetched.scope.id,
        decision: 'deny',
        reason: 'TOKEN_REVOKED',
      },
    ];
    expect(receipt.recorded).toEqual(expected);
    expect(receipt.afterCommit).toEqual(expected);
    expect(await decideWith(token)).toMatchObject({ decision: 'deny', reason: 'TOKEN_REVOKED' });

    const db = await getDb();
    const scopes = await db.scopeRequest.findMany({
      where: { id: { in: [world.fetched.scope.id, world.unfetched.scope.id] } },
    });
    for (const scope of scopes) {
      expect(scope.status).toBe('REVOKED');
      expect(scope.revokedById).toBe(security.humanId);
      expect(scope.revokedAt).toBeInstanceOf(Date);
      expect(scope.revocationReason).toContain(REASON);
    }
    const untouched = await db.scopeRequest.findMany({
      where: { id: { in: [world.someoneElses.scope.id, world.pending.id] } },
      select: { status: true },
    });
    expect(untouched.map((scope) => scope.status).sort()).toEqual(['APPROVED', 'PENDING']);
    const credentials = await db.credential.findMany({
      where: { id: { in: [world.borrowed.id, world.own.id, world.fetched.taskToken?.credentialId as string] } },
    });
    expect(credentials.map((credential) => credential.status)).toEqual(['REVOKED', 'REVOKED', 'REVOKED']);

    const bulk = await db.auditEvent.findFirstOrThrow({
      where: { action: 'revocation.bulk', resource: `human:${world.person.humanId}` },
    });
    expect(bulk.initiatorId).toBe(security.humanId);
    expect(JSON.parse(bulk.details)).toEqual({
      target: { kind: 'human', id: world.person.humanId, label: world.person.name },
      reason: REASON,
      scopes: 2,
      tokens: expected,
    });
    const perScope = await db.auditEvent.findMany({
      where: { action: 'scope.revoke', scopeId: { in: [world.fetched.scope.id, world.unfetched.scope.id] } },
    });
    expect(perScope.map((event) => JSON.parse(event.details).via)).toEqual(['bulk', 'bulk']);
    expect(perScope.every((event) => event.seq < bulk.seq)).toBe(true);
    const perCredential = await db.auditEvent.count({
      where: {
        action: 'credential.revoke',
        resource: { in: [`credential:${world.borrowed.id}`, `credential:${world.own.id}`] },
      },
    });
    expect(perCredential).toBe(2);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});

describe('bulk revocation by NHI, system and sponsor', () => {
  it('by NHI ends its grants and its own credentials, and leaves the human credential it borrows to the person', async () => {
    const person = await createPerson('SPONSOR');
    const agent = await createNhi(person.humanId);
    const grant = await approvedScope(agent.id, person.humanId);
    const db = await getDb();
    const apiKey = await db.credential.create({
      data: {
        kind: 'API_KEY',
        name: 'agent key',
        system: 'github',
        fingerprint: `sha256:${randomUUID()}`,
        subjectNhiId: agent.id,
        holderNhiId: agent.id,
      },
    });
    const borrowed = await humanCredential(person.humanId, agent.id);
    const { preview, receipt } = await revokeAll({ kind: 'nhi', id: agent.id });
    expect(preview.credentials.map((credential) => credential.id)).toEqual([apiKey.id]);
    expect(receipt).toMatchObject({ scopes: 1, tokens: 1, credentials: 1, proven: true });
    expect(await decideWith(grant.token as string)).toMatchObject({ decision: 'deny', reason: 'TOKEN_REVOKED' });
    expect((await db.credential.findUniqueOrThrow({ where: { id: borrowed.id } })).status).toBe('ACTIVE');
  });

  it('by system ends the grants of every NHI of that source system and of no other', async () => {
    const person = await createPerson('SPONSOR');
    const system = `sys-${randomUUID().slice(0, 8)}`;
    const first = await approvedScope((await createNhi(person.humanId, system)).id, person.humanId);
    const second = await approvedScope((await createNhi(person.humanId, system)).id, null);
    const elsewhere = await approvedScope((await createNhi(person.humanId)).id, person.humanId);
    const { receipt } = await revokeAll({ kind: 'system', id: system });
    expect(receipt).toMatchObject({ scopes: 2, tokens: 2, proven: true });
    expect(receipt.target.confirmText).toBe(system);
    for (const grant of [first, second])
      expect(await decideWith(grant.token as string)).toMatchObject({ decision: 'deny', reason: 'TOKEN_REVOKED' });
    expect((await decideWith(elsewhere.token as string)).decision).toBe('allow');
  });

  it("by sponsor ends every grant of the NHIs they sponsor, but not the sponsor's own credentials", async () => {
    const sponsor = await createPerson('SPONSOR');
    const initiator = await createPerson(null);
    const grants = [
      await approvedScope((await createNhi(sponsor.humanId)).id, initiator.humanId),
      await approvedScope((await createNhi(sponsor.humanId)).id, initiator.humanId, { token: false }),
    ];
    const own = await humanCredential(sponsor.humanId, null);
    const { preview, receipt } = await revokeAll({ kind: 'sponsor', id: sponsor.humanId });
    expect(preview.credentials).toEqual([]);
    expect(preview.scopes.map((scope) => scope.id).sort()).toEqual(grants.map((grant) => grant.scope.id).sort());
    expect(receipt).toMatchObject({ scopes: 2, tokens: 1, credentials: 0, proven: true });
    const db = await getDb();
    expect((await db.credential.findUniqueOrThrow({ where: { id: own.id } })).status).toBe('ACTIVE');
  });
});

describe('what bulk revocation refuses', () => {
  it('refuses to run when the impact changed after the preview, and changes nothing', async () => {
    const world = await personWithGrants();
    const target: BulkTarget = { kind: 'human', id: world.person.humanId };
    const preview = await previewBulkRevocation(security, target);
    await approvedScope(world.agent.id, world.person.humanId);
    const error = await refusal(() =>
      runBulkRevocation(security, {
        ...target,
        reason: REASON,
        confirmation: preview.target.confirmText,
        impactDigest: preview.digest,
      }),
    );
    expect(error.code).toBe('STALE_PREVIEW');
    expect((await decideWith(world.fetched.token as string)).decision).toBe('allow');
    const fresh = await previewBulkRevocation(security, target);
    expect(fresh.scopes).toHaveLength(preview.scopes.length + 1);
    expect(fresh.digest).not.toBe(preview.digest);
  });

  it('refuses without the typed confirmation', async () => {
    const world = await personWithGrants();
    const preview = await previewBulkRevocation(security, { kind: 'human', id: world.person.humanId });
    const error = await refusal(() =>
      runBulkRevocation(security, {
        kind: 'human',
        id: world.person.humanId,
        reason: REASON,
        confirmation: world.person.name,
        impactDigest: preview.digest,
      }),
    );
    expect(error.status).toBe(422);
    expect(error.details).toMatchObject({ fieldErrors: { confirmation: [expect.any(String)] } });
  });

  it('refuses sponsors and auditors, and a target with nothing left to revoke', async () => {
    const world = await personWithGrants();
    const target: BulkTarget = { kind: 'human', id: world.person.humanId };
    const preview = await previewBulkRevocation(security, target);
    const input = { ...target, reason: REASON, confirmation: world.person.email, impactDigest: preview.digest };
    for (const role of ['SPONSOR', 'AUDITOR'] as const) {
      const actor = await createPerson(role);
      expect((await refusal(() => previewBulkRevocation(actor, target))).status).toBe(403);
      expect((await refusal(() => runBulkRevocation(actor, input))).status).toBe(403);
    }
    await runBulkRevocation(security, input);
    const empty = await previewBulkRevocation(security, target);
    const error = await refusal(() => runBulkRevocation(security, { ...input, impactDigest: empty.digest }));
    expect(error.status).toBe(409);
  });

  it('answers 404 for an unknown target', async () => {
    for (const kind of ['nhi', 'human', 'system', 'sponsor'] as const)
      expect((await refusal(() => previewBulkRevocation(security, { kind, id: 'nobody' }))).status).toBe(404);
  });
});
