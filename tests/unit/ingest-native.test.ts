import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../lib/ingest/native';
import type { NormalizedEvent } from '../../lib/ingest/types';
import { eventWithId, eventsOf, parseFixture, rejectionsOf } from '../fixtures/ingest/support';

describe("Steward's own JSON", async () => {
  const records = await parseFixture('native', 'native/events.ndjson');

  it('reads a full record field for field', () => {
    expect(rejectionsOf(records)).toEqual([]);
    expect(eventWithId(records, 'gw-000001')).toEqual({
      source: 'mcp-gateway',
      sourceEventId: 'gw-000001',
      occurredAt: new Date('2025-03-03T09:00:00.000Z'),
      action: 'tools/call:create_issue',
      resource: 'github:acme/web',
      outcome: 'SUCCESS',
      environment: 'production',
      principal: {
        kind: 'machine',
        externalId: 'agent-release-notes',
        displayName: 'Release notes agent',
        email: null,
        sourceType: 'Agent',
        declaredAgent: true,
      },
      credential: {
        type: 'api_token',
        id: 'tok_81',
        hashedToken: null,
        sessionId: 'task-5521',
        appId: null,
        appName: null,
        mfa: null,
      },
      client: { userAgent: 'openai-agents/0.0.9 mcp/1.6.0', ip: '198.51.100.120', app: null },
      interactive: false,
      delegation: { kind: 'agent_session', chain: ['ruth.adler@example.com'] },
    });
  });

  it('fills what a short record leaves out, and honours a time offset', () => {
    expect(eventWithId(records, 'gw-000002')).toMatchObject({
      occurredAt: new Date('2025-03-03T08:00:05.000Z'),
      outcome: 'SUCCESS',
      resource: null,
      principal: { kind: 'person', declaredAgent: false, displayName: null },
      credential: { type: 'personal_access_token', id: 'pat_ruth_2', mfa: null },
      client: { userAgent: 'Claude-Code/1.0.31 (cli)', ip: null, app: null },
      interactive: null,
      delegation: null,
    });
    expect(eventWithId(records, 'vault-7781')).toMatchObject({ outcome: 'DENIED', credential: null });
  });

  it('rejects bad records by line: a time without an offset, an unknown kind, no time, a number for an id, an unclosed record', async () => {
    const broken = await parseFixture('native', 'native/broken.ndjson');
    expect(eventsOf(broken).map((event) => event.sourceEventId)).toEqual(['vault-8001', 'vault-8010']);
    expect(rejectionsOf(broken)).toEqual([
      { line: 2, error: 'occurredAt: must be an ISO 8601 date-time with an offset, e.g. 2025-05-02T09:14:03Z' },
      { line: 3, error: expect.stringMatching(/^principal\.kind: /) },
      { line: 4, error: 'The record has no occurredAt.' },
      { line: 5, error: expect.stringMatching(/^sourceEventId: /) },
      { line: 6, error: 'The record is not closed before line 7 starts another one, so it was skipped.' },
    ]);
  });

  it('a normalized event written as JSON reads back as the same event', () => {
    const text = fc.string({ minLength: 1, maxLength: 12 }).filter((value) => value.trim() === value && value !== '');
    const nullableText = fc.option(text, { nil: null });
    const event: fc.Arbitrary<NormalizedEvent> = fc.record({
      source: text,
      sourceEventId: text,
      occurredAt: fc.date({ min: new Date(0), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
      action: text,
      resource: nullableText,
      outcome: fc.constantFrom('SUCCESS', 'FAILURE', 'DENIED'),
      environment: nullableText,
      principal: fc.record({
        kind: fc.constantFrom('person', 'machine', 'unknown'),
        externalId: text,
        displayName: nullableText,
        email: nullableText,
        sourceType: nullableText,
        declaredAgent: fc.boolean(),
      }),
      credential: fc.option(
        fc.record({
          type: fc.constantFrom('session', 'api_token', 'oauth_token', 'unknown'),
          id: nullableText,
          hashedToken: nullableText,
          sessionId: nullableText,
          appId: nullableText,
          appName: nullableText,
          mfa: fc.option(fc.boolean(), { nil: null }),
        }),
        { nil: null },
      ),
      client: fc.record({ userAgent: nullableText, ip: nullableText, app: nullableText }),
      interactive: fc.option(fc.boolean(), { nil: null }),
      delegation: fc.option(
        fc.record({
          kind: fc.constantFrom('assume_role', 'impersonation', 'agent_session'),
          chain: fc.array(text, { maxLength: 3 }),
        }),
        { nil: null },
      ),
    });
    fc.assert(
      fc.property(event, (original) => {
        expect(normalize(JSON.parse(JSON.stringify(original)))).toEqual(original);
      }),
    );
  });
});
