import { describe, expect, it } from 'vitest';
import { eventWithId, eventsOf, parseFixture, rejectionsOf } from '../fixtures/ingest/support';

const SA_CI = 'ci-deployer@acme-prod-4821.iam.gserviceaccount.com';
const WIF =
  'principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github-pool/subject/repo:acme/infra:ref:refs/heads/main';

describe('Google Cloud audit logs exported by a sink (one entry per line)', async () => {
  const records = await parseFixture('gcp', 'gcp/sink-export.ndjson');

  it('reads every entry with no rejection', () => {
    expect(rejectionsOf(records)).toEqual([]);
    expect(eventsOf(records)).toHaveLength(8);
  });

  it('a person in the console: their email, caller IP and user agent; interactivity unsaid', () => {
    const event = eventWithId(records, '1k2j3h4g5f01');
    expect(event).toMatchObject({
      source: 'gcp',
      action: 'v1.compute.instances.stop',
      resource: 'projects/acme-prod-4821/zones/europe-west4-a/instances/web-1',
      environment: 'acme-prod-4821',
      outcome: 'SUCCESS',
      interactive: null,
      principal: {
        kind: 'person',
        externalId: 'olga.novak@example.com',
        email: 'olga.novak@example.com',
        sourceType: 'User',
      },
      credential: null,
      client: { ip: '203.0.113.70' },
      delegation: null,
    });
    expect(event.occurredAt.toISOString()).toBe('2025-03-03T08:10:00.123Z');
  });

  it('the same person with gcloud: an OAuth token of the gcloud client', () => {
    const event = eventWithId(records, '1k2j3h4g5f02');
    expect(event.credential).toMatchObject({ type: 'oauth_token', appId: '32555940559.apps.googleusercontent.com' });
    expect(event.client.userAgent).toContain('command/gcloud.storage.ls');
  });

  it('a service account with a key: a machine and its long-lived key', () => {
    expect(eventWithId(records, '1k2j3h4g5f03')).toMatchObject({
      principal: { kind: 'machine', sourceType: 'ServiceAccount', displayName: 'etl-runner', email: null },
      credential: { type: 'long_lived_access_key', id: expect.stringContaining('/keys/4f1e2d3c') },
    });
  });

  it('a person impersonating a service account is the service account, with the person in the delegation chain', () => {
    expect(eventWithId(records, '1k2j3h4g5f04')).toMatchObject({
      principal: { kind: 'machine', externalId: SA_CI },
      delegation: { kind: 'impersonation', chain: ['olga.novak@example.com'] },
    });
  });

  it('CI through workload identity federation acting as a service account is federation, not impersonation', () => {
    expect(eventWithId(records, '1k2j3h4g5f05')).toMatchObject({
      principal: { kind: 'machine', externalId: SA_CI },
      delegation: { kind: 'workload_federation', chain: [WIF] },
    });
  });

  it('a workload identity subject (principalSubject) is a machine on a workload identity', () => {
    expect(eventWithId(records, '1k2j3h4g5f06')).toMatchObject({
      principal: {
        kind: 'machine',
        externalId: WIF,
        sourceType: 'WorkloadIdentity',
        displayName: 'repo:acme/infra:ref:refs/heads/main',
      },
      credential: { type: 'workload_identity', id: WIF },
      delegation: {
        kind: 'workload_federation',
        chain: [
          'principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github-pool',
        ],
      },
    });
  });

  it('a Kubernetes service account is a machine; a private caller IP is kept', () => {
    expect(eventWithId(records, '1k2j3h4g5f07')).toMatchObject({
      principal: { kind: 'machine', sourceType: 'KubernetesServiceAccount' },
      client: { ip: '10.4.0.12' },
    });
  });

  it('a workforce identity is a person; status code 7 is DENIED', () => {
    expect(eventWithId(records, '1k2j3h4g5f08')).toMatchObject({
      outcome: 'DENIED',
      principal: { kind: 'person', sourceType: 'WorkforceIdentity', email: 'quentin.moreau@example.com' },
    });
  });
});

describe('Google Cloud audit logs from gcloud logging read (a JSON array)', () => {
  it('reads the array', async () => {
    const records = await parseFixture('gcp', 'gcp/gcloud-logging-read.json');
    expect(rejectionsOf(records)).toEqual([]);
    expect(eventsOf(records).map((event) => event.sourceEventId)).toEqual(['1k2j3h4g5f01', '1k2j3h4g5f03']);
  });
});

describe('Google Cloud audit logs: broken records', () => {
  it('rejects each bad record by its line and keeps the good ones', async () => {
    const records = await parseFixture('gcp', 'gcp/broken.ndjson');
    expect(eventsOf(records).map((event) => event.sourceEventId)).toEqual(['1k2j3h4g5f11', '1k2j3h4g5f16']);
    expect(rejectionsOf(records)).toEqual([
      { line: 2, error: 'The log entry has no protoPayload: it is not an audit log entry.' },
      { line: 3, error: 'The record has no time (timestamp).' },
      { line: 4, error: expect.stringMatching(/^The record is not valid JSON: /) },
      {
        line: 5,
        error: 'authenticationInfo has neither a principalEmail nor a principalSubject: who acted is unknown.',
      },
      { line: 6, error: 'protoPayload.status.code must be a number, not a string.' },
    ]);
  });
});
