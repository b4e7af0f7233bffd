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
 * GitHub enterprise or organization audit log: one event from the REST API's array, an export, or a stream
 * (one per line), including `api.request` and `git.*` events.
 *
 * The actor is an agent when GitHub says so (`actor_is_agent`, with `agent_session_id` and `user`, the person
 * who started the session); a machine when it is a bot (`actor_is_bot`, a `[bot]` login) or acts with a
 * GitHub App's own server-to-server token; otherwise a user account, which GitHub keeps for people.
 *
 * Interactive: GitHub records token data only for actions taken outside its web UI, so an event with a token
 * is not interactive; without one GitHub does not say (it may be the web UI, or SSH).
 */

const SOURCE = 'github';

/** `programmatic_access_type` as GitHub writes it → what kind of credential it is. */
const ACCESS_TYPES: Record<string, CredentialType> = {
  'personal access token (classic)': 'personal_access_token',
  'fine-grained personal access token': 'personal_access_token',
  'oauth access token': 'oauth_token',
  'github app user-to-server token': 'oauth_token',
  'github app server-to-server token': 'app_token',
  'ssh key': 'long_lived_access_key',
  'deploy key': 'long_lived_access_key',
};
const APP_ON_BEHALF_OF_USER = 'github app user-to-server token';
const APP_ITSELF = 'github app server-to-server token';
const DEPLOY_KEY = 'deploy key';

export function normalize(record: unknown): NormalizedEvent {
  const event = recordFields(record, 'GitHub audit log');
  const accessType = event.string('programmatic_access_type')?.toLowerCase() ?? null;
  const principal = principalOf(event, accessType);
  const credential = credentialOf(event, accessType);
  return {
    source: SOURCE,
    sourceEventId: event.requiredString('_document_id', 'The event has no _document_id.'),
    occurredAt: event.has('@timestamp') ? event.time('@timestamp') : event.time('created_at'),
    action: event.requiredString('action', 'The event has no action.'),
    resource: resourceOf(event),
    outcome: outcomeOf(event.number('status_code')),
    environment: event.string('business') ?? event.string('org'),
    principal,
    credential,
    client: { userAgent: event.string('user_agent'), ip: ipOrNull(event.string('actor_ip')) },
    interactive: credential?.id || credential?.hashedToken ? false : null,
    delegation: delegationOf(event, principal, accessType),
  };
}

function principalOf(event: Fields, accessType: string | null): NormalizedPrincipal {
  if (accessType === DEPLOY_KEY) return deployKeyPrincipal(event);
  const login = event.string('actor');
  const externalId = login ?? event.id('actor_id', true);
  if (!externalId) throw new IngestRecordError('The event has no actor or actor_id: who acted is unknown.');
  const agent = event.boolean('actor_is_agent') === true;
  const bot = event.boolean('actor_is_bot') === true || Boolean(login?.endsWith('[bot]')) || accessType === APP_ITSELF;
  const kind: PrincipalKind = agent || bot ? 'machine' : 'person';
  const samlName = event.string('external_identity_nameid');
  return {
    kind,
    externalId,
    displayName: login,
    email: kind === 'person' && looksLikeEmail(samlName) ? samlName : null,
    sourceType: agent ? 'Agent' : bot ? 'Bot' : 'User',
    declaredAgent: agent,
  };
}

/** A deploy key belongs to its repository, not to the person who added it: the repository's machine acts. */
function deployKeyPrincipal(event: Fields): NormalizedPrincipal {
  const repo = event.string('repo') ?? event.string('repository');
  const keyId = event.id('token_id', true) ?? event.string('hashed_token');
  const owner = repo ?? event.string('actor') ?? event.string('org');
  if (!owner) throw new IngestRecordError('The deploy-key event names no repository, actor or organization.');
  return {
    kind: 'machine',
    externalId: `${owner}:deploy-key${keyId ? `:${keyId}` : ''}`,
    displayName: `Deploy key of ${owner}`,
    email: null,
    sourceType: 'DeployKey',
    declaredAgent: false,
  };
}

function resourceOf(event: Fields): string | null {
  const repo = event.string('repo') ?? event.string('repository');
  if (repo) return repo;
  const route = event.string('route');
  if (route) return [event.string('request_method'), route].filter(Boolean).join(' ');
  return event.string('org') ?? event.string('business');
}

/** Only `api.request` events carry a response status; other audit events record what was done. */
function outcomeOf(status: number | null): NormalizedEvent['outcome'] {
  if (status === null || status < 400) return 'SUCCESS';
  return status === 401 || status === 403 ? 'DENIED' : 'FAILURE';
}

function credentialOf(event: Fields, accessType: string | null): NormalizedCredential | null {
  const tokenId = event.id('token_id', true);
  const hashedToken = event.string('hashed_token');
  const appId = event.id('oauth_application_id', true) ?? event.id('integration_id', true);
  const sessionId = event.string('agent_session_id');
  if (!accessType && !tokenId && !hashedToken && !appId && !sessionId) return null;
  return {
    type: accessType ? (ACCESS_TYPES[accessType] ?? 'unknown') : 'unknown',
    id: tokenId,
    hashedToken,
    sessionId,
    appId,
    appName: event.string('oauth_application_name') ?? event.string('integration'),
    mfa: null,
  };
}

function delegationOf(
  event: Fields,
  principal: NormalizedPrincipal,
  accessType: string | null,
): NormalizedDelegation | null {
  const startedBy = event.string('user');
  if (principal.declaredAgent) {
    return { kind: 'agent_session', chain: startedBy && startedBy !== principal.externalId ? [startedBy] : [] };
  }
  if (accessType === APP_ON_BEHALF_OF_USER) return { kind: 'on_behalf_of', chain: [principal.externalId] };
  return null;
}
