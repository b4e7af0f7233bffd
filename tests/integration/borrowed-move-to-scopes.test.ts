import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db';
import type { HumanActor } from '../../lib/auth/actor';
import { authenticateApiKey, hashSecret } from '../../lib/auth/api-keys';
import { verifyAuditChain } from '../../lib/audit/verify';
import { moveCaseToScopes, readMigration, revokeMigratedCredential } from '../../lib/borrowed/move-to-scopes';
import { resolveBorrowedCase } from '../../lib/borrowed/workflow';
import { AppError } from '../../lib/errors';
import { requestScope } from '../../lib/scopes/agent';
import { approveScope } from '../../lib/scopes/approvals';
import { countRows, createPerson } from '../support/people';

let security: HumanActor;
let sponsor: HumanActor;

beforeAll(async () => {
  security = await createPerson('SECURITY');
  sponsor = await createPerson('SPONSOR');
});

/** A person's personal access token, seen used by automation, with its case; in the inventory unless told not. */
async function borrowedCase(
  options: { inInventory?: boolean; status?: 'OPEN' | 'ASSIGNED' | 'RESOLVED'; personKnown?: boolean } = {},
) {
  const db = await getDb();
  const person = await createPerson(null);
  const credential =
    options.inInventory === false
      ? null
      : await db.credential.create({
          data: {
            kind: 'PERSONAL_ACCESS_TOKEN',
            name: `${person.email} PAT`,
            system: 'github',
            fingerprint: `sha256:${randomUUID()}`,
            subjectHumanId: person.humanId,
          },
        });
  const key = randomUUID();
  const found = await db.borrowedCase.create({
    data: {
      id: `case-${key}`,
      status: options.status ?? 'OPEN',
      confidence: 'HIGH',
      flagged: true,
      score: 0.9,
      humanId: options.personKnown === false ? null : person.humanId,
      humanLabel: person.email,
      humanEmail: person.email,
      humanExternalIds: '[]',
      credentialId: credential?.id ?? null,
      credentialKey: key,
      credentialKind: 'personal_access_token',
      credentialExternalId: `ghp_${key.slice(0, 8)}`,
      agents: JSON.stringify([{ label: 'python-requests' }]),
      sources: JSON.stringify(['github']),
      reasons: '[]',
      evidence: '[]',
      coverage: '{}',
      firstSeen: new Date(Date.now() - 86_400_000),
      lastSeen: new Date(Date.now() - 3_600_000),
      eventCount: 40,
      interactiveEventCount: 0,
    },
  });
  return { person, credential, found };
}

async function actionsSince(seq: number) {
  const db = await getDb();
  const events = await db.auditEvent.findMany({ where: { seq: { gt: seq } }, orderBy: { seq: 'asc' } });
  return events.map((event) => event.action);
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

function createInput(caseId: string, name = `release-bot-${randomUUID().slice(0, 6)}`) {
  return {
    caseId,
    nhiMode: 'create',
    name,
    system: 'github',
    externalId: `app-${name}`,
    environment: 'production',
    sponsorId: sponsor.humanId,
  };
}

describe('moving a borrowing agent to task scopes', () => {
  it('creates the agent, sponsors it, hands out a key and sets the case to migrating, in one audited transaction', async () => {
    const { credential, found } = await borrowedCase();
    const head = (await countRows()).headSeq;
    const receipt = await moveCaseToScopes(security, createInput(found.id, 'release-bot'));
    expect(receipt.nhi).toMatchObject({ name: 'release-bot', created: true });
    expect(receipt.secret.startsWith(receipt.key.prefix)).toBe(true);

    const db = await getDb();
    const nhi = await db.nhi.findUniqueOrThrow({ where: { id: receipt.nhi.id } });
    expect(nhi).toMatchObject({ kind: 'AI_AGENT', status: 'ACTIVE', sponsorId: sponsor.humanId });
    const key = await db.apiKey.findFirstOrThrow({
      where: { id: receipt.key.id, keyHash: hashSecret(receipt.secret) },
    });
    expect(key).toMatchObject({ kind: 'AGENT', nhiId: nhi.id });
    expect(await authenticateApiKey(receipt.secret)).toMatchObject({ keyKind: 'AGENT', nhiId: nhi.id });
    expect((await db.credential.findUniqueOrThrow({ where: { id: credential?.id } })).holderNhiId).toBe(nhi.id);
    expect(await db.borrowedCase.findUniqueOrThrow({ where: { id: found.id } })).toMatchObject({
      status: 'MIGRATING',
      assigneeId: security.humanId,
      agentNhiId: nhi.id,
    });
    expect(await actionsSince(head)).toEqual([
      'nhi.create',
      'credential.update',
      'api_key.create',
      'borrowed.case_assign',
      'borrowed.case_migrate',
    ]);
    const events = await db.auditEvent.findMany({ where: { seq: { gt: head } } });
    expect(new Set(events.map((event) => event.recordedAt.getTime())).size).toBe(1);
    expect(JSON.stringify(events)).not.toContain(receipt.secret);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it('offers to revoke the person’s credential only once the agent was approved its first scope', async () => {
    const { credential, found } = await borrowedCase();
    const receipt = await moveCaseToScopes(security, createInput(found.id));
    const before = await readMigration(security, found.id);
    expect(before).toMatchObject({ status: 'MIGRATING', firstApproval: null, offerRevoke: false });
    expect(before.agent?.keys.map((key) => key.prefix)).toEqual([receipt.key.prefix]);
    const early = await refusal(() => revokeMigratedCredential(security, { caseId: found.id, reason: 'Moved' }));
    expect(early.status).toBe(409);

    const agent = await authenticateApiKey(receipt.secret);
    if (!agent) throw new Error('the agent key does not authenticate');
    const requested = await requestScope(agent, {
      task: 'Tag the release',
      justification: 'The weekly release',
      actions: ['github:contents.read'],
      resources: ['github:acme/app/*'],
      ttlSeconds: 600,
      initiator: security.email,
    });
    await approveScope(sponsor, { scopeId: requested.id });
    const ready = await readMigration(security, found.id);
    expect(ready.firstApproval).toMatchObject({ scopeId: requested.id, task: 'Tag the release' });
    expect(ready.offerRevoke).toBe(true);

    const revoked = await revokeMigratedCredential(security, {
      caseId: found.id,
      reason: 'The agent has its own task scopes now',
    });
    expect(revoked).toMatchObject({ id: credential?.id, status: 'REVOKED' });
    expect((await readMigration(security, found.id)).offerRevoke).toBe(false);
    expect(await resolveBorrowedCase(security, { caseId: found.id })).toEqual({ id: found.id, status: 'RESOLVED' });
  });

  it('links an existing discovered identity: it becomes active with the chosen sponsor', async () => {
    const { found } = await borrowedCase({ status: 'ASSIGNED' });
    const db = await getDb();
    const discovered = await db.nhi.create({
      data: {
        system: 'github',
        externalId: randomUUID(),
        name: 'shadow-agent',
        kind: 'AI_AGENT',
        status: 'DISCOVERED',
      },
    });
    const head = (await countRows()).headSeq;
    const receipt = await moveCaseToScopes(security, {
      caseId: found.id,
      nhiMode: 'link',
      nhiId: discovered.id,
      sponsorId: sponsor.humanId,
    });
    expect(receipt.nhi).toEqual({ id: discovered.id, name: 'shadow-agent', created: false });
    expect(await db.nhi.findUniqueOrThrow({ where: { id: discovered.id } })).toMatchObject({
      status: 'ACTIVE',
      sponsorId: sponsor.humanId,
    });
    expect(await actionsSince(head)).toEqual([
      'nhi.update',
      'nhi.sponsor_assign',
      'credential.update',
      'api_key.create',
      'borrowed.case_migrate',
    ]);
  });
});

describe('what the move refuses', () => {
  it('records a credential detection found only in the logs, with the agent as its holder', async () => {
    const { person, found } = await borrowedCase({ inInventory: false });
    const head = (await countRows()).headSeq;
    const receipt = await moveCaseToScopes(security, createInput(found.id));
    const db = await getDb();
    const row = await db.borrowedCase.findUniqueOrThrow({ where: { id: found.id } });
    const credential = await db.credential.findUniqueOrThrow({ where: { id: row.credentialId as string } });
    expect(credential).toMatchObject({
      kind: 'PERSONAL_ACCESS_TOKEN',
      system: 'github',
      fingerprint: `github:${found.credentialExternalId}`,
      subjectHumanId: person.humanId,
      holderNhiId: receipt.nhi.id,
      status: 'ACTIVE',
    });
    expect(await actionsSince(head)).toEqual([
      'nhi.create',
      'credential.create',
      'api_key.create',
      'borrowed.case_assign',
      'borrowed.case_migrate',
    ]);
  });

  it('refuses a case whose person Steward does not know, a resolved case, and a sponsor', async () => {
    const unknown = await borrowedCase({ inInventory: false, personKnown: false });
    expect((await refusal(() => moveCaseToScopes(security, createInput(unknown.found.id)))).status).toBe(409);
    const resolved = await borrowedCase({ status: 'RESOLVED' });
    expect((await refusal(() => moveCaseToScopes(security, createInput(resolved.found.id)))).status).toBe(409);
    const open = await borrowedCase();
    expect((await refusal(() => moveCaseToScopes(sponsor, createInput(open.found.id)))).status).toBe(403);
    expect((await refusal(() => readMigration(sponsor, open.found.id))).status).toBe(403);
  });

  it('answers bad fields with field errors and writes nothing', async () => {
    const { found } = await borrowedCase();
    const db = await getDb();
    const suspended = await db.nhi.create({
      data: { system: 'github', externalId: randomUUID(), name: 'paused', kind: 'AI_AGENT', status: 'SUSPENDED' },
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...createInput(found.id), system: 'Not A System!' }, 'system'],
      [{ ...createInput(found.id), name: '' }, 'name'],
      [{ ...createInput(found.id), sponsorId: '' }, 'sponsorId'],
      [{ caseId: found.id, nhiMode: 'link', sponsorId: sponsor.humanId }, 'nhiId'],
      [{ caseId: found.id, nhiMode: 'link', nhiId: suspended.id, sponsorId: sponsor.humanId }, 'nhiId'],
    ];
    for (const [input, field] of cases) {
      const error = await refusal(() => moveCaseToScopes(security, input));
      expect(error.status).toBe(422);
      expect(error.details).toMatchObject({ fieldErrors: { [field]: [expect.any(String)] } });
    }
    expect((await db.borrowedCase.findUniqueOrThrow({ where: { id: found.id } })).status).toBe('OPEN');
  });
});
