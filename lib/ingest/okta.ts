import { IngestRecordError } from './errors';
import { Fields, ipOrNull, looksLikeEmail, recordFields } from './fields';
import type {
  NormalizedCredential,
  NormalizedDelegation,
  NormalizedEvent,
  NormalizedPrincipal,
  PrincipalKind,
} from './types';

/**
 * Okta System Log: one LogEvent (from the System Log API's array, or one per line from a log stream).
 *
 * The actor is a person when Okta says `User`; `SystemPrincipal` (Okta itself), `PublicClientApp` and
 * `AppInstance` (OAuth clients and integrations) are machines. A call made with an API token is logged with
 * the token's creator as the actor and the token in `transaction.detail.requestApiTokenId`: the credential
 * is that API token and the delegation says the token acted as that user.
 *
 * Okta has no interactive flag. A session start, an MFA step or an SSO hand-off by a person whose browser
 * Okta recognised (`client.userAgent.browser` names one) is marked interactive; an API-token call, a machine
 * actor or a background job (`transaction.type` JOB) is not; everything else is left unsaid.
 */

const SOURCE = 'okta';
const MACHINE_ACTORS = new Set(['SystemPrincipal', 'PublicClientApp', 'AppInstance', 'Client']);
const INTERACTIVE_EVENTS = new Set([
  'user.session.start',
  'user.authentication.auth_via_mfa',
  'user.authentication.sso',
]);

export function normalize(record: unknown): NormalizedEvent {
  const event = recordFields(record, 'Okta System Log');
  const actor = event.object('actor');
  if (!actor) throw new IngestRecordError('The event has no actor: who acted is unknown.');
  return buildEvent(event, actor);
}

function buildEvent(event: Fields, actor: Fields): NormalizedEvent {
  const apiTokenId = event.object('transaction')?.object('detail')?.id('requestApiTokenId') ?? null;
  const client = event.object('client');
  const principal = principalOf(actor);
  const eventType = event.requiredString('eventType', 'The event has no eventType.');
  return {
    source: SOURCE,
    sourceEventId: event.requiredString('uuid', 'The event has no uuid.'),
    occurredAt: event.time('published'),
    action: eventType,
    resource: resourceOf(event),
    outcome: outcomeOf(event.object('outcome')?.string('result') ?? null),
    environment: null,
    principal,
    credential: credentialOf(event, actor, apiTokenId, eventType),
    client: {
      userAgent: client?.object('userAgent')?.string('rawUserAgent') ?? null,
      ip: ipOrNull(client?.string('ipAddress') ?? null),
    },
    interactive: interactiveOf(event, principal.kind, apiTokenId, eventType),
    delegation: apiTokenId ? apiTokenDelegation(principal) : null,
  };
}

function principalOf(actor: Fields): NormalizedPrincipal {
  const type = actor.string('type');
  const alternateId = actor.string('alternateId');
  const kind: PrincipalKind = type === 'User' ? 'person' : type && MACHINE_ACTORS.has(type) ? 'machine' : 'unknown';
  return {
    kind,
    externalId: actor.requiredString('id', 'The event has no actor.id: who acted is unknown.'),
    displayName: actor.string('displayName') ?? alternateId,
    email: looksLikeEmail(alternateId) ? alternateId : null,
    sourceType: type,
    declaredAgent: false,
  };
}

function resourceOf(event: Fields): string | null {
  for (const target of event.objects('target')) {
    const name = target.string('alternateId');
    const label = name && name !== 'unknown' ? name : (target.string('displayName') ?? target.string('id'));
    if (label) return label;
  }
  return null;
}

/** SUCCESS and ALLOW succeeded; DENY was refused by policy; FAILURE, CHALLENGE, UNKNOWN and the rest did not succeed. */
function outcomeOf(result: string | null): NormalizedEvent['outcome'] {
  switch (result?.toUpperCase()) {
    case undefined:
    case 'SUCCESS':
    case 'ALLOW':
    case 'SKIPPED':
      return 'SUCCESS';
    case 'DENY':
      return 'DENIED';
    default:
      return 'FAILURE';
  }
}

function credentialOf(
  event: Fields,
  actor: Fields,
  apiTokenId: string | null,
  eventType: string,
): NormalizedCredential | null {
  const context = event.object('authenticationContext');
  const sessionId = usableSessionId(context?.string('externalSessionId') ?? null);
  const clientId = event.object('client')?.string('id') ?? null;
  const mfa = eventType === 'user.authentication.auth_via_mfa' ? true : null;
  const common = { hashedToken: null, sessionId, mfa };
  if (apiTokenId) return { ...common, type: 'api_token', id: apiTokenId, appId: null, appName: null };
  if (actor.string('type') === 'PublicClientApp') {
    return {
      ...common,
      type: 'oauth_token',
      id: null,
      appId: actor.string('id'),
      appName: actor.string('displayName'),
    };
  }
  const credentialType = context?.string('credentialType')?.toUpperCase() ?? null;
  if (credentialType === 'OAUTH2' || clientId) {
    return { ...common, type: 'oauth_token', id: null, appId: clientId, appName: null };
  }
  if (credentialType === 'PASSWORD') return { ...common, type: 'password', id: null, appId: null, appName: null };
  if (sessionId) return { ...common, type: 'session_cookie', id: null, appId: null, appName: null };
  return null;
}

/** Okta writes "unknown" (or nothing) when the request had no session. */
function usableSessionId(value: string | null): string | null {
  return value && value.toLowerCase() !== 'unknown' ? value : null;
}

function interactiveOf(
  event: Fields,
  kind: PrincipalKind,
  apiTokenId: string | null,
  eventType: string,
): boolean | null {
  if (apiTokenId || kind === 'machine') return false;
  if (event.object('transaction')?.string('type') === 'JOB') return false;
  const browser = event.object('client')?.object('userAgent')?.string('browser')?.toUpperCase() ?? 'UNKNOWN';
  return kind === 'person' && INTERACTIVE_EVENTS.has(eventType) && browser !== 'UNKNOWN' ? true : null;
}

function apiTokenDelegation(principal: NormalizedPrincipal): NormalizedDelegation {
  return { kind: 'api_token_of_user', chain: [principal.email ?? principal.externalId] };
}
