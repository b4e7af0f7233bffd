import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../lib/ingest/cloudtrail';
import { IngestRecordError } from '../../lib/ingest/errors';
import { parseRecords } from '../../lib/ingest/parse';
import {
  chunksOf,
  collect,
  eventWithId,
  eventsOf,
  fixturePath,
  parseFixture,
  rejectionsOf,
} from '../fixtures/ingest/support';

const id = (n: number) => `c7a1e0f4-1111-4a2b-9c3d-${String(n).padStart(12, '0')}`;

describe('CloudTrail: a log file {"Records":[…]}', async () => {
  const records = await parseFixture('cloudtrail', 'cloudtrail/trail-file.json');

  it('reads every event of the file with the line it starts on and no rejection', () => {
    const lines = readFileSync(fixturePath('cloudtrail/trail-file.json'), 'utf8').split('\n');
    const recordStarts = lines.flatMap((text, index) => (text === '    {' ? [index + 1] : []));
    expect(rejectionsOf(records)).toEqual([]);
    expect(recordStarts).toHaveLength(13);
    expect(records.map((record) => record.line)).toEqual(recordStarts);
  });

  it('a console sign-in with MFA is a person, interactive, with a password and MFA', () => {
    const event = eventWithId(records, id(1));
    expect(event).toMatchObject({
      source: 'aws',
      action: 'signin:ConsoleLogin',
      outcome: 'SUCCESS',
      environment: '210987654321',
      interactive: true,
      principal: {
        kind: 'person',
        externalId: 'arn:aws:iam::210987654321:user/alice.ng',
        displayName: 'alice.ng',
        sourceType: 'IAMUser',
      },
      credential: { type: 'password', mfa: true },
      client: { ip: '203.0.113.10' },
    });
    expect(event.occurredAt.toISOString()).toBe('2025-03-03T08:01:10.000Z');
    expect(event.client.userAgent).toMatch(/^Mozilla\/5\.0/);
  });

  it('a call from a console session (sessionCredentialFromConsole) is interactive, with its ASIA session key', () => {
    expect(eventWithId(records, id(2))).toMatchObject({
      interactive: true,
      principal: { kind: 'person' },
      credential: { type: 'session', id: 'ASIAEXAMPLEALICEWEB1', mfa: true },
      client: { userAgent: 'AWS Internal' },
    });
  });

  it("an IAM user's long-lived AKIA key from an SDK is an unknown principal with a long-lived key, the user agent kept whole", () => {
    const event = eventWithId(records, id(3));
    expect(event).toMatchObject({
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::finance-reports/2025/q1.csv',
      interactive: null,
      principal: { kind: 'unknown', sourceType: 'IAMUser', externalId: 'arn:aws:iam::210987654321:user/alice.ng' },
      credential: { type: 'long_lived_access_key', id: 'AKIAEXAMPLEALICE0001', mfa: null },
      delegation: null,
    });
    expect(event.client.userAgent).toContain('exec-env/AWS_ECS_FARGATE');
    expect(event.client.userAgent).toContain('app/langchain-aws');
  });

  it('an IAM Identity Center role session named after an email is that person, with MFA, through the role', () => {
    expect(eventWithId(records, id(4))).toMatchObject({
      principal: { kind: 'person', email: 'bob.kaur@example.com', sourceType: 'AssumedRole' },
      credential: { type: 'session', id: 'ASIAEXAMPLEBOBSSO001', mfa: true },
      delegation: {
        kind: 'assume_role',
        chain: [
          'arn:aws:iam::210987654321:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_PowerUser_0a1b2c3d4e5f6a7b',
        ],
      },
    });
  });

  it("a role session carrying a person's sourceIdentity is that person; the chain starts with them", () => {
    const event = eventWithId(records, id(5));
    expect(event).toMatchObject({
      principal: { kind: 'person', email: 'carol.diaz@example.com', displayName: 'carol.diaz@example.com' },
      credential: { type: 'session', mfa: false },
      delegation: {
        kind: 'assume_role',
        chain: ['carol.diaz@example.com', 'arn:aws:iam::210987654321:role/dev-sandbox'],
      },
    });
    expect(event.client.userAgent).toContain('app/claude-code');
  });

  it('an AWS service is a machine without a credential', () => {
    expect(eventWithId(records, id(6))).toMatchObject({
      action: 'sts:AssumeRole',
      principal: { kind: 'machine', externalId: 'lambda.amazonaws.com', sourceType: 'AWSService' },
      credential: null,
      client: { userAgent: 'lambda.amazonaws.com', ip: null },
    });
  });

  it('a service role session (Lambda) is a machine', () => {
    expect(eventWithId(records, id(7)).principal).toMatchObject({ kind: 'machine', displayName: 'invoice-sync' });
  });

  it('CI with a web identity (GitHub Actions OIDC) is a machine on a workload identity, federated through the role', () => {
    expect(eventWithId(records, id(8))).toMatchObject({
      principal: { kind: 'machine' },
      credential: { type: 'workload_identity', id: 'ASIAEXAMPLEGHACTION1' },
      delegation: {
        kind: 'workload_federation',
        chain: [
          'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com',
          'arn:aws:iam::210987654321:role/gha-deploy',
        ],
      },
    });
  });

  it('AccessDenied is DENIED', () => {
    expect(eventWithId(records, id(9)).outcome).toBe('DENIED');
  });

  it('a call an AWS service made for a user (invokedBy) is delegation through that service', () => {
    expect(eventWithId(records, id(10))).toMatchObject({
      principal: { kind: 'unknown', sourceType: 'IAMUser' },
      delegation: { kind: 'on_behalf_of', chain: ['servicecatalog.amazonaws.com'] },
    });
  });

  it('a failed root console sign-in is a failure by a person, without MFA', () => {
    expect(eventWithId(records, id(11))).toMatchObject({
      outcome: 'FAILURE',
      interactive: true,
      principal: {
        kind: 'person',
        sourceType: 'Root',
        displayName: 'root',
        externalId: 'arn:aws:iam::210987654321:root',
      },
      credential: { type: 'password', mfa: false },
    });
  });

  it('a federated user named after an email is that person, issued by the broker user', () => {
    expect(eventWithId(records, id(12))).toMatchObject({
      principal: { kind: 'person', email: 'erin.walsh@example.com', sourceType: 'FederatedUser' },
      credential: { type: 'session', id: 'ASIAEXAMPLEERIN00001' },
      delegation: { kind: 'on_behalf_of', chain: ['arn:aws:iam::210987654321:user/federation-broker'] },
    });
  });

  it('an IAM Identity Center user is a person named by their user id', () => {
    expect(eventWithId(records, id(13)).principal).toMatchObject({
      kind: 'person',
      externalId: '94482488-3041-7026-18f3-be45837cd0e4',
      sourceType: 'IdentityCenterUser',
    });
  });
});

describe('CloudTrail: one event per line', async () => {
  const records = await parseFixture('cloudtrail', 'cloudtrail/one-event-per-line.ndjson');

  it('reads each line as an event', () => {
    expect(records.map((record) => record.line)).toEqual([1, 2, 3, 4]);
    expect(rejectionsOf(records)).toEqual([]);
  });

  it('an EC2 instance role (ec2RoleDelivery, i-… session) is a machine even with an agent framework in its user agent', () => {
    const event = eventWithId(records, id(21));
    expect(event.principal).toMatchObject({ kind: 'machine', displayName: 'i-0a1b2c3d4e5f60789' });
    expect(event.client.userAgent).toContain('app/openai-agents');
    expect(event.client.ip).toBe('172.31.10.4');
  });

  it('a SAML user is a person; a GitHub Actions web identity is a machine federated by its provider', () => {
    expect(eventWithId(records, id(22)).principal).toMatchObject({ kind: 'person', email: 'frank.li@example.com' });
    expect(eventWithId(records, id(23))).toMatchObject({
      principal: { kind: 'machine', sourceType: 'WebIdentityUser', displayName: 'repo:acme/web:ref:refs/heads/main' },
      credential: { type: 'workload_identity' },
      delegation: { kind: 'workload_federation', chain: ['token.actions.githubusercontent.com'] },
    });
  });
});

describe('CloudTrail: the same file gzipped', () => {
  it('gives the same events as the plain file', async () => {
    const plain = await parseFixture('cloudtrail', 'cloudtrail/trail-file.json');
    const gzipped = await parseFixture('cloudtrail', 'cloudtrail/trail-file.json.gz');
    expect(gzipped).toEqual(plain);
    expect(readFileSync(fixturePath('cloudtrail/trail-file.json.gz')).subarray(0, 2)).toEqual(
      Buffer.from([0x1f, 0x8b]),
    );
  });
});

describe('CloudTrail: broken records', () => {
  it('rejects each bad record by its line and keeps the good ones', async () => {
    const records = await parseFixture('cloudtrail', 'cloudtrail/broken.ndjson');
    expect(eventsOf(records).map((event) => event.sourceEventId)).toEqual([id(31), id(35)]);
    expect(rejectionsOf(records)).toEqual([
      { line: 2, error: 'userIdentity must be an object, not a string.' },
      { line: 3, error: 'The record is not closed before line 4 starts another one, so it was skipped.' },
      { line: 4, error: 'The record has no time (eventTime).' },
      { line: 6, error: 'The event has no eventID.' },
      {
        line: 7,
        error: 'eventTime is not a time: expected an ISO 8601 date-time or epoch milliseconds, got a string.',
      },
    ]);
  });

  it('a digest file is refused as not an event', async () => {
    const digest = JSON.stringify({ digestStartTime: '2025-03-03T00:00:00Z', logFiles: [] });
    expect(await collect(parseRecords('cloudtrail', chunksOf(digest)))).toEqual([
      { line: 1, error: 'This is a CloudTrail digest file (hashes of log files), not an event.' },
    ]);
  });

  it('normalize throws an IngestRecordError for a record that is not an object', () => {
    expect(() => normalize([1])).toThrow(IngestRecordError);
    expect(() => normalize('x')).toThrow('A CloudTrail record must be a JSON object, not a string.');
  });
});
