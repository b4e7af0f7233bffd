import { describe, expect, it } from 'vitest';
import { eventWithId, eventsOf, parseFixture, rejectionsOf } from '../fixtures/ingest/support';

const id = (n: number) => `5f0d2c1a-f9a1-11ef-8b1e-3b2c5a6d7e${String(n).padStart(2, '0')}`;

describe('Okta System Log: the API’s JSON array', async () => {
  const records = await parseFixture('okta', 'okta/system-log.json');

  it('reads every event with no rejection', () => {
    expect(rejectionsOf(records)).toEqual([]);
    expect(eventsOf(records)).toHaveLength(8);
  });

  it('a person signing in from a browser is interactive, with their session', () => {
    const event = eventWithId(records, id(1));
    expect(event).toMatchObject({
      source: 'okta',
      action: 'user.session.start',
      outcome: 'SUCCESS',
      interactive: true,
      principal: {
        kind: 'person',
        externalId: '00u8hanaexample4x7',
        displayName: 'Hana Sato',
        email: 'hana.sato@example.com',
        sourceType: 'User',
      },
      credential: { type: 'password', sessionId: '102hanaSessionEXAMPLE01' },
      client: { ip: '203.0.113.21' },
      delegation: null,
    });
    expect(event.client.userAgent).toContain('Firefox/135.0');
    expect(event.occurredAt.toISOString()).toBe('2025-03-03T08:00:12.401Z');
  });

  it('an MFA step proves the second factor', () => {
    expect(eventWithId(records, id(2))).toMatchObject({
      interactive: true,
      credential: { type: 'session_cookie', mfa: true, sessionId: '102hanaSessionEXAMPLE01' },
      resource: 'Okta Verify',
    });
  });

  it('an API token acting as its creator: the person, the token, not interactive, delegation api_token_of_user', () => {
    const event = eventWithId(records, id(3));
    expect(event).toMatchObject({
      principal: { kind: 'person', email: 'hana.sato@example.com' },
      credential: { type: 'api_token', id: '00T8hanaapitoken4x7', sessionId: null },
      interactive: false,
      delegation: { kind: 'api_token_of_user', chain: ['hana.sato@example.com'] },
      resource: 'ivan.petrov@example.com',
      client: { userAgent: 'python-requests/2.32.3 langchain-community/0.3.19', ip: '198.51.100.31' },
    });
  });

  it('an OAuth service app (PublicClientApp) is a machine with its client id', () => {
    expect(eventWithId(records, id(4))).toMatchObject({
      principal: { kind: 'machine', sourceType: 'PublicClientApp', externalId: '0oa8provisioner4x7' },
      credential: { type: 'oauth_token', appId: '0oa8provisioner4x7', appName: 'HR provisioning service' },
      interactive: false,
      resource: 'Salesforce',
    });
  });

  it('Okta itself running a job is a machine, not interactive, with no client', () => {
    expect(eventWithId(records, id(5))).toMatchObject({
      principal: { kind: 'machine', sourceType: 'SystemPrincipal' },
      interactive: false,
      credential: null,
      client: { userAgent: null, ip: null },
    });
  });

  it('outcome.result DENY is DENIED and FAILURE is FAILURE', () => {
    expect(eventWithId(records, id(6)).outcome).toBe('DENIED');
    expect(eventWithId(records, id(7)).outcome).toBe('FAILURE');
  });

  it('an MCP server with a person’s API token reads as that token acting for them', () => {
    expect(eventWithId(records, id(8))).toMatchObject({
      credential: { type: 'api_token', id: '00T8ivanmcptoken4x7' },
      delegation: { kind: 'api_token_of_user', chain: ['ivan.petrov@example.com'] },
      resource: 'Payroll admins',
    });
  });
});

describe('Okta System Log: broken records', () => {
  it('rejects each bad record by its line and keeps the good ones', async () => {
    const records = await parseFixture('okta', 'okta/broken.ndjson');
    expect(eventsOf(records).map((event) => event.sourceEventId)).toEqual([id(11), id(15)]);
    expect(rejectionsOf(records)).toEqual([
      { line: 2, error: 'The event has no actor: who acted is unknown.' },
      { line: 3, error: 'The record is not valid JSON: a string is still open at the end of line 3.' },
      {
        line: 4,
        error: 'published is not a time: expected an ISO 8601 date-time or epoch milliseconds, got a string.',
      },
      { line: 5, error: 'outcome must be an object, not a string.' },
    ]);
  });
});
