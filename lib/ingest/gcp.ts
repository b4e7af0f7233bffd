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
 * Google Cloud audit logs: one LogEntry whose `protoPayload` is an AuditLog (Cloud Logging exports, a sink to
 * Cloud Storage or Pub/Sub, or `gcloud logging read --format=json`).
 *
 * Who acted: `authenticationInfo.principalEmail` is a person, unless it is a service account
 * (`…gserviceaccount.com`) or a Kubernetes service account (`system:serviceaccount:…`). Without an email,
 * `principalSubject` names the principal: a workload identity pool subject (CI, other clouds) is a machine,
 * a workforce pool subject is a person. When a service account acts through impersonation,
 * `serviceAccountDelegationInfo` lists who impersonated it, first caller first: that is the delegation chain
 * (a person impersonating a service account is delegation, not the person's own credential).
 *
 * Google Cloud does not say whether a call was interactive, so `interactive` is always null.
 */

const SOURCE = 'gcp';
/** google.rpc.Code: PERMISSION_DENIED (7) and UNAUTHENTICATED (16) are refusals. */
const DENIED_CODES = new Set([7, 16]);

export function normalize(record: unknown): NormalizedEvent {
  const entry = recordFields(record, 'Google Cloud audit log');
  const payload = entry.object('protoPayload');
  if (!payload) throw new IngestRecordError('The log entry has no protoPayload: it is not an audit log entry.');
  const auth = payload.object('authenticationInfo');
  if (!auth)
    throw new IngestRecordError('The audit log entry has no protoPayload.authenticationInfo: who acted is unknown.');
  const delegators = delegatorsOf(auth);
  const principal = principalOf(auth);
  const request = payload.object('requestMetadata');
  return {
    source: SOURCE,
    sourceEventId: entry.requiredString('insertId', 'The log entry has no insertId.'),
    occurredAt: entry.time('timestamp'),
    action: payload.requiredString('methodName', 'The audit log entry has no protoPayload.methodName.'),
    resource: payload.string('resourceName'),
    outcome: outcomeOf(payload.object('status')?.number('code') ?? null),
    environment: entry.object('resource')?.object('labels')?.string('project_id') ?? projectOf(entry.string('logName')),
    principal,
    credential: credentialOf(auth, principal),
    client: {
      userAgent: request?.string('callerSuppliedUserAgent') ?? null,
      ip: ipOrNull(request?.string('callerIp') ?? null),
    },
    interactive: null,
    delegation: delegationOf(principal, auth, delegators),
  };
}

function principalOf(auth: Fields): NormalizedPrincipal {
  const email = auth.string('principalEmail');
  const subject = auth.string('principalSubject');
  if (email) return emailPrincipal(email);
  if (subject) return subjectPrincipal(subject);
  throw new IngestRecordError(
    'authenticationInfo has neither a principalEmail nor a principalSubject: who acted is unknown.',
  );
}

function emailPrincipal(email: string): NormalizedPrincipal {
  const serviceAccount = email.endsWith('.gserviceaccount.com');
  const kubernetes = email.startsWith('system:serviceaccount:');
  const machine = serviceAccount || kubernetes;
  return {
    kind: machine ? 'machine' : looksLikeEmail(email) ? 'person' : 'unknown',
    externalId: email,
    displayName: serviceAccount ? email.split('@')[0] : email,
    email: machine || !looksLikeEmail(email) ? null : email,
    sourceType: serviceAccount ? 'ServiceAccount' : kubernetes ? 'KubernetesServiceAccount' : 'User',
    declaredAgent: false,
  };
}

/** `principal://iam.googleapis.com/…/workloadIdentityPools/…` is a workload, `…/workforcePools/…` a person. */
function subjectPrincipal(subject: string): NormalizedPrincipal {
  const workload = subject.includes('/workloadIdentityPools/');
  const workforce = subject.includes('/workforcePools/');
  const plain = /^(user|serviceAccount):(.+)$/.exec(subject);
  if (plain) return emailPrincipal(plain[2]);
  const kind: PrincipalKind = workload ? 'machine' : workforce ? 'person' : 'unknown';
  const name = subject.split('/subject/')[1] ?? null;
  return {
    kind,
    externalId: subject,
    displayName: name,
    email: workforce && looksLikeEmail(name) ? name : null,
    sourceType: workload ? 'WorkloadIdentity' : workforce ? 'WorkforceIdentity' : null,
    declaredAgent: false,
  };
}

/** Each delegation step names a first-party principal (an email) or a third-party one (a federated subject). */
function delegatorsOf(auth: Fields): string[] {
  return auth.objects('serviceAccountDelegationInfo').flatMap((step) => {
    const firstParty = step.object('firstPartyPrincipal')?.string('principalEmail');
    const thirdParty = step.object('thirdPartyPrincipal')?.object('thirdPartyClaims')?.string('sub');
    const subject = step.string('principalSubject');
    const name = firstParty ?? subject ?? thirdParty;
    return name ? [name] : [];
  });
}

function delegationOf(principal: NormalizedPrincipal, auth: Fields, delegators: string[]): NormalizedDelegation | null {
  const subject = auth.string('principalSubject');
  const federated = principal.sourceType === 'WorkloadIdentity' || delegators.some(isWorkloadSubject);
  if (principal.sourceType === 'WorkloadIdentity') {
    return { kind: 'workload_federation', chain: [poolOf(principal.externalId)] };
  }
  if (federated) return { kind: 'workload_federation', chain: delegators };
  if (delegators.length > 0) return { kind: 'impersonation', chain: delegators };
  if (subject && isWorkloadSubject(subject) && subject !== principal.externalId) {
    return { kind: 'workload_federation', chain: [subject] };
  }
  return null;
}

function isWorkloadSubject(value: string): boolean {
  return value.includes('/workloadIdentityPools/');
}

function poolOf(subject: string): string {
  return subject.split('/subject/')[0].split('/attribute.')[0];
}

function credentialOf(auth: Fields, principal: NormalizedPrincipal): NormalizedCredential | null {
  const keyName = auth.string('serviceAccountKeyName');
  const clientId = auth.object('oauthInfo')?.string('oauthClientId') ?? null;
  const workload =
    principal.sourceType === 'WorkloadIdentity' || isWorkloadSubject(auth.string('principalSubject') ?? '');
  if (!keyName && !clientId && !workload) return null;
  return {
    type: keyName ? 'long_lived_access_key' : workload ? 'workload_identity' : 'oauth_token',
    id: keyName ?? (workload ? (auth.string('principalSubject') ?? principal.externalId) : null),
    hashedToken: null,
    sessionId: null,
    appId: clientId,
    appName: null,
    mfa: null,
  };
}

function outcomeOf(code: number | null): NormalizedEvent['outcome'] {
  if (code === null || code === 0) return 'SUCCESS';
  return DENIED_CODES.has(code) ? 'DENIED' : 'FAILURE';
}

function projectOf(logName: string | null): string | null {
  return logName?.match(/^projects\/([^/]+)\//)?.[1] ?? null;
}
