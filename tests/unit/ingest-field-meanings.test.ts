import { describe, expect, it } from 'vitest';
import * as cloudtrail from '../../lib/ingest/cloudtrail';
import * as entra from '../../lib/ingest/entra';
import * as github from '../../lib/ingest/github';

/** Fields whose meaning decides who acted, each read as the vendor defines it. */

function entraSignIn(properties: Record<string, unknown>) {
  return {
    time: '2026-03-03T08:02:11Z',
    category: 'SignInLogs',
    tenantId: 'tenant-1',
    properties: {
      id: 'sign-in-1',
      createdDateTime: '2026-03-03T08:02:11Z',
      userId: 'user-object-1',
      userPrincipalName: 'noor.haddad@example.com',
      appId: 'app-1',
      appDisplayName: 'inventory-sync',
      isInteractive: true,
      status: { errorCode: 0 },
      ...properties,
    },
  };
}

describe('Entra', () => {
  it('the password flow (ropc) is a program sending the password, not a person at a sign-in page', () => {
    const event = entra.normalize(entraSignIn({ authenticationProtocol: 'ropc' }));
    expect(event.interactive).toBe(false);
    expect(entra.normalize(entraSignIn({ authenticationProtocol: 'none' })).interactive).toBe(true);
  });

  it('an agent written as JSON text (a Log Analytics column) is read like the object', () => {
    const agent = { agentType: 'agentIdentity', parentAppId: 'blueprint-1' };
    const asText = entra.normalize(
      entraSignIn({ agent: JSON.stringify(agent), servicePrincipalId: 'agent-sp-1', userId: undefined }),
    );
    const asObject = entra.normalize(entraSignIn({ agent, servicePrincipalId: 'agent-sp-1', userId: undefined }));
    expect(asText.principal).toEqual(asObject.principal);
    expect(asText.principal.declaredAgent).toBe(true);
    expect(() => entra.normalize(entraSignIn({ agent: 'not json' }))).toThrow(/properties\.agent must be an object/);
  });
});

describe('GitHub', () => {
  it("a deploy key is its repository's machine credential, not the person who added it", () => {
    const event = github.normalize({
      _document_id: 'doc-1',
      '@timestamp': 1772524800000,
      action: 'git.clone',
      actor: 'jonas-weber',
      repo: 'acme/payments-api',
      programmatic_access_type: 'Deploy key',
      token_id: 991,
    });
    expect(event.principal).toMatchObject({
      kind: 'machine',
      externalId: 'acme/payments-api:deploy-key:991',
      sourceType: 'DeployKey',
    });
  });
});

describe('CloudTrail', () => {
  it("a CI job's web-identity session named after the committer's email is the machine, not the person", () => {
    const event = cloudtrail.normalize({
      eventVersion: '1.09',
      eventID: 'ct-1',
      eventTime: '2026-03-03T08:02:11Z',
      eventSource: 's3.amazonaws.com',
      eventName: 'PutObject',
      awsRegion: 'eu-west-1',
      sourceIPAddress: '20.1.2.3',
      userAgent: 'aws-cli/2.15.0',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLE:jonas.weber@example.com',
        arn: 'arn:aws:sts::210987654321:assumed-role/gha-deploy/jonas.weber@example.com',
        accountId: '210987654321',
        accessKeyId: 'ASIAEXAMPLECI000001',
        sessionContext: {
          sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::210987654321:role/gha-deploy', userName: 'gha-deploy' },
          webIdFederationData: {
            federatedProvider: 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com',
          },
          attributes: { creationDate: '2026-03-03T08:00:00Z', mfaAuthenticated: 'false' },
        },
      },
    });
    expect(event.principal.kind).toBe('machine');
    expect(event.credential?.type).toBe('workload_identity');
  });
});
