import { IngestRecordError } from './errors';
import { Fields, ipOrNull, looksLikeEmail, recordFields } from './fields';
import type {
  CredentialType,
  NormalizedCredential,
  NormalizedDelegation,
  NormalizedEvent,
  NormalizedPrincipal,
} from './types';

/**
 * Microsoft Entra sign-in logs as diagnostic settings export them (to a storage account, one record per
 * line, or to Event Hubs, `{"records":[…]}`): `{time, category, tenantId, properties:{…}}`. A Microsoft Graph
 * signIn object (the same fields without the `properties` envelope) is read too.
 *
 * Who signed in follows the category: SignInLogs and NonInteractiveUserSignInLogs are people (user
 * accounts), ServicePrincipalSignInLogs are applications, ManagedIdentitySignInLogs are managed identities.
 * An agent identity (`properties.agent` with an agentic `agentType`/`agentSubjectType`) is a declared agent:
 * its own principal, acting for the user the record names (on behalf of) or for no one (autonomous).
 * Interactive is Entra's own `isInteractive`.
 */

const SOURCE = 'entra';

type SignInKind = 'user' | 'servicePrincipal' | 'managedIdentity';

const CATEGORIES: Record<string, SignInKind> = {
  SignInLogs: 'user',
  NonInteractiveUserSignInLogs: 'user',
  ADFSSignInLogs: 'user',
  ServicePrincipalSignInLogs: 'servicePrincipal',
  MicrosoftServicePrincipalSignInLogs: 'servicePrincipal',
  ManagedIdentitySignInLogs: 'managedIdentity',
};
const EVENT_TYPES: Record<string, { kind: SignInKind; category: string }> = {
  interactiveuser: { kind: 'user', category: 'SignInLogs' },
  noninteractiveuser: { kind: 'user', category: 'NonInteractiveUserSignInLogs' },
  serviceprincipal: { kind: 'servicePrincipal', category: 'ServicePrincipalSignInLogs' },
  managedidentity: { kind: 'managedIdentity', category: 'ManagedIdentitySignInLogs' },
};
const CLIENT_CREDENTIALS: Record<string, CredentialType> = {
  clientsecret: 'client_secret',
  clientassertion: 'certificate',
  certificate: 'certificate',
  federatedidentitycredential: 'workload_identity',
  managedidentity: 'managed_identity',
};
/** Conditional Access blocks (53000–53004) and "not assigned to the application" (50105) are refusals, not failures. */
const DENIED_CODES = new Set([53000, 53001, 53002, 53003, 53004, 50105]);

type SignIn = { envelope: Fields; props: Fields; kind: SignInKind; category: string; agentType: string | null };

export function normalize(record: unknown): NormalizedEvent {
  const signIn = readSignIn(recordFields(record, 'Entra sign-in'));
  const { envelope, props } = signIn;
  const principal = principalOf(signIn);
  return {
    source: SOURCE,
    sourceEventId: props.requiredString('id', 'The sign-in has no id (properties.id).'),
    occurredAt: props.has('createdDateTime') ? props.time('createdDateTime') : envelope.time('time'),
    action: `signIn:${signIn.category}`,
    resource: props.string('resourceDisplayName') ?? props.string('resourceId'),
    outcome: outcomeOf(signIn),
    environment: envelope.string('tenantId') ?? props.string('homeTenantId') ?? props.string('resourceTenantId'),
    principal,
    credential: credentialOf(signIn),
    client: {
      userAgent: props.string('userAgent'),
      ip: ipOrNull(props.string('ipAddress') ?? envelope.string('callerIpAddress')),
      app: props.string('clientAppUsed'),
    },
    interactive: interactiveOf(signIn),
    delegation: delegationOf(signIn, principal),
  };
}

/**
 * Entra's own `isInteractive`, except for the resource owner password flow (`ropc`): there a program sends the
 * person's password itself, with no sign-in page a person could have used, whatever `isInteractive` says.
 */
function interactiveOf(signIn: SignIn): boolean {
  if (signIn.props.string('authenticationProtocol')?.toLowerCase() === 'ropc') return false;
  return signIn.props.boolean('isInteractive') ?? signIn.category === 'SignInLogs';
}

function readSignIn(envelope: Fields): SignIn {
  const props = envelope.object('properties') ?? (envelope.has('createdDateTime') ? envelope : null);
  if (!props) throw new IngestRecordError('The record has no properties: it is not a sign-in log record.');
  const { kind, category } = kindOf(envelope, props);
  const agent = props.objectOrJsonText('agent');
  const agentType = agent?.string('agentSubjectType') ?? agent?.string('agentType') ?? null;
  return { envelope, props, kind, category, agentType: agentType && agentType !== 'notAgentic' ? agentType : null };
}

function kindOf(envelope: Fields, props: Fields): { kind: SignInKind; category: string } {
  const category = envelope.string('category');
  if (category && CATEGORIES[category]) return { kind: CATEGORIES[category], category };
  if (category)
    throw new IngestRecordError(`The record's category is ${category}, not one of the sign-in log categories.`);
  const declared = props
    .strings('signInEventTypes')
    .map((type) => EVENT_TYPES[type.toLowerCase()])
    .find(Boolean);
  if (declared) return declared;
  if (props.has('userId') || props.has('userPrincipalName')) {
    return {
      kind: 'user',
      category: props.boolean('isInteractive') === false ? 'NonInteractiveUserSignInLogs' : 'SignInLogs',
    };
  }
  if (props.has('servicePrincipalId')) return { kind: 'servicePrincipal', category: 'ServicePrincipalSignInLogs' };
  throw new IngestRecordError('The record has no category and names neither a user nor a service principal.');
}

function principalOf(signIn: SignIn): NormalizedPrincipal {
  if (signIn.agentType) return agentPrincipal(signIn);
  const { props, kind } = signIn;
  if (kind === 'user') {
    const upn = props.string('userPrincipalName');
    const externalId = props.string('userId') ?? upn;
    if (!externalId)
      throw new IngestRecordError('The user sign-in names no user (properties.userId, userPrincipalName).');
    return {
      kind: 'person',
      externalId,
      displayName: props.string('userDisplayName') ?? upn,
      email: looksLikeEmail(upn) ? upn : null,
      sourceType: 'User',
      declaredAgent: false,
    };
  }
  const externalId = props.string('servicePrincipalId') ?? props.string('appId');
  if (!externalId)
    throw new IngestRecordError('The sign-in names no service principal (properties.servicePrincipalId, appId).');
  return {
    kind: 'machine',
    externalId,
    displayName: props.string('servicePrincipalName') ?? props.string('appDisplayName'),
    email: null,
    sourceType: kind === 'managedIdentity' ? 'ManagedIdentity' : 'ServicePrincipal',
    declaredAgent: false,
  };
}

/** An agent's own user account (agentIDuser) signs in as itself; an agent identity is its service principal. */
function agentPrincipal(signIn: SignIn): NormalizedPrincipal {
  const { props } = signIn;
  const ownAccount = signIn.agentType === 'agentIDuser';
  const externalId = ownAccount
    ? (props.string('userId') ?? props.string('userPrincipalName'))
    : (props.string('servicePrincipalId') ?? props.string('appId'));
  if (!externalId)
    throw new IngestRecordError('The agent sign-in names no agent identity (servicePrincipalId, appId or userId).');
  const upn = props.string('userPrincipalName');
  return {
    kind: 'machine',
    externalId,
    displayName: ownAccount
      ? (props.string('userDisplayName') ?? upn)
      : (props.string('servicePrincipalName') ?? props.string('appDisplayName')),
    email: ownAccount && looksLikeEmail(upn) ? upn : null,
    sourceType: ownAccount ? 'AgentUser' : 'AgentIdentity',
    declaredAgent: true,
  };
}

function errorCodeOf(signIn: SignIn): number | null {
  return signIn.props.object('status')?.number('errorCode') ?? signIn.envelope.number('resultType');
}

function outcomeOf(signIn: SignIn): NormalizedEvent['outcome'] {
  const code = errorCodeOf(signIn);
  if (code === null || code === 0) return 'SUCCESS';
  return DENIED_CODES.has(code) ? 'DENIED' : 'FAILURE';
}

function credentialOf(signIn: SignIn): NormalizedCredential {
  const { props, envelope } = signIn;
  const requirement = props.string('authenticationRequirement');
  const userMfa = requirement ? requirement === 'multiFactorAuthentication' && errorCodeOf(signIn) === 0 : null;
  return {
    type: credentialTypeOf(signIn),
    id: credentialIdOf(signIn),
    hashedToken: null,
    sessionId: props.string('sessionId') ?? props.string('correlationId') ?? envelope.string('correlationId'),
    appId: props.string('appId'),
    appName: props.string('appDisplayName'),
    mfa: signIn.kind === 'user' ? userMfa : null,
  };
}

function credentialTypeOf(signIn: SignIn): CredentialType {
  const { props, kind } = signIn;
  if (kind === 'managedIdentity') return 'managed_identity';
  const clientCredential = props.string('clientCredentialType')?.toLowerCase();
  if (clientCredential && CLIENT_CREDENTIALS[clientCredential]) return CLIENT_CREDENTIALS[clientCredential];
  if (kind === 'servicePrincipal') return 'unknown';
  if (props.boolean('isInteractive') === false || signIn.category === 'NonInteractiveUserSignInLogs')
    return 'oauth_token';
  const methods = props.objects('authenticationDetails').map((step) => step.string('authenticationMethod'));
  return methods.includes('Password') ? 'password' : 'unknown';
}

/** A service principal's key id or certificate thumbprint names its credential; otherwise the token's own id. */
function credentialIdOf(signIn: SignIn): string | null {
  const { props } = signIn;
  return (
    props.string('servicePrincipalCredentialKeyId') ??
    props.string('servicePrincipalCredentialThumbprint') ??
    props.string('federatedCredentialId') ??
    props.string('uniqueTokenIdentifier')
  );
}

function delegationOf(signIn: SignIn, principal: NormalizedPrincipal): NormalizedDelegation | null {
  const { props } = signIn;
  if (principal.declaredAgent && principal.sourceType === 'AgentIdentity') {
    const user = props.string('userPrincipalName') ?? props.string('userId');
    return user ? { kind: 'on_behalf_of', chain: [user] } : null;
  }
  const federated = props.string('federatedCredentialId');
  if (
    signIn.kind === 'servicePrincipal' &&
    (federated || props.string('clientCredentialType') === 'federatedIdentityCredential')
  ) {
    return { kind: 'workload_federation', chain: federated ? [federated] : [] };
  }
  return null;
}
