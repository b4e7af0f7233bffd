import type { AuditEventView, AuditPrincipalView } from './explorer';
import { plainWords } from './plain-words';

/**
 * Steward's audit events as OCSF 1.8.0 events, for SIEMs that read OCSF natively. Pure. The mapping, and why each
 * class was chosen, is in docs/ocsf-mapping.md: sign-ins are Authentication (3002), a task token's issue is
 * Authorize Session (3003), grants and their end are User Access Management (3005), runtime decisions are Web
 * Resource Access Activity (6004), and everything else is API Activity (6003). Both who asked (the initiator) and
 * what acted (the executor) are kept: in `actor`, and verbatim in `unmapped.steward`.
 */

export const OCSF_VERSION = '1.8.0';

export const OCSF_CLASSES = {
  authentication: { uid: 3002, name: 'Authentication', category: 3, categoryName: 'Identity & Access Management' },
  authorizeSession: {
    uid: 3003,
    name: 'Authorize Session',
    category: 3,
    categoryName: 'Identity & Access Management',
  },
  userAccess: {
    uid: 3005,
    name: 'User Access Management',
    category: 3,
    categoryName: 'Identity & Access Management',
  },
  apiActivity: { uid: 6003, name: 'API Activity', category: 6, categoryName: 'Application Activity' },
  webResourceAccess: {
    uid: 6004,
    name: 'Web Resource Access Activity',
    category: 6,
    categoryName: 'Application Activity',
  },
} as const;

type OcsfClass = (typeof OCSF_CLASSES)[keyof typeof OCSF_CLASSES];

/** What a task scope granted, for the grant events whose details do not repeat it. */
export type OcsfScopeFacts = { task: string; actions: string[]; resources: string[]; nhiId: string; nhiName: string };

export type OcsfContext = { scopes?: Map<string, OcsfScopeFacts> };

export type OcsfEvent = Record<string, unknown> & {
  class_uid: number;
  category_uid: number;
  activity_id: number;
  type_uid: number;
  time: number;
  severity_id: number;
  status_id: number;
  metadata: Record<string, unknown>;
};

type Json = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Leaves out the keys whose value is undefined, so an emitted event carries only what is known. */
function defined(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

const AUTHENTICATION_LOGON = new Set([
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_in_throttled',
  'auth.sign_in_denied',
  'ConsoleLogin',
  'Sign-in activity',
  'user.session.start',
  'user.authentication.sso',
  'user.authentication.auth_via_mfa',
]);
const AUTHENTICATION_LOGOFF = new Set(['auth.sign_out', 'user.session.end']);
const GRANT_ASSIGN = new Set(['scope.approve', 'scope.deny']);
const GRANT_REVOKE = new Set(['scope.revoke', 'scope.complete']);

/** The OCSF class and activity an event belongs to. */
export function ocsfClassOf(event: Pick<AuditEventView, 'action'>): { cls: OcsfClass; activityId: number } {
  const { action } = event;
  if (AUTHENTICATION_LOGON.has(action)) return { cls: OCSF_CLASSES.authentication, activityId: 1 };
  if (AUTHENTICATION_LOGOFF.has(action)) return { cls: OCSF_CLASSES.authentication, activityId: 2 };
  if (action === 'scope.token_issue') return { cls: OCSF_CLASSES.authorizeSession, activityId: 1 };
  if (GRANT_ASSIGN.has(action)) return { cls: OCSF_CLASSES.userAccess, activityId: 1 };
  if (GRANT_REVOKE.has(action)) return { cls: OCSF_CLASSES.userAccess, activityId: 2 };
  if (action === 'runtime.authorize') return { cls: OCSF_CLASSES.webResourceAccess, activityId: 0 };
  return { cls: OCSF_CLASSES.apiActivity, activityId: apiActivityId(action) };
}

const VERBS: [RegExp, number][] = [
  [/(^|[._:/\s-])(delete|remove|revoke|decommission|destroy|offboard|expire)/i, 4],
  [/(^|[._:/\s-])(create|add|import|request|issue|insert|upload|put|post|generate|discover|open|push|consent)/i, 1],
  [
    /(^|[._:/\s-])(update|change|assign|set|edit|patch|modify|suspend|reactivate|enable|disable|resolve|reopen|accept|migrate|merge|unlock|rotate|reset)/i,
    3,
  ],
  [/(^|[._:/\s-])(get|read|list|describe|verify|export|fetch|clone|download|query|filter|view|evaluate|decrypt)/i, 2],
];

/** API Activity's Create, Read, Update or Delete, from the verb in the action's name; Other when there is none. */
export function apiActivityId(action: string): number {
  const spaced = action.replace(/([a-z])([A-Z])/g, '$1 $2');
  for (const [pattern, id] of VERBS) if (pattern.test(spaced)) return id;
  return 99;
}

function severityId(event: AuditEventView): number {
  if (event.attribution === 'AGENT_BORROWED') return 3;
  return event.outcome === 'SUCCESS' ? 1 : 2;
}

function displayName(principal: AuditPrincipalView): string | undefined {
  return text(principal.name) ?? text(principal.label) ?? text(principal.id);
}

const USER_TYPE = {
  HUMAN: { id: 1, name: 'User' },
  NHI: { id: 4, name: 'Service' },
  UNKNOWN: { id: 0, name: 'Unknown' },
} as const;

/** A person, a non-human identity (a Service account) or an unidentified principal as an OCSF user. */
function ocsfUser(principal: AuditPrincipalView, credentialUid?: string): Json | undefined {
  if (principal.type === 'SYSTEM') return undefined;
  const uid = text(principal.id) ?? text(principal.label);
  const name = text(principal.label) ?? uid;
  if (!uid && !name) return undefined;
  return defined({
    uid,
    name,
    full_name: principal.type === 'HUMAN' ? text(principal.name) : undefined,
    display_name: principal.type === 'NHI' ? text(principal.name) : undefined,
    email_addr: text(principal.email),
    type_id: USER_TYPE[principal.type].id,
    type: USER_TYPE[principal.type].name,
    credential_uid: credentialUid,
  });
}

function samePrincipal(a: AuditPrincipalView, b: AuditPrincipalView): boolean {
  return a.type === b.type && (a.id ?? a.label) === (b.id ?? b.label);
}

/**
 * Who asked and what acted: the initiator is `actor.user` when it is a person or an identity, `invoked_by` when
 * it is a system trigger; an executor that differs from it is the client application (`app_uid`, `app_name`). An
 * agent acting on its own, with nobody asking, is both the user and the application. With nobody known at all
 * there is no actor, unless the class requires one.
 */
function ocsfActor(event: AuditEventView, required: boolean): Json | undefined {
  const { initiator, executor } = event;
  const credentialUid = event.credential?.id ?? undefined;
  const initiatorUser = ocsfUser(
    initiator,
    event.credential?.subjectType === initiator.type && samePrincipal(initiator, executor) ? credentialUid : undefined,
  );
  const borrowedFrom = event.credential?.subjectType === 'HUMAN' && initiator.type === 'HUMAN';
  const user = initiatorUser && borrowedFrom ? { ...initiatorUser, credential_uid: credentialUid } : initiatorUser;
  const executorDiffers = !samePrincipal(initiator, executor);
  const app =
    executorDiffers && executor.type !== 'UNKNOWN'
      ? { app_uid: text(executor.id), app_name: displayName(executor) }
      : {};
  const fallbackUser = !user ? ocsfUser(executor, credentialUid) : undefined;
  const invokedBy = initiator.type === 'SYSTEM' ? (displayName(initiator) ?? 'Steward') : undefined;
  const authorizations =
    event.action === 'runtime.authorize'
      ? [
          defined({
            decision: text(event.details.decision),
            policy: event.scopeId ? defined({ uid: event.scopeId, type: 'Task scope' }) : undefined,
          }),
        ]
      : undefined;
  const identity = defined({ user: user ?? fallbackUser, invoked_by: invokedBy, ...app });
  if (Object.keys(identity).length === 0) return required ? { invoked_by: 'unknown' } : undefined;
  return defined({ ...identity, authorizations });
}

function sourceEndpoint(event: AuditEventView): Json {
  const ip = text(event.details.clientAddress) ?? text(event.details.ip);
  return defined({ ip, name: ip ? undefined : (displayName(event.executor) ?? event.source) });
}

function resourceDetails(event: AuditEventView): Json[] | undefined {
  if (!event.resource) return undefined;
  const system = event.resource.includes(':') ? event.resource.slice(0, event.resource.indexOf(':')) : undefined;
  return [defined({ uid: event.resource, name: event.resource, type: system })];
}

/** Steward's own record of the event, for the fields no OCSF attribute holds. */
function unmapped(event: AuditEventView): Json {
  return {
    steward: {
      seq: event.seq,
      action: event.action,
      source: event.source,
      sourceEventId: event.sourceEventId,
      attribution: event.attribution,
      storedAttribution: event.storedAttribution,
      borrowedCaseId: event.borrowedCaseId,
      initiator: { type: event.initiator.type, id: event.initiator.id, label: event.initiator.label },
      executor: { type: event.executor.type, id: event.executor.id, label: event.executor.label },
      credential: event.credential
        ? { id: event.credential.id, kind: event.credential.kind, subjectType: event.credential.subjectType }
        : null,
      scopeId: event.scopeId,
      environment: event.environment,
      chain: event.chain,
      details: event.details,
    },
  };
}

function grantFacts(event: AuditEventView, context: OcsfContext) {
  const scope = event.scopeId ? context.scopes?.get(event.scopeId) : undefined;
  const detailActions = stringList(event.details.actions);
  const detailResources = stringList(event.details.resources);
  return {
    nhiId: text(event.details.nhiId) ?? scope?.nhiId ?? text(event.executor.id),
    nhiName: scope?.nhiName,
    actions: detailActions.length > 0 ? detailActions : (scope?.actions ?? []),
    resources: detailResources.length > 0 ? detailResources : (scope?.resources ?? []),
    task: text(event.details.task) ?? scope?.task,
  };
}

function agentUser(nhiId: string | undefined, nhiName: string | undefined, event: AuditEventView): Json {
  const executorIsAgent = event.executor.type === 'NHI' && event.executor.id === nhiId;
  const name = nhiName ?? (executorIsAgent ? displayName(event.executor) : undefined);
  return defined({ uid: nhiId ?? 'unknown', name, type_id: 4, type: 'Service' });
}

function classAttributes(event: AuditEventView, cls: OcsfClass, context: OcsfContext): Json {
  switch (cls.uid) {
    case 3002: {
      const user = ocsfUser(event.initiator) ??
        ocsfUser(event.executor) ?? {
          name: text(event.details.email) ?? displayName(event.initiator) ?? 'unknown',
        };
      return defined({
        user,
        src_endpoint: sourceEndpoint(event),
        is_mfa: typeof event.details.mfa === 'boolean' ? event.details.mfa : undefined,
        service: { name: event.source === 'steward' ? 'Steward' : event.source },
      });
    }
    case 3003: {
      const facts = grantFacts(event, context);
      return defined({
        user: agentUser(facts.nhiId, facts.nhiName, event),
        session: defined({
          uid: text(event.details.tokenId),
          credential_uid: event.credential?.id ?? text(event.details.tokenId),
          expiration_time: text(event.details.expiresAt) ? Date.parse(event.details.expiresAt as string) : undefined,
          issuer: 'Steward',
        }),
        privileges: facts.actions.length > 0 ? facts.actions : undefined,
      });
    }
    case 3005: {
      const facts = grantFacts(event, context);
      return defined({
        user: agentUser(facts.nhiId, facts.nhiName, event),
        privileges: facts.actions,
        resources:
          facts.resources.length > 0
            ? facts.resources.map((pattern) => ({ uid: pattern, name: pattern, type: 'Resource pattern' }))
            : undefined,
      });
    }
    case 6004: {
      const via = event.details.via === 'authzen' ? '/access/v1/evaluation' : '/api/v1/authorize';
      return defined({
        http_request: defined({
          http_method: 'POST',
          url: { path: via },
          user_agent: text(event.details.userAgent),
        }),
        web_resources: [
          defined({
            uid: event.resource ?? 'unknown',
            name: event.resource ?? undefined,
            data: defined({ action: text(event.details.requestedAction) }),
          }),
        ],
        src_endpoint: sourceEndpoint(event),
      });
    }
    default:
      return defined({
        api: defined({
          operation: event.action,
          service: { name: event.source === 'steward' ? 'Steward' : event.source },
        }),
        src_endpoint: sourceEndpoint(event),
        resources: resourceDetails(event),
        http_request: text(event.details.userAgent) ? { user_agent: event.details.userAgent } : undefined,
      });
  }
}

function statusDetail(event: AuditEventView): string | undefined {
  const reason = text(event.details.reason);
  if (event.outcome === 'DENIED') return reason ? `Denied: ${reason}` : 'Denied';
  return event.outcome === 'FAILURE' ? (reason ?? 'Failed') : undefined;
}

export function toOcsf(event: AuditEventView, context: OcsfContext = {}): OcsfEvent {
  const { cls, activityId: classActivity } = ocsfClassOf(event);
  const activityId =
    cls.uid === 6004 ? (event.details.decision === 'allow' && event.outcome === 'SUCCESS' ? 1 : 2) : classActivity;
  const statusId = event.outcome === 'SUCCESS' ? 1 : 2;
  return {
    class_uid: cls.uid,
    class_name: cls.name,
    category_uid: cls.category,
    category_name: cls.categoryName,
    activity_id: activityId,
    type_uid: cls.uid * 100 + activityId,
    time: Date.parse(event.occurredAt),
    severity_id: severityId(event),
    status_id: statusId,
    status: statusId === 1 ? 'Success' : 'Failure',
    ...defined({ status_detail: statusDetail(event) }),
    message: plainWords(event),
    metadata: defined({
      version: OCSF_VERSION,
      product: { name: 'Steward', vendor_name: 'Steward' },
      uid: String(event.seq),
      // Web Resource Access Activity carries an actor through the host profile only.
      profiles: cls.uid === 6004 ? ['host'] : undefined,
      correlation_uid: event.correlationId ?? undefined,
      original_event_uid: event.sourceEventId ?? undefined,
      event_code: event.action,
      log_name: 'Steward audit trail',
      log_provider: event.source === 'steward' ? 'Steward' : event.source,
      logged_time: Date.parse(event.recordedAt),
    }),
    ...defined({ actor: ocsfActor(event, cls.uid === 6003) }),
    ...classAttributes(event, cls, context),
    unmapped: unmapped(event),
  };
}
