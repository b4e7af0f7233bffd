/**
 * The one shape every imported audit-log record becomes, whatever its format: what happened, who (or what)
 * acted, with which credential, from which client, and on whose behalf. Parsers are pure: bytes in, these out.
 */

export const INGEST_FORMATS = ['native', 'cloudtrail', 'okta', 'github', 'entra', 'gcp'] as const;
export type IngestFormat = (typeof INGEST_FORMATS)[number];

/** What the log itself says the actor is: a person, a machine, or it cannot tell. */
export type PrincipalKind = 'person' | 'machine' | 'unknown';

export type NormalizedPrincipal = {
  kind: PrincipalKind;
  /** The source's stable identifier: an ARN, an Okta user id, a GitHub login, an Entra object id, a GCP email. */
  externalId: string;
  displayName: string | null;
  /** A person's email, UPN or login when the source gives one. */
  email: string | null;
  /** The source's own name for the kind of principal: IAMUser, AssumedRole, AWSService, User, SystemPrincipal, ServicePrincipal, ManagedIdentity, Bot, ServiceAccount … */
  sourceType: string | null;
  /** The source declares this principal an AI agent acting under its own identity (an Entra agent identity, a GitHub agent actor). */
  declaredAgent: boolean;
};

export type CredentialType =
  | 'long_lived_access_key'
  | 'session'
  | 'api_token'
  | 'personal_access_token'
  | 'oauth_token'
  | 'app_token'
  | 'password'
  | 'session_cookie'
  | 'workload_identity'
  | 'managed_identity'
  | 'certificate'
  | 'client_secret'
  | 'unknown';

export type NormalizedCredential = {
  type: CredentialType;
  /** An access key id, a token id: what the source calls the credential, never a secret. */
  id: string | null;
  /** A hash of the token when the source gives one (GitHub's hashed_token). */
  hashedToken: string | null;
  sessionId: string | null;
  /** The OAuth application or client behind the call. */
  appId: string | null;
  appName: string | null;
  /** Whether the person proved a second factor for this session, when the source says. */
  mfa: boolean | null;
};

export type DelegationKind =
  'assume_role' | 'impersonation' | 'workload_federation' | 'api_token_of_user' | 'on_behalf_of' | 'agent_session';

export type NormalizedDelegation = {
  kind: DelegationKind;
  /** Who the acting principal acts for or through, outermost first (e.g. the person who started an agent session, the role's source identity). */
  chain: string[];
};

export type NormalizedEvent = {
  /** The system that wrote the log: aws, okta, github, entra, gcp, or what a native record names. */
  source: string;
  /** Unique within the source: CloudTrail eventID, Okta uuid, GitHub _document_id, Entra id, GCP insertId. */
  sourceEventId: string;
  occurredAt: Date;
  action: string;
  resource: string | null;
  outcome: 'SUCCESS' | 'FAILURE' | 'DENIED';
  environment: string | null;
  principal: NormalizedPrincipal;
  credential: NormalizedCredential | null;
  /** `app`: the source's own name for the kind of client when it gives one (Entra clientAppUsed: Browser, Mobile Apps and Desktop clients, Exchange ActiveSync …). */
  client: { userAgent: string | null; ip: string | null; app?: string | null };
  /** A person at a keyboard (a console or browser sign-in, Entra isInteractive) or not; null when the source does not say. */
  interactive: boolean | null;
  delegation: NormalizedDelegation | null;
};

/** A record that could not become an event, with the reason a person reads. */
export type RejectedRecord = { line: number; error: string };

export type ParsedRecord = { line: number; event: NormalizedEvent } | RejectedRecord;
