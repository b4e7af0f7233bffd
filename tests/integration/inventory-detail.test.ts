import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, transaction } from '../../lib/db';
import type { CredentialKind } from '../../lib/db/generated/sqlite/enums';
import type { HumanActor, KeyActor } from '../../lib/auth/actor';
import { appendAuditEvents, type AuditEventInput } from '../../lib/audit/append';
import { AppError } from '../../lib/errors';
import { DETAIL_LIMITS, getNhiDetail } from '../../lib/inventory/detail';
import { createPerson } from '../support/people';

let admin: HumanActor;
let auditor: HumanActor;
let sponsor: HumanActor;
let otherSponsor: HumanActor;
let alice: { id: string; email: string };
let agentId: string;
let peerId: string;
const credentialIds: Record<string, string> = {};

const DAY = 86_400_000;
const now = Date.now();

async function addNhi(name: string, sponsorId: string | null) {
  const db = await getDb();
  return db.nhi.create({
    data: { name, kind: 'AI_AGENT', system: 'github', externalId: `ext-${randomUUID()}`, sponsorId },
  });
}

async function addCredential(
  label: string,
  kind: CredentialKind,
  fields: { subjectHumanId?: string; subjectNhiId?: string; holderNhiId?: string; expiresAt?: Date },
) {
  const db = await getDb();
  const credential = await db.credential.create({
    data: { kind, name: label, system: 'github', fingerprint: `sha256:${randomUUID()}`, ...fields },
  });
  credentialIds[label] = credential.id;
}

async function rejection(work: () => Promise<unknown>): Promise<AppError> {
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  [admin, auditor, sponsor, otherSponsor] = await Promise.all([
    createPerson('ADMIN'),
    createPerson('AUDITOR'),
    createPerson('SPONSOR'),
    createPerson('SPONSOR'),
  ]);
  const db = await getDb();
  alice = await db.human.create({ data: { name: 'Alice Developer', email: 'alice@acme.example' } });
  const owner = await db.human.create({ data: { name: 'Olu Owner', email: 'olu@acme.example' } });
  agentId = (await addNhi('release-agent', sponsor.humanId)).id;
  peerId = (await addNhi('deploy-bot', otherSponsor.humanId)).id;
  const unrelatedId = (await addNhi('unrelated-agent', sponsor.humanId)).id;
  await db.nhiOwner.create({ data: { nhiId: agentId, humanId: owner.id } });

  await addCredential("alice's token", 'PERSONAL_ACCESS_TOKEN', { subjectHumanId: alice.id, holderNhiId: agentId });
  await addCredential('own key', 'API_KEY', {
    subjectNhiId: agentId,
    holderNhiId: agentId,
    expiresAt: new Date(now + DAY),
  });
  await addCredential('key used by the peer', 'API_KEY', { subjectNhiId: agentId, holderNhiId: peerId });
  await addCredential("peer's own key", 'API_KEY', { subjectNhiId: peerId, holderNhiId: peerId });
  await addCredential("alice's password", 'PASSWORD', { subjectHumanId: alice.id });

  for (let at = 0; at < DETAIL_LIMITS.scopes + 3; at += 1) {
    await db.scopeRequest.create({
      data: {
        nhiId: agentId,
        task: `task ${at}`,
        justification: 'release',
        actions: '["github:pulls.read"]',
        resources: '["github:acme/*"]',
        requestedTtlSeconds: 600,
        initiatorId: alice.id,
        requestedAt: new Date(now - (100 - at) * 60_000),
      },
    });
  }

  const agent = { type: 'NHI' as const, id: agentId, label: 'release-agent' };
  const events: AuditEventInput[] = [];
  for (let at = 0; at < 20; at += 1) {
    events.push({
      action: 'github:pulls.read',
      attribution: at % 2 ? 'AGENT_BORROWED' : 'AGENT_DELEGATED',
      initiator: { type: 'HUMAN', id: alice.id, label: alice.email },
      executor: agent,
      occurredAt: new Date(now - (60 - 2 * at) * 60_000),
    });
    events.push({
      action: 'github:deploy',
      attribution: 'AGENT_AUTONOMOUS',
      initiator: agent,
      executor: { type: 'NHI', id: peerId, label: 'deploy-bot' },
      occurredAt: new Date(now - (59 - 2 * at) * 60_000),
    });
  }
  events.push({
    action: 'github:pulls.read',
    attribution: 'AGENT_DELEGATED',
    initiator: { type: 'HUMAN', id: alice.id, label: alice.email },
    executor: { type: 'NHI', id: unrelatedId, label: 'unrelated-agent' },
  });
  await transaction((tx) => appendAuditEvents(tx, events));

  const finding = (key: string, severity: 'HIGH' | 'CRITICAL' | 'LOW', status: 'OPEN' | 'RESOLVED', controls: string) =>
    db.finding.create({
      data: {
        key,
        type: 'BORROWED_HUMAN_CREDENTIAL',
        severity,
        status,
        nhiId: agentId,
        title: `${key} title`,
        rationale: `${key} rationale`,
        evidence: '{}',
        controls,
      },
    });
  await finding('high', 'HIGH', 'OPEN', '["ASI03","NHI5"]');
  await finding('resolved', 'LOW', 'RESOLVED', '["NHI7"]');
  await finding('critical', 'CRITICAL', 'OPEN', '["IA.L2-3.5.1","NOT-A-CONTROL"]');
});

describe('an identity in detail', () => {
  it('shows the overview, the sponsor and the owners', async () => {
    const { nhi } = await getNhiDetail(admin, agentId);
    expect(nhi).toMatchObject({ id: agentId, name: 'release-agent', kind: 'AI_AGENT', system: 'github' });
    expect(nhi.sponsor).toMatchObject({ id: sponsor.humanId, email: sponsor.email, status: 'ACTIVE' });
    expect(nhi.owners.map((owner) => owner.human.email)).toEqual(['olu@acme.example']);
  });

  it('lists the credentials it holds and those that authenticate as it, borrowed ones marked', async () => {
    const { credentials } = await getNhiDetail(admin, agentId);
    expect(credentials.total).toBe(3);
    const byName = Object.fromEntries(credentials.rows.map((credential) => [credential.name, credential]));
    expect(Object.keys(byName).sort()).toEqual(["alice's token", 'key used by the peer', 'own key']);
    expect(byName["alice's token"]).toMatchObject({
      borrowed: true,
      held: true,
      subjectHuman: { email: 'alice@acme.example' },
      expiresAt: null,
    });
    expect(byName['own key']).toMatchObject({ borrowed: false, held: true, subjectIsSelf: true });
    expect(byName['own key'].expiresAt).toBeInstanceOf(Date);
    expect(byName['key used by the peer']).toMatchObject({
      borrowed: false,
      held: false,
      subjectIsSelf: true,
      holderNhi: { id: peerId, name: 'deploy-bot' },
    });
  });

  it('shows the latest task scopes, newest first', async () => {
    const { scopes } = await getNhiDetail(admin, agentId);
    expect(scopes).toHaveLength(DETAIL_LIMITS.scopes);
    expect(scopes[0]).toMatchObject({ task: `task ${DETAIL_LIMITS.scopes + 2}`, initiator: { email: alice.email } });
  });

  it('shows the latest events it executed or initiated, initiator and executor apart', async () => {
    const { events } = await getNhiDetail(admin, agentId);
    expect(events).toHaveLength(DETAIL_LIMITS.events);
    const times = events.map((event) => event.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(events.every((event) => event.executorId === agentId || event.initiatorId === agentId)).toBe(true);
    const executed = events.find((event) => event.executorId === agentId && event.attribution === 'AGENT_BORROWED');
    expect(executed).toMatchObject({
      initiatorType: 'HUMAN',
      initiatorId: alice.id,
      initiatorLabel: alice.email,
      executorType: 'NHI',
      executorLabel: 'release-agent',
    });
    const initiated = events.find((event) => event.initiatorId === agentId);
    expect(initiated).toMatchObject({ initiatorType: 'NHI', executorId: peerId, attribution: 'AGENT_AUTONOMOUS' });
  });

  it('lists open findings first, the most severe on top, with their framework controls', async () => {
    const { findings } = await getNhiDetail(admin, agentId);
    expect(findings.map((finding) => [finding.title, finding.status])).toEqual([
      ['critical title', 'OPEN'],
      ['high title', 'OPEN'],
      ['resolved title', 'RESOLVED'],
    ]);
    expect(findings[0].controls).toEqual([
      {
        id: 'IA.L2-3.5.1',
        framework: 'CMMC 2.0 L2 / NIST SP 800-171',
        title: 'Identify users and processes acting on behalf of users',
      },
      { id: 'NOT-A-CONTROL', framework: 'Unknown framework', title: 'NOT-A-CONTROL' },
    ]);
    expect(findings[1].controls.map((control) => `${control.id}: ${control.framework}`)).toEqual([
      'ASI03: OWASP Top 10 for Agentic Applications (2026)',
      'NHI5: OWASP NHI Top 10 (2025)',
    ]);
  });
});

describe('who may open it', () => {
  it('lets its sponsor and an auditor read it', async () => {
    expect((await getNhiDetail(sponsor, agentId)).nhi.id).toBe(agentId);
    expect((await getNhiDetail(auditor, agentId)).nhi.id).toBe(agentId);
  });

  it('answers another sponsor exactly as for an identity that does not exist', async () => {
    const hidden = await rejection(() => getNhiDetail(otherSponsor, agentId));
    const unknown = await rejection(() => getNhiDetail(admin, 'c-does-not-exist'));
    expect(hidden.status).toBe(404);
    expect({ code: hidden.code, message: hidden.message }).toEqual({ code: unknown.code, message: unknown.message });
    expect((await rejection(() => getNhiDetail(admin, 'x'.repeat(65)))).status).toBe(404);
    expect((await rejection(() => getNhiDetail(admin, ''))).status).toBe(404);
  });

  it('refuses a machine key', async () => {
    const key: KeyActor = { kind: 'key', keyId: 'k', keyKind: 'AGENT', keyName: 'agent', nhiId: agentId };
    expect((await rejection(() => getNhiDetail(key, agentId))).status).toBe(403);
  });
});
