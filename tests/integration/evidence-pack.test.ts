import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as evidenceRoute from '../../app/api/v1/evidence/route';
import { checkpointPublicKey } from '../../lib/audit/checkpoint';
import { verifyAuditChain } from '../../lib/audit/verify';
import type { HumanActor } from '../../lib/auth/actor';
import { generateApiKey } from '../../lib/auth/api-keys';
import { createCredential, revokeCredential } from '../../lib/credentials/manage';
import { getDb, transaction } from '../../lib/db';
import type { ApiKeyKind } from '../../lib/db/generated/sqlite/enums';
import { AppError } from '../../lib/errors';
import { liveControls } from '../../lib/evidence/controls';
import { exportEvidence } from '../../lib/evidence/pack';
import { sha256Hex, type EvidencePack } from '../../lib/evidence/pack-format';
import { verifyEvidencePack } from '../../lib/evidence/verify-pack';
import { createNhi } from '../../lib/identities/manage';
import { countRows, createPerson } from '../support/people';

let security: HumanActor;
let auditor: HumanActor;
let sponsor: HumanActor;

const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  security = await createPerson('SECURITY');
  auditor = await createPerson('AUDITOR');
  sponsor = await createPerson('SPONSOR');
});

async function exportText(actor: HumanActor, input: Record<string, string>) {
  const exported = await exportEvidence(actor, input);
  return { exported, text: await new Response(exported.stream).text() };
}

/** An agent of the sponsor holding a personal access token of `person`, made through the use cases. */
async function agentWithTokenOf(personId: string) {
  const agent = await createNhi(security, {
    name: `release-agent-${randomUUID().slice(0, 6)}`,
    kind: 'AI_AGENT',
    system: 'github',
    externalId: randomUUID(),
    sponsorId: sponsor.humanId,
  });
  const credential = await createCredential(security, {
    name: 'personal token',
    kind: 'PERSONAL_ACCESS_TOKEN',
    system: 'github',
    fingerprint: `sha256:${randomUUID()}`,
    subjectType: 'HUMAN',
    subjectId: personId,
    holderNhiId: agent.id,
  });
  return { agent, credential };
}

async function nhi1(actor: HumanActor) {
  const { controls } = await liveControls(actor);
  return controls.find((control) => control.id === 'NHI1');
}

async function createKey(kind: ApiKeyKind): Promise<string> {
  const { secret, prefix, keyHash } = generateApiKey(kind);
  await transaction((tx) => tx.apiKey.create({ data: { kind, name: `evidence ${prefix}`, prefix, keyHash } }));
  return secret;
}

function callApi(query: string, secret?: string) {
  return evidenceRoute.GET(
    new Request(`http://localhost/api/v1/evidence${query}`, {
      headers: secret ? { Authorization: `Bearer ${secret}` } : {},
    }),
  );
}

async function writes() {
  const db = await getDb();
  return { ...(await countRows()), checkpoints: await db.auditCheckpoint.count() };
}

describe('evidence packs', () => {
  it('exports the events of the range after real actions, signed, and the pack verifies offline', async () => {
    const person = await createPerson(null);
    const { agent, credential } = await agentWithTokenOf(person.humanId);
    const { exported, text } = await exportText(auditor, { from: today(), to: today() });

    const result = verifyEvidencePack(text, { trustedKey: checkpointPublicKey().pem });
    expect(result.checks.filter((check) => !check.ok)).toEqual([]);
    expect(result.ok).toBe(true);

    const pack = JSON.parse(text) as EvidencePack;
    expect(pack.format).toBe('steward-evidence-pack/1');
    expect(pack.generatedBy).toEqual({ type: 'HUMAN', id: auditor.humanId, label: auditor.email });
    expect(pack.events.map((event) => event.resource)).toEqual(
      expect.arrayContaining([`nhi:${agent.id}`, `credential:${credential.id}`]),
    );
    expect(pack.chain.lastSeq).toBe(pack.checkpoint.seq);
    expect(pack.checkpoint).toEqual(exported.checkpoint);
    expect(pack.checkpoint.reason).toBe('export');
    expect(pack.controls).toHaveLength(43);
    expect(pack.events[0]).toHaveProperty('hashVersion', 1);

    const db = await getDb();
    const recorded = await db.auditEvent.findMany({
      where: { seq: { gt: pack.checkpoint.seq } },
      orderBy: { seq: 'asc' },
    });
    expect(recorded.map((event) => event.action)).toEqual(['audit.checkpoint', 'evidence.export']);
    expect(JSON.parse(recorded[1].details)).toEqual({
      from: today(),
      to: today(),
      events: pack.chain.eventCount,
      checkpointSeq: pack.checkpoint.seq,
      format: 'json',
    });
    expect(recorded[1].initiatorId).toBe(auditor.humanId);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it('gives the same events.csv as the pack signs for a range that has ended', async () => {
    await agentWithTokenOf((await createPerson(null)).humanId);
    const db = await getDb();
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    const last = await db.auditEvent.findUniqueOrThrow({ where: { seq: head.seq } });
    const range = { from: today(), to: last.recordedAt.toISOString() };
    const { text } = await exportText(auditor, range);
    const pack = JSON.parse(text) as EvidencePack;
    expect(pack.chain.lastSeq).toBe(head.seq);

    const csv = await exportText(auditor, { ...range, format: 'csv', file: 'events' });
    expect(csv.exported.filename).toMatch(/-events\.csv$/);
    expect(sha256Hex(csv.text)).toBe(pack.files['events.csv'].sha256);
    expect(verifyEvidencePack(text, { files: { 'events.csv': csv.text } }).ok).toBe(true);
    const controlsCsv = await exportText(auditor, { ...range, format: 'csv', file: 'controls' });
    expect(controlsCsv.text.split('\r\n')[0]).toBe('id,framework,title,status,rationale,evidence');
  });

  it('turns NHI1 into a gap while an offboarded person’s credential stays active, and back once it is revoked', async () => {
    const person = await createPerson(null);
    const { credential } = await agentWithTokenOf(person.humanId);
    const before = await nhi1(auditor);
    expect(before?.rationale).not.toContain('offboarded person is still active');

    const db = await getDb();
    await db.human.update({ where: { id: person.humanId }, data: { status: 'OFFBOARDED', offboardedAt: new Date() } });
    const during = await nhi1(auditor);
    expect(during?.status).toBe('gap');
    expect(during?.rationale).toContain('1 credential whose subject is an offboarded person is still active');

    const { text } = await exportText(auditor, { from: today(), to: today() });
    const packed = (JSON.parse(text) as EvidencePack).controls.find((control) => control.id === 'NHI1');
    expect(packed).toEqual(during);

    await revokeCredential(security, { credentialId: credential.id, reason: 'offboarded' });
    expect((await nhi1(auditor))?.rationale).not.toContain('offboarded person is still active');
  });

  it('refuses a sponsor (403) and bad ranges (422), writing nothing', async () => {
    const before = await writes();
    const refusals: [HumanActor, Record<string, string>, number][] = [
      [sponsor, { from: today(), to: today() }, 403],
      [auditor, { from: '2026-02-01', to: '2026-01-01' }, 422],
      [auditor, { from: '2026-13-01', to: '2026-12-31' }, 422],
      [auditor, { from: 'last week', to: today() }, 422],
      [auditor, { to: today() }, 422],
      [auditor, { from: '2026-01-01T10:00:00Z', to: '2026-01-01T09:00:00Z' }, 422],
      [auditor, { from: today(), to: today(), format: 'pdf' }, 422],
    ];
    for (const [actor, input, status] of refusals) {
      const error = await exportEvidence(actor, input).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect((error as AppError).status, JSON.stringify(input)).toBe(status);
    }
    expect(await writes()).toEqual(before);
  });

  it('answers the API with an audit key, and refuses other keys and bad ranges', async () => {
    const audit = await createKey('AUDIT');
    const response = await callApi(`?from=${today()}&to=${today()}`, audit);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = await response.text();
    expect((JSON.parse(body) as EvidencePack).generatedBy.type).toBe('SYSTEM');
    expect(verifyEvidencePack(body).ok).toBe(true);

    const csv = await callApi(`?from=${today()}&to=${today()}&format=csv&file=controls`, audit);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');

    const ingest = await createKey('INGEST');
    const before = await writes();
    expect((await callApi(`?from=${today()}&to=${today()}`, ingest)).status).toBe(403);
    const bad = await callApi('?from=2026-05-02&to=2026-05-01', audit);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      error: { code: 'INVALID_INPUT', details: { fieldErrors: { to: [expect.any(String)] } } },
    });
    expect(await writes()).toEqual(before);
  });
});
