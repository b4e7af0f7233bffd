import { describe, expect, it } from 'vitest';
import { eventWithId, eventsOf, parseFixture, rejectionsOf } from '../fixtures/ingest/support';

describe('GitHub audit log: a stream, one event per line', async () => {
  const records = await parseFixture('github', 'github/audit-stream.ndjson');

  it('reads every event with no rejection', () => {
    expect(rejectionsOf(records)).toEqual([]);
    expect(records.map((record) => record.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('a person in the browser: a user account, no token, interactivity unsaid', () => {
    const event = eventWithId(records, 'kQ1cEXAMPLEwebcreate01');
    expect(event).toMatchObject({
      source: 'github',
      action: 'repo.create',
      resource: 'acme/payments-api',
      environment: 'acme-corp',
      outcome: 'SUCCESS',
      principal: {
        kind: 'person',
        externalId: 'jonas-weber',
        displayName: 'jonas-weber',
        sourceType: 'User',
        declaredAgent: false,
      },
      credential: null,
      interactive: null,
      client: { ip: '203.0.113.50' },
    });
    expect(event.occurredAt.getTime()).toBe(1741000000000);
  });

  it('api.request with a classic personal access token: token id, hashed token, route, not interactive', () => {
    expect(eventWithId(records, 'kQ1cEXAMPLEapiclassic1')).toMatchObject({
      action: 'api.request',
      resource: 'GET /repos/{owner}/{repo}/pulls',
      interactive: false,
      principal: { kind: 'person', externalId: 'jonas-weber' },
      credential: {
        type: 'personal_access_token',
        id: '77001',
        hashedToken: 'q7b2EXAMPLEhashJonasClassicTokenAAAAAAAAAA=',
      },
      client: { userAgent: 'claude-cli/1.0.31 (external, cli)', ip: '198.51.100.14' },
    });
  });

  it('a fine-grained token; a 403 is DENIED', () => {
    expect(eventWithId(records, 'kQ1cEXAMPLEapifine0001')).toMatchObject({
      resource: 'acme/payments-api',
      credential: { type: 'personal_access_token', id: '77002' },
      client: { userAgent: 'python-httpx/0.28.1 openai-agents/0.0.9' },
    });
    expect(eventWithId(records, 'kQ1cEXAMPLEapidenied01').outcome).toBe('DENIED');
  });

  it('an OAuth access token names its OAuth application', () => {
    expect(eventWithId(records, 'kQ1cEXAMPLEoauthtoken1').credential).toMatchObject({
      type: 'oauth_token',
      appId: '310001',
    });
  });

  it('a GitHub App with its own server-to-server token is a machine (token_id 0 means none)', () => {
    expect(eventWithId(records, 'kQ1cEXAMPLEappserver01')).toMatchObject({
      principal: { kind: 'machine', sourceType: 'Bot', externalId: 'release-bot[bot]' },
      credential: {
        type: 'app_token',
        id: null,
        hashedToken: 'a8d1EXAMPLEhashReleaseBotInstallationTokA=',
        appId: '420001',
      },
      interactive: false,
      client: { ip: '20.57.77.9' },
    });
    expect(eventWithId(records, 'kQ1cEXAMPLEactionsbot1').principal.kind).toBe('machine');
    expect(eventWithId(records, 'kQ1cEXAMPLEdependabot1').principal).toMatchObject({
      kind: 'machine',
      sourceType: 'Bot',
    });
  });

  it('a GitHub App acting for a person (user-to-server) is the person through the app, on their behalf', () => {
    expect(eventWithId(records, 'kQ1cEXAMPLEusertoserv1')).toMatchObject({
      principal: { kind: 'person', externalId: 'lena-fischer' },
      credential: { type: 'oauth_token', appId: '520001' },
      delegation: { kind: 'on_behalf_of', chain: ['lena-fischer'] },
    });
  });

  it('an SSH key is a long-lived key identified by its hash', () => {
    expect(eventWithId(records, 'kQ1cEXAMPLEsshgitpush1').credential).toMatchObject({
      type: 'long_lived_access_key',
      hashedToken: 'd1a4EXAMPLEhashLenaSshKeyAAAAAAAAAAAAAAAAA=',
    });
  });

  it('an agent actor is a declared agent in its agent session, started by the person GitHub names', () => {
    expect(eventWithId(records, 'kQ1cEXAMPLEcopilotpr01')).toMatchObject({
      principal: { kind: 'machine', externalId: 'Copilot', sourceType: 'Agent', declaredAgent: true },
      credential: { sessionId: '4c2a91d0-7e3b-4f15-a8c6-2d9e0b1f3a57' },
      delegation: { kind: 'agent_session', chain: ['lena-fischer'] },
    });
  });
});

describe('GitHub audit log: an export as a JSON array', () => {
  it('reads the array’s events, with created_at when @timestamp is absent', async () => {
    const records = await parseFixture('github', 'github/audit-export.json');
    expect(rejectionsOf(records)).toEqual([]);
    expect(records.map((record) => record.line)).toEqual([2, 22]);
    const download = eventWithId(records, 'kQ1cEXAMPLEexport00002');
    expect(download.occurredAt.toISOString()).toBe('2025-03-03T11:17:40.000Z');
    // `user` names the added member here, not who acted: only agent events read it as the initiator.
    expect(eventWithId(records, 'kQ1cEXAMPLEexport00001').delegation).toBeNull();
  });
});

describe('GitHub audit log: broken records', () => {
  it('rejects each bad record by its line and keeps the good ones', async () => {
    const records = await parseFixture('github', 'github/broken.ndjson');
    expect(eventsOf(records).map((event) => event.sourceEventId)).toEqual([
      'kQ1cEXAMPLEbroken0001',
      'kQ1cEXAMPLEbroken0006',
    ]);
    expect(rejectionsOf(records)).toEqual([
      { line: 2, error: 'The event has no actor or actor_id: who acted is unknown.' },
      { line: 3, error: 'The event has no _document_id.' },
      { line: 4, error: expect.stringMatching(/^The record is not valid JSON: /) },
      { line: 5, error: 'The record has no time (created_at).' },
      { line: 6, error: 'actor_is_bot must be true or false, not a string.' },
      { line: 8, error: 'A GitHub audit log record must be a JSON object, not a number.' },
      { line: 8, error: 'A GitHub audit log record must be a JSON object, not a number.' },
    ]);
  });
});
