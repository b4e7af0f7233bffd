import { describe, expect, it } from 'vitest';
import { machineIdentityOf } from '../../lib/ingest/resolve';
import type { NormalizedEvent } from '../../lib/ingest/types';

function machineEvent(overrides: Partial<NormalizedEvent>): NormalizedEvent {
  return {
    source: 'aws',
    sourceEventId: 'event-1',
    occurredAt: new Date('2026-11-30T10:00:00Z'),
    action: 'bedrock:InvokeModel',
    resource: null,
    outcome: 'SUCCESS',
    environment: null,
    principal: {
      kind: 'machine',
      externalId: 'arn:aws:sts::210987654321:assumed-role/deploy/i-0abc12345def67890',
      displayName: 'i-0abc12345def67890',
      email: null,
      sourceType: 'AssumedRole',
      declaredAgent: false,
    },
    credential: null,
    client: { userAgent: 'aws-sdk-go-v2/1.30.0', ip: '10.0.0.5' },
    interactive: false,
    delegation: null,
    ...overrides,
  };
}

describe('the NHI a machine principal is', () => {
  it('an assumed-role session is its role, with the path the issuer names', () => {
    const event = machineEvent({
      delegation: { kind: 'assume_role', chain: ['arn:aws:iam::210987654321:role/ci/deploy'] },
    });
    expect(machineIdentityOf(event)).toMatchObject({
      externalId: 'arn:aws:iam::210987654321:role/ci/deploy',
      name: 'deploy',
      kind: 'SERVICE_ACCOUNT',
    });
    expect(machineIdentityOf(machineEvent({}))?.externalId).toBe('arn:aws:iam::210987654321:role/deploy');
  });

  it('a machine calling through an agent framework is discovered as an AI agent', () => {
    const event = machineEvent({ client: { userAgent: 'strands-agents/1.2.0 md/boto3#1.35.0', ip: null } });
    expect(machineIdentityOf(event)?.kind).toBe('AI_AGENT');
  });

  it("the provider's own services are nobody's NHI", () => {
    const event = machineEvent({
      principal: { ...machineEvent({}).principal, externalId: 'ec2.amazonaws.com', sourceType: 'AWSService' },
    });
    expect(machineIdentityOf(event)).toBeNull();
  });
});
