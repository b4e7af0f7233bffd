import { IngestRecordError } from './errors';
import { Fields, ipOrNull, looksLikeEmail, recordFields } from './fields';
import type {
  CredentialType,
  NormalizedCredential,
  NormalizedDelegation,
  NormalizedEvent,
  NormalizedPrincipal,
  PrincipalKind,
} from './types';

/**
 * AWS CloudTrail: one event of a log file's `Records` array, or one event per line.
 *
 * Who acted, decided from what the record shows, never from guesses about names:
 * - `IAMUser` and `Root` are accounts that people and programs both hold keys for, so they are `unknown`
 *   unless this record shows a person: a console sign-in (`ConsoleLogin`), a console session
 *   (`sessionCredentialFromConsole`) or a session created with MFA. Detection learns the rest from behaviour.
 * - `AWSService`, a session assumed by a service (`invokedBy`), an EC2 instance role (`ec2RoleDelivery` or an
 *   `i-…` session name), a role on an AWS service path, and CI or Kubernetes web identities are machines.
 * - An assumed role whose session carries a `sourceIdentity` (set by the person or their identity provider)
 *   or whose session name is an email (IAM Identity Center, SAML) is that person; `SAMLUser` and
 *   `IdentityCenterUser` are people. A role session `onBehalfOf` a workforce user is the role acting for them.
 * - Everything else is `unknown`.
 */

const SOURCE = 'aws';
const DENIED_ERRORS = /AccessDenied|UnauthorizedOperation|UnauthorizedAccess|Forbidden|NotAuthorized/i;
const MACHINE_WEB_IDENTITY_PROVIDERS = [
  'token.actions.githubusercontent.com',
  'gitlab.com',
  'app.terraform.io',
  'oidc.circleci.com',
  'oidc.eks.',
  'oidc.buildkite.com',
];

type Identity = {
  fields: Fields;
  type: string;
  arn: string | null;
  accessKeyId: string | null;
  session: Fields | null;
  sourceIdentity: string | null;
  mfa: boolean | null;
};

export function normalize(record: unknown): NormalizedEvent {
  const event = recordFields(record, 'CloudTrail');
  rejectNonEvents(event);
  const identity = readIdentity(event);
  const eventName = event.requiredString('eventName', 'The event has no eventName.');
  const consoleSignIn = eventName === 'ConsoleLogin';
  const fromConsole = consoleSignIn || event.boolean('sessionCredentialFromConsole') === true;
  return {
    source: SOURCE,
    sourceEventId: event.requiredString('eventID', 'The event has no eventID.'),
    occurredAt: event.time('eventTime'),
    action: `${serviceOf(event.string('eventSource'))}:${eventName}`,
    resource: resourceOf(event),
    outcome: outcomeOf(event, consoleSignIn),
    environment: event.string('recipientAccountId') ?? identity.fields.string('accountId'),
    principal: principalOf(identity, fromConsole),
    credential: credentialOf(event, identity, consoleSignIn),
    client: { userAgent: event.string('userAgent'), ip: ipOrNull(event.string('sourceIPAddress')) },
    interactive: fromConsole ? true : null,
    delegation: delegationOf(identity),
  };
}

function rejectNonEvents(event: Fields): void {
  if (event.has('digestStartTime') || event.has('logFiles')) {
    throw new IngestRecordError('This is a CloudTrail digest file (hashes of log files), not an event.');
  }
  if (event.has('Records') || event.has('records')) {
    throw new IngestRecordError('The Records array must be the top level of the file, not nested in another value.');
  }
}

function readIdentity(event: Fields): Identity {
  const fields = event.object('userIdentity');
  if (!fields) throw new IngestRecordError('The event has no userIdentity: who acted is unknown.');
  const session = fields.object('sessionContext');
  return {
    fields,
    type: fields.string('type') ?? 'Unknown',
    arn: fields.string('arn'),
    accessKeyId: fields.string('accessKeyId') ?? fields.string('credentialId'),
    session,
    sourceIdentity: session?.string('sourceIdentity') ?? null,
    mfa: session?.object('attributes')?.boolean('mfaAuthenticated') ?? null,
  };
}

function serviceOf(eventSource: string | null): string {
  return eventSource ? eventSource.replace(/\.amazonaws\.com$/, '') : 'aws';
}

function resourceOf(event: Fields): string | null {
  for (const resource of event.objects('resources')) {
    const arn = resource.string('ARN') ?? resource.string('arn');
    if (arn) return arn;
  }
  return null;
}

function outcomeOf(event: Fields, consoleSignIn: boolean): NormalizedEvent['outcome'] {
  const errorCode = event.string('errorCode');
  if (errorCode) return DENIED_ERRORS.test(errorCode) ? 'DENIED' : 'FAILURE';
  if (consoleSignIn && event.object('responseElements')?.string('ConsoleLogin') === 'Failure') return 'FAILURE';
  return 'SUCCESS';
}

function principalOf(identity: Identity, fromConsole: boolean): NormalizedPrincipal {
  const { fields, type } = identity;
  const base = { sourceType: type, declaredAgent: false };
  switch (type) {
    case 'AWSService': {
      const service = fields.string('invokedBy') ?? 'AWS service';
      return { ...base, kind: 'machine', externalId: service, displayName: service, email: null };
    }
    case 'AssumedRole':
      return assumedRolePrincipal(identity, fromConsole);
    case 'IdentityCenterUser': {
      const userId = fields.object('onBehalfOf')?.string('userId') ?? requiredId(identity);
      return { ...base, kind: 'person', externalId: userId, displayName: fields.string('userName'), email: null };
    }
    case 'SAMLUser':
    case 'WebIdentityUser':
      return federatedPrincipal(identity);
    default:
      return accountPrincipal(identity, fromConsole);
  }
}

function requiredId(identity: Identity): string {
  const id = identity.arn ?? identity.fields.string('principalId');
  if (!id) throw new IngestRecordError(`userIdentity of type ${identity.type} has neither an arn nor a principalId.`);
  return id;
}

/** IAMUser, Root, FederatedUser, AWSAccount, Unknown: a person only when this record shows one. */
function accountPrincipal(identity: Identity, fromConsole: boolean): NormalizedPrincipal {
  const userName = identity.fields.string('userName');
  const federatedEmail = identity.type === 'FederatedUser' ? federatedUserName(identity.arn) : null;
  const kind: PrincipalKind =
    fromConsole || identity.mfa === true || looksLikeEmail(federatedEmail) ? 'person' : 'unknown';
  const externalId =
    identity.arn ?? identity.fields.string('principalId') ?? identity.fields.string('accountId') ?? userName;
  if (!externalId)
    throw new IngestRecordError(
      `userIdentity of type ${identity.type} names no one (no arn, principalId or userName).`,
    );
  return {
    kind,
    externalId,
    displayName: userName ?? federatedEmail ?? (identity.type === 'Root' ? 'root' : null),
    email: looksLikeEmail(userName) ? userName : looksLikeEmail(federatedEmail) ? federatedEmail : null,
    sourceType: identity.type,
    declaredAgent: false,
  };
}

function federatedUserName(arn: string | null): string | null {
  return arn?.split(':federated-user/')[1] ?? null;
}

function assumedRolePrincipal(identity: Identity, fromConsole: boolean): NormalizedPrincipal {
  const externalId = requiredId(identity);
  const sessionName =
    identity.arn?.split('/').at(-1) ?? identity.fields.string('principalId')?.split(':').at(-1) ?? null;
  const personName = [identity.sourceIdentity, sessionName].find(looksLikeEmail) ?? null;
  return {
    kind: assumedRoleKind(identity, sessionName, personName, fromConsole),
    externalId,
    displayName: identity.sourceIdentity ?? sessionName,
    email: personName,
    sourceType: identity.type,
    declaredAgent: false,
  };
}

function assumedRoleKind(
  identity: Identity,
  sessionName: string | null,
  personName: string | null,
  fromConsole: boolean,
): PrincipalKind {
  const issuerArn = identity.session?.object('sessionIssuer')?.string('arn') ?? '';
  const webIdentity = identity.session?.object('webIdFederationData')?.string('federatedProvider') ?? null;
  // What issued the session outranks its name: a CI job's OIDC session may be named after the committer.
  if (identity.session?.has('ec2RoleDelivery')) return 'machine';
  if (sessionName && /^i-[0-9a-f]{8,17}$/.test(sessionName)) return 'machine';
  if (/:role\/(aws-service-role|service-role)\//.test(issuerArn)) return 'machine';
  if (webIdentity && isMachineProvider(webIdentity)) return 'machine';
  if (identity.sourceIdentity || personName) return 'person';
  if (identity.fields.string('invokedBy')) return 'machine';
  if (fromConsole || identity.mfa === true) return 'person';
  return 'unknown';
}

function isMachineProvider(provider: string): boolean {
  return MACHINE_WEB_IDENTITY_PROVIDERS.some((known) => provider.includes(known));
}

/** SAMLUser (a person through the company's identity provider) and WebIdentityUser (an OIDC subject). */
function federatedPrincipal(identity: Identity): NormalizedPrincipal {
  const userName = identity.fields.string('userName');
  const provider = identity.fields.string('identityProvider') ?? '';
  const externalId = identity.fields.string('principalId') ?? userName;
  if (!externalId) throw new IngestRecordError(`userIdentity of type ${identity.type} has no principalId or userName.`);
  const person = identity.type === 'SAMLUser' || looksLikeEmail(userName);
  const kind: PrincipalKind = person ? 'person' : isMachineProvider(provider) ? 'machine' : 'unknown';
  return {
    kind,
    externalId,
    displayName: userName,
    email: looksLikeEmail(userName) ? userName : null,
    sourceType: identity.type,
    declaredAgent: false,
  };
}

function credentialOf(event: Fields, identity: Identity, consoleSignIn: boolean): NormalizedCredential | null {
  const signInMfa = event.object('additionalEventData')?.string('MFAUsed');
  const mfa = signInMfa ? signInMfa.toLowerCase() === 'yes' : identity.mfa;
  const webIdentity = identity.session?.has('webIdFederationData') || identity.type === 'WebIdentityUser';
  const type: CredentialType =
    consoleSignIn && identity.type !== 'AssumedRole'
      ? 'password'
      : webIdentity
        ? 'workload_identity'
        : keyType(identity.accessKeyId);
  if (type === 'unknown' && !identity.accessKeyId && mfa === null) return null;
  return {
    type,
    id: identity.accessKeyId,
    hashedToken: null,
    sessionId: identity.type === 'AssumedRole' ? identity.arn : null,
    appId: null,
    appName: null,
    mfa,
  };
}

/** AKIA… is an IAM user's or root's long-lived key; ASIA… is a temporary session from STS. */
function keyType(accessKeyId: string | null): CredentialType {
  if (accessKeyId?.startsWith('AKIA')) return 'long_lived_access_key';
  if (accessKeyId?.startsWith('ASIA')) return 'session';
  return 'unknown';
}

function delegationOf(identity: Identity): NormalizedDelegation | null {
  const invokedBy = identity.fields.string('invokedBy');
  if (invokedBy && identity.type !== 'AWSService') return { kind: 'on_behalf_of', chain: [invokedBy] };
  const onBehalfOf = identity.fields.object('onBehalfOf');
  const workforceUser = onBehalfOf?.string('subject') ?? onBehalfOf?.string('userId') ?? null;
  if (workforceUser && identity.type === 'AssumedRole') return { kind: 'on_behalf_of', chain: [workforceUser] };
  const issuer = identity.session?.object('sessionIssuer');
  const issuerArn = issuer?.string('arn') ?? null;
  const webIdentity = identity.session?.object('webIdFederationData')?.string('federatedProvider') ?? null;
  if (webIdentity) return { kind: 'workload_federation', chain: compact([webIdentity, issuerArn]) };
  if (identity.type === 'WebIdentityUser') {
    return { kind: 'workload_federation', chain: compact([identity.fields.string('identityProvider')]) };
  }
  if (identity.type === 'AssumedRole')
    return { kind: 'assume_role', chain: compact([identity.sourceIdentity, issuerArn]) };
  if (identity.type === 'FederatedUser' && issuerArn) return { kind: 'on_behalf_of', chain: [issuerArn] };
  return null;
}

function compact(values: (string | null)[]): string[] {
  return values.filter((value): value is string => value !== null);
}
