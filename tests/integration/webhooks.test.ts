import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, transaction } from '../../lib/db';
import type { HumanActor } from '../../lib/auth/actor';
import { AppError } from '../../lib/errors';
import { deliverDueWebhooks, MAX_ATTEMPTS, RETRY_DELAYS_SECONDS } from '../../lib/webhooks/deliver';
import { notifyScopeWebhook } from '../../lib/webhooks/notify';
import { sendTestEvent, updateWebhookSettings, webhookOverview } from '../../lib/webhooks/settings';
import { verifySignature } from '../../lib/webhooks/signature';
import { countRows, createPerson } from '../support/people';

type Received = { headers: IncomingHttpHeaders; body: string };

/** A webhook receiver on loopback that answers with whatever status the test sets, or not at all. */
class Receiver {
  received: Received[] = [];
  status = 200;
  hang = false;
  private server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (this.hang) return;
      response.writeHead(this.status, { 'Content-Type': 'text/plain' });
      response.end('ok');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/steward`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** How a receiver written from the README checks a delivery: nothing from Steward's own code. */
function receiverAccepts(secret: string, headers: IncomingHttpHeaders, rawBody: string): boolean {
  const header = String(headers['steward-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2)));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(String(parts.v1 ?? ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const receiver = new Receiver();
let receiverUrl: string;
let admin: HumanActor;
let security: HumanActor;
let secret: string;

beforeAll(async () => {
  receiverUrl = await receiver.start();
  admin = await createPerson('ADMIN');
  security = await createPerson('SECURITY');
});

afterAll(async () => {
  await receiver.stop();
});

beforeEach(() => {
  receiver.received = [];
  receiver.status = 200;
  receiver.hang = false;
});

async function snapshot() {
  const db = await getDb();
  const [rows, settings, deliveries] = await Promise.all([
    countRows(),
    db.setting.findMany({ orderBy: { key: 'asc' } }),
    db.webhookDelivery.count(),
  ]);
  return { ...rows, settings, deliveries };
}

async function expectRefused(work: () => Promise<unknown>, status: number): Promise<AppError> {
  const before = await snapshot();
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  expect(await snapshot()).toEqual(before);
  return error as AppError;
}

async function lastEvent() {
  const db = await getDb();
  return db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
}

async function clearDeliveries(): Promise<void> {
  await transaction((tx) => tx.webhookDelivery.deleteMany());
}

async function queue(event: 'scope.requested' | 'scope.approved', data: Record<string, unknown>): Promise<string> {
  await transaction((tx) => notifyScopeWebhook(tx, event, data));
  const db = await getDb();
  const row = await db.webhookDelivery.findFirstOrThrow({ where: { payload: JSON.stringify(data) } });
  return row.id;
}

async function delivery(id: string) {
  const db = await getDb();
  return db.webhookDelivery.findUniqueOrThrow({ where: { id } });
}

const SECONDS = 1000;

describe('the webhook setting', () => {
  it('is refused to anyone but an admin, and writes nothing', async () => {
    await expectRefused(() => updateWebhookSettings(security, { url: receiverUrl }), 403);
  });

  it('refuses a URL Steward must not post to with a field error, and writes nothing', async () => {
    for (const url of [
      'not a url',
      'http://hooks.example.com/steward',
      'ftp://127.0.0.1/steward',
      'https://user:password@hooks.example.com/steward',
      `https://hooks.example.com/${'a'.repeat(2100)}`,
    ]) {
      const error = await expectRefused(() => updateWebhookSettings(admin, { url }), 422);
      expect(error.details).toMatchObject({ fieldErrors: { url: [expect.any(String)] } });
    }
  });

  it('saves a URL with a new signing secret that is answered once and never audited', async () => {
    const before = await countRows();
    const saved = await updateWebhookSettings(admin, { url: ` ${receiverUrl} ` });
    expect(saved).toMatchObject({ url: receiverUrl, changed: true });
    expect(saved.secret).toMatch(/^stw_whsec_[A-Za-z0-9_-]{43}$/);
    secret = saved.secret ?? '';

    const db = await getDb();
    const settings = await db.setting.findMany({ where: { key: { startsWith: 'webhook.' } }, orderBy: { key: 'asc' } });
    expect(settings.map(({ key, value }) => [key, value])).toEqual([
      ['webhook.secret', secret],
      ['webhook.url', receiverUrl],
    ]);
    expect((await countRows()).headSeq).toBe(before.headSeq + 1);
    const event = await lastEvent();
    expect(event).toMatchObject({
      action: 'settings.webhook_update',
      attribution: 'HUMAN',
      initiatorId: admin.humanId,
      resource: 'settings:webhook',
    });
    expect(JSON.parse(event.details)).toEqual({ url: receiverUrl, secretRotated: true });
    for (const value of Object.values(event)) expect(String(value)).not.toContain(secret);

    const overview = await webhookOverview(admin);
    expect(overview.url).toBe(receiverUrl);
    expect(JSON.stringify(overview)).not.toContain(secret);
  });

  it('changes nothing and records nothing when saved unchanged', async () => {
    const before = await snapshot();
    expect(await updateWebhookSettings(admin, { url: receiverUrl })).toEqual({
      url: receiverUrl,
      secret: null,
      changed: false,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('rotates the secret on request, and audits that it did', async () => {
    const rotated = await updateWebhookSettings(admin, { url: receiverUrl, rotateSecret: 'on' });
    expect(rotated.secret).toMatch(/^stw_whsec_/);
    expect(rotated.secret).not.toBe(secret);
    expect(JSON.parse((await lastEvent()).details)).toEqual({ url: receiverUrl, secretRotated: true });
    secret = rotated.secret ?? '';
  });
});

describe('queueing deliveries', () => {
  beforeEach(clearDeliveries);

  it('queues nothing while no URL is set', async () => {
    await updateWebhookSettings(admin, { url: '' });
    expect(JSON.parse((await lastEvent()).details)).toEqual({ url: null, secretRotated: false });
    await transaction((tx) => notifyScopeWebhook(tx, 'scope.requested', { scopeId: 'scope-1' }));
    const db = await getDb();
    expect(await db.webhookDelivery.count()).toBe(0);
    // Put back: the secret outlives the URL, so the receiver keeps working.
    const restored = await updateWebhookSettings(admin, { url: receiverUrl });
    expect(restored).toMatchObject({ secret: null, changed: true });
  });

  it('queues inside the caller’s transaction: a rolled-back change sends nothing', async () => {
    const failed = await transaction(async (tx) => {
      await notifyScopeWebhook(tx, 'scope.approved', { scopeId: 'scope-2' });
      throw new Error('the approval failed after queueing');
    }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    const db = await getDb();
    expect(await db.webhookDelivery.count()).toBe(0);
    expect(await deliverDueWebhooks(new Date())).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(0);
  });
});

describe('delivering', () => {
  beforeEach(clearDeliveries);

  it('posts the event as JSON with a signature a receiver can verify, and a delivery id', async () => {
    const data = { scopeId: 'scope-3', nhi: 'release-agent', actions: ['github:pulls.merge'] };
    const id = await queue('scope.requested', data);
    expect(await deliverDueWebhooks(new Date())).toEqual({ delivered: 1, retrying: 0, failed: 0 });

    expect(receiver.received).toHaveLength(1);
    const [{ headers, body }] = receiver.received;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['steward-delivery']).toBe(id);
    expect(headers['steward-event']).toBe('scope.requested');
    expect(headers['steward-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(receiverAccepts(secret, headers, body)).toBe(true);
    expect(verifySignature(secret, String(headers['steward-signature']), body)).toBe(true);
    expect(receiverAccepts(secret, headers, body.replace('scope-3', 'scope-4'))).toBe(false);
    expect(receiverAccepts('stw_whsec_someone-else', headers, body)).toBe(false);

    const stored = await delivery(id);
    expect(JSON.parse(body)).toEqual({
      id,
      event: 'scope.requested',
      occurredAt: stored.createdAt.toISOString(),
      data,
    });
    expect(stored).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatus: 200, lastError: null });
    expect(stored.nextAttemptAt).toBeNull();
    expect(stored.deliveredAt).not.toBeNull();

    expect(await deliverDueWebhooks(new Date(Date.now() + 86_400 * SECONDS))).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 0,
    });
    expect(receiver.received).toHaveLength(1);
  });

  it('retries a failing receiver after 30 s, 2 min, 10 min, 1 h and 6 h, then marks it failed and shows it', async () => {
    receiver.status = 503;
    const id = await queue('scope.approved', { scopeId: 'scope-5' });
    let now = new Date();
    const attemptsAt: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const delay = RETRY_DELAYS_SECONDS[attempt - 2];
      if (delay !== undefined) {
        // One second early: not yet due, nothing is sent.
        expect(await deliverDueWebhooks(new Date(now.getTime() + (delay - 1) * SECONDS))).toEqual({
          delivered: 0,
          retrying: 0,
          failed: 0,
        });
        now = new Date(now.getTime() + delay * SECONDS);
      }
      const run = await deliverDueWebhooks(now);
      attemptsAt.push(now.getTime());
      const stored = await delivery(id);
      expect(stored).toMatchObject({ attempts: attempt, lastStatus: 503 });
      expect(stored.lastError).toMatch(/answered 503/);
      if (attempt < MAX_ATTEMPTS) {
        expect(run).toEqual({ delivered: 0, retrying: 1, failed: 0 });
        expect(stored.status).toBe('PENDING');
        expect(stored.nextAttemptAt?.getTime()).toBe(now.getTime() + RETRY_DELAYS_SECONDS[attempt - 1] * SECONDS);
      } else {
        expect(run).toEqual({ delivered: 0, retrying: 0, failed: 1 });
        expect(stored.status).toBe('FAILED');
        expect(stored.nextAttemptAt).toBeNull();
      }
    }
    expect(attemptsAt.slice(1).map((at, index) => (at - attemptsAt[index]) / SECONDS)).toEqual([
      30, 120, 600, 3600, 21_600,
    ]);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(receiver.received.map(({ headers }) => headers['steward-delivery']))).toEqual(new Set([id]));

    receiver.status = 200;
    expect(await deliverDueWebhooks(new Date(now.getTime() + 7 * 86_400 * SECONDS))).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 0,
    });
    const overview = await webhookOverview(admin);
    expect(overview.counts).toEqual({ pending: 0, failed: 1 });
    expect(overview.deliveries[0]).toMatchObject({ id, status: 'FAILED', attempts: MAX_ATTEMPTS, lastStatus: 503 });
  });

  it('records a receiver that cannot be reached, then delivers once it answers', async () => {
    const closed = new Receiver();
    const closedUrl = await closed.start();
    await closed.stop();
    await updateWebhookSettings(admin, { url: closedUrl });
    const id = await queue('scope.requested', { scopeId: 'scope-6' });
    const now = new Date();
    expect(await deliverDueWebhooks(now)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect(await delivery(id)).toMatchObject({ status: 'PENDING', attempts: 1, lastStatus: null });
    expect((await delivery(id)).lastError).toMatch(/ECONNREFUSED/);

    // Pointing the webhook elsewhere takes the waiting delivery with it.
    await updateWebhookSettings(admin, { url: receiverUrl });
    expect((await delivery(id)).url).toBe(receiverUrl);
    expect(await deliverDueWebhooks(new Date(now.getTime() + 30 * SECONDS))).toEqual({
      delivered: 1,
      retrying: 0,
      failed: 0,
    });
    expect(await delivery(id)).toMatchObject({ status: 'DELIVERED', attempts: 2, lastStatus: 200, lastError: null });
    expect(receiver.received.map(({ headers }) => headers['steward-delivery'])).toEqual([id]);
  });

  it('gives up on a receiver that does not answer within 5 seconds', async () => {
    receiver.hang = true;
    const id = await queue('scope.requested', { scopeId: 'scope-7' });
    expect(await deliverDueWebhooks(new Date())).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect((await delivery(id)).lastError).toBe('No answer within 5 s.');
  });

  it('sends each delivery once when two workers run at the same moment', async () => {
    const ids = await Promise.all([1, 2, 3].map((n) => queue('scope.requested', { scopeId: `scope-race-${n}` })));
    const now = new Date(Date.now() + SECONDS);
    const runs = await Promise.all([deliverDueWebhooks(now), deliverDueWebhooks(now)]);
    expect(runs.reduce((sum, run) => sum + run.delivered, 0)).toBe(3);
    expect(receiver.received.map(({ headers }) => headers['steward-delivery']).sort()).toEqual(
      [...new Set(ids)].sort(),
    );
  });

  it('fails waiting deliveries when the webhook is removed', async () => {
    receiver.status = 500;
    const id = await queue('scope.approved', { scopeId: 'scope-8' });
    await deliverDueWebhooks(new Date());
    await updateWebhookSettings(admin, { url: '' });
    expect(await delivery(id)).toMatchObject({ status: 'FAILED', nextAttemptAt: null });
    expect((await delivery(id)).lastError).toMatch(/removed/);
    await updateWebhookSettings(admin, { url: receiverUrl });
  });
});

describe('the test event', () => {
  beforeEach(clearDeliveries);

  it('is sent at once, signed, and answered with how it went', async () => {
    const sent = await sendTestEvent(admin);
    expect(sent).toMatchObject({ event: 'webhook.test', status: 'DELIVERED', attempts: 1, lastStatus: 200 });
    expect(receiver.received).toHaveLength(1);
    const [{ headers, body }] = receiver.received;
    expect(receiverAccepts(secret, headers, body)).toBe(true);
    expect(JSON.parse(body)).toMatchObject({ event: 'webhook.test', data: { requestedBy: admin.email } });
  });

  it('is sent by the request that asked for it, not also by a worker running at the same moment', async () => {
    receiver.status = 502;
    const [sent, run] = await Promise.all([sendTestEvent(admin), deliverDueWebhooks(new Date())]);
    expect(run).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(sent).toMatchObject({ status: 'PENDING', attempts: 1, lastStatus: 502 });
    expect(sent.lastError).toMatch(/answered 502/);
    expect(sent.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now() + 25 * SECONDS);
    expect(receiver.received).toHaveLength(1);
  });

  it('is refused to anyone but an admin, and without a URL', async () => {
    await expectRefused(() => sendTestEvent(security), 403);
    await updateWebhookSettings(admin, { url: '' });
    await expectRefused(() => sendTestEvent(admin), 409);
    await updateWebhookSettings(admin, { url: receiverUrl });
  });
});
