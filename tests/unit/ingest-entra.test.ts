import { describe, expect, it } from 'vitest';
import { normalize } from '../../lib/ingest/entra';
import { eventWithId, eventsOf, parseFixture, rejectionsOf } from '../fixtures/ingest/support';

const id = (n: number) => `e0a1b2c3-${n}-4d00-9a00-0000000a${n}`;

describe('Entra sign-in logs exported to a storage account (one record per line)', async () => {
  const records = await parseFixture('entra', 'entra/storage-account.ndjson');

  it('reads every record with no rejection', () => {
    expect(rejectionsOf(records)).toEqual([]);
    expect(eventsOf(records)).toHaveLength(10);
  });

  it('an interactive browser sign-in with MFA: the person, their session, token and app, Browser', () => {
    const event = eventWithId(records, id(1001));
    expect(event).toMatchObject({
      source: 'entra',
      action: 'signIn:SignInLogs',
      resource: 'Windows Azure Service Management API',
      environment: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      outcome: 'SUCCESS',
      interactive: true,
      principal: {
        kind: 'person',
        externalId: 'a1b2c3d4-0001-4a5b-8c7d-000000000001',
        displayName: 'Noor Haddad',
        email: 'noor.haddad@example.com',
        sourceType: 'User',
      },
      credential: {
        type: 'password',
        id: 'dGhpc2lzYW5leGFtcGxldG9rZW4wMQ',
        sessionId: '5a6b7c8d-aaaa-4bbb-8ccc-000000000001',
        appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
        appName: 'Azure Portal',
        mfa: true,
      },
      client: { ip: '203.0.113.60', app: 'Browser' },
      delegation: null,
    });
    expect(event.occurredAt.toISOString()).toBe('2025-03-03T08:02:11.123Z');
  });

  it("a non-interactive use of the person's token by the Azure CLI from an agent framework: same session, OAuth token", () => {
    const event = eventWithId(records, id(1002));
    expect(event).toMatchObject({
      action: 'signIn:NonInteractiveUserSignInLogs',
      interactive: false,
      principal: { kind: 'person', email: 'noor.haddad@example.com' },
      credential: {
        type: 'oauth_token',
        appName: 'Microsoft Azure CLI',
        sessionId: '5a6b7c8d-aaaa-4bbb-8ccc-000000000001',
        mfa: false,
      },
      client: { app: 'Mobile Apps and Desktop clients' },
    });
    expect(event.client.userAgent).toContain('langgraph');
  });

  it('a Conditional Access block (53003) is DENIED; an empty user agent is null', () => {
    expect(eventWithId(records, id(1003))).toMatchObject({
      outcome: 'DENIED',
      client: { userAgent: null, app: 'IMAP4' },
    });
  });

  it('a service principal with a client secret is a machine; its key id names the credential', () => {
    expect(eventWithId(records, id(1004))).toMatchObject({
      action: 'signIn:ServicePrincipalSignInLogs',
      interactive: false,
      principal: {
        kind: 'machine',
        externalId: '7c8d9e0f-0004-4a00-8b00-0000000c0004',
        displayName: 'billing-exporter',
        sourceType: 'ServicePrincipal',
      },
      credential: { type: 'client_secret', id: 'f1e2d3c4-0004-4b00-9c00-0000000d0004', mfa: null },
    });
  });

  it('a service principal signing in with a federated credential (CI) is workload federation', () => {
    expect(eventWithId(records, id(1005))).toMatchObject({
      credential: { type: 'workload_identity', id: 'b2c3d4e5-0005-4e00-8f00-0000000e0005' },
      delegation: { kind: 'workload_federation', chain: ['b2c3d4e5-0005-4e00-8f00-0000000e0005'] },
    });
  });

  it('a managed identity is a machine with a managed identity credential', () => {
    expect(eventWithId(records, id(1006))).toMatchObject({
      principal: { kind: 'machine', sourceType: 'ManagedIdentity', displayName: 'func-invoice-ocr' },
      credential: { type: 'managed_identity' },
      client: { ip: null },
    });
  });

  it('an agent identity acting on its own is a declared agent with no delegation', () => {
    expect(eventWithId(records, id(1007))).toMatchObject({
      principal: {
        kind: 'machine',
        declaredAgent: true,
        sourceType: 'AgentIdentity',
        displayName: 'Procurement Agent',
      },
      delegation: null,
    });
  });

  it('an agent identity acting for a person is a declared agent on their behalf, not the person', () => {
    expect(eventWithId(records, id(1008))).toMatchObject({
      principal: { kind: 'machine', declaredAgent: true, externalId: '7c8d9e0f-0008-4a00-8b00-0000000c0008' },
      delegation: { kind: 'on_behalf_of', chain: ['pieter.devries@example.com'] },
    });
  });

  it("an agent's own user account is a declared agent", () => {
    expect(eventWithId(records, id(1009)).principal).toMatchObject({
      kind: 'machine',
      declaredAgent: true,
      sourceType: 'AgentUser',
      email: 'agent-triage@example.com',
    });
  });

  it('a failed refresh (error code other than 0) is a FAILURE', () => {
    expect(eventWithId(records, id(1010)).outcome).toBe('FAILURE');
  });
});

describe('Entra sign-in logs through Event Hubs {"records":[…]}', () => {
  it('reads the records array', async () => {
    const records = await parseFixture('entra', 'entra/event-hubs.json');
    expect(rejectionsOf(records)).toEqual([]);
    expect(eventsOf(records).map((event) => event.principal.sourceType)).toEqual(['User', 'ManagedIdentity']);
  });
});

describe('Entra: a Microsoft Graph signIn object without the envelope', () => {
  it('takes the category from signInEventTypes', () => {
    const event = normalize({
      id: 'g-1',
      createdDateTime: '2025-03-03T08:00:00Z',
      signInEventTypes: ['servicePrincipal'],
      servicePrincipalId: 'sp-1',
      appId: 'app-1',
      status: { errorCode: 0 },
    });
    expect(event).toMatchObject({
      action: 'signIn:ServicePrincipalSignInLogs',
      principal: { kind: 'machine', externalId: 'sp-1' },
    });
  });
});

describe('Entra: broken records', () => {
  it('rejects each bad record by its line and keeps the good ones', async () => {
    const records = await parseFixture('entra', 'entra/broken.ndjson');
    expect(eventsOf(records).map((event) => event.sourceEventId)).toEqual([id(3001), id(3006)]);
    expect(rejectionsOf(records)).toEqual([
      { line: 2, error: 'The sign-in has no id (properties.id).' },
      { line: 3, error: 'The record has no time (time).' },
      { line: 6, error: expect.stringMatching(/^The record is not valid JSON: /) },
      { line: 7, error: "The record's category is AuditLogs, not one of the sign-in log categories." },
      { line: 8, error: 'properties.isInteractive must be true or false, not a string.' },
    ]);
  });
});
