import type { DashboardRole, NhiStatus } from '../db/generated/sqlite/enums';
import type { StewardAction } from './actions';

/**
 * What each action Steward records carries in its details: one type per action, so a use case cannot write a
 * detail that the audit views and evidence packs do not expect.
 */

type FieldChanges = Record<string, { from: unknown; to: unknown }>;

type StatusChange = {
  from: NhiStatus;
  to: NhiStatus;
  reason: string | null;
  revokedCredentialIds?: string[];
  revokedApiKeyIds?: string[];
};

type ApiKeyDetails = {
  name: string;
  kind: string;
  prefix: string;
  nhiId: string | null;
  expiresAt?: string | null;
  reason?: string;
};

type SignInDetails = Record<string, unknown>;

/** What a task scope asks for or was granted, as its events record it. */
type ScopeFacts = {
  nhiId: string;
  task: string;
  actions: string[];
  resources: string[];
  ttlSeconds: number;
  maxUses: number | null;
};

type ScopeEnd = { nhiId: string; tokenId: string | null; reason: string | null };

/** A bulk revocation's receipt: each token it revoked, and what the decision code answers for it afterwards. */
type RevocationReceipt = {
  target: { kind: string; id: string; label: string };
  reason: string;
  scopes: number;
  tokens: { tokenId: string; scopeId: string; decision: string; reason: string }[];
};

/** What a borrowed-credential case is about, for the events that open or reopen it. */
type BorrowedCaseFacts = {
  confidence: string;
  flagged: boolean;
  human: string;
  credential: string;
  credentialKind: string;
  eventCount: number;
  firstSeen: string;
  lastSeen: string;
};

export type AuditDetails = {
  'auth.sign_in': SignInDetails;
  'auth.sign_in_failed': SignInDetails;
  'auth.sign_in_throttled': SignInDetails;
  'auth.sign_in_denied': SignInDetails;
  'auth.sign_out': SignInDetails;
  'person.add': { email: string; name: string; role: DashboardRole };
  'person.role_change': { email: string; from: DashboardRole | null; to: DashboardRole };
  'person.access_disable': { email: string; role: DashboardRole | null };
  'person.access_enable': { email: string; role: DashboardRole | null };
  'person.offboard': {
    email: string;
    reason: string;
    revokedCredentials: number;
    borrowedCredentials: number;
    reassignedNhis: number;
    unsponsoredNhis: number;
    revokedApiKeys: number;
    successor: { id: string; email: string } | null;
    revokedCredentialIds: string[];
    borrowedCredentialIds: string[];
    reassignedNhiIds: string[];
    unsponsoredNhiIds: string[];
    revokedApiKeyIds: string[];
  };
  'nhi.create': { name: string; kind: string; system: string; sponsorId: string | null };
  'nhi.update': { changed: FieldChanges };
  'nhi.sponsor_assign': { from: string | null; to: string | null };
  'nhi.suspend': StatusChange;
  'nhi.reactivate': StatusChange;
  'nhi.decommission': StatusChange;
  'nhi.owners_change': { added: string[]; removed: string[] };
  'credential.create': {
    kind: string;
    name: string;
    subjectHumanId: string | null;
    subjectNhiId: string | null;
    holderNhiId: string | null;
  };
  'credential.update': { name: string; changed: FieldChanges };
  'credential.revoke': { reason: string | null; kind: string; subjectHumanId: string | null; via?: string };
  'finding.accept': { type: string; reason: string; acceptedUntil: string };
  'finding.reopen': { type: string };
  'finding.recompute': { opened: number; updated: number; resolved: number; nhis: number; page?: number };
  'inventory.import': {
    kind: string;
    fileName: string;
    rows: number;
    created: number;
    updated: number;
    unchanged: number;
    sha256: string;
  };
  'identity.upsert': { via: 'api' | 'csv'; outcome: 'created' | 'updated'; changed: FieldChanges; batch: string };
  'api_key.create': ApiKeyDetails;
  'api_key.revoke': ApiKeyDetails;
  'borrowed.case_open': BorrowedCaseFacts;
  'borrowed.case_reopen': BorrowedCaseFacts & { reason: string; from: string; by: 'person' | 'detection' };
  'borrowed.case_assign': { from: string | null; to: string; status: { from: string; to: string } };
  'borrowed.case_migrate': { status: { from: string; to: string }; assigneeId: string | null };
  'borrowed.case_resolve': {
    status: { from: string; to: string };
    credentialEndedAt: string;
    endedBy: 'revoked' | 'rotated' | 'expired' | 'stated';
    lastSeen: string;
  };
  'borrowed.refresh': {
    events: number;
    cases: number;
    flagged: number;
    opened: number;
    reopened: number;
    updated: number;
  };
  'borrowed.suppression_create': {
    reason: string;
    expiresAt: string;
    match: { credential?: string; human?: string; agent?: string; source?: string };
  };
  'borrowed.suppression_lift': { reason: string; expiresAt: string };
  'events.import': {
    format: string;
    accepted: number;
    duplicates: number;
    rejected: number;
    discovered: number;
    aliasesLearned: number;
  };
  'scope.request': ScopeFacts & { riskScore: number; stateChanging: boolean; needsSecurityApproval: boolean };
  'scope.approve': ScopeFacts & {
    stage: 'SPONSOR' | 'SECURITY';
    status: string;
    requested: { resources: string[]; ttlSeconds: number; maxUses: number | null };
    expiresAt: string | null;
  };
  'scope.deny': { nhiId: string; stage: 'SPONSOR' | 'SECURITY'; reason: string };
  'scope.token_issue': { nhiId: string; tokenId: string; prefix: string; expiresAt: string };
  'scope.complete': ScopeEnd & { uses: number };
  'scope.revoke': ScopeEnd & { via: 'scope' | 'identity' | 'bulk' };
  'scope.expire': { scopes: number; tokens: number; scopeIds: string[] };
  'runtime.authorize': {
    decision: 'allow' | 'deny';
    reason: string;
    requestedAction: string;
    via: 'authorize' | 'authzen';
    correlationId?: string;
    context?: Record<string, unknown>;
    clientAddress?: string;
    /** Unknown-token denials from one address in one minute are recorded once, with how many were counted before. */
    deniedEarlier?: number;
  };
  'revocation.bulk': RevocationReceipt;
  'settings.scope_policy_update': { changed: FieldChanges };
  'settings.webhook_update': { url: string | null; secretRotated: boolean };
  'settings.webhook_test': { url: string; deliveryId: string };
  /** The signed statement itself, so the chain carries every checkpoint and a reader can check it offline. */
  'audit.checkpoint': {
    seq: number;
    hash: string;
    signedAt: string;
    reason: 'schedule' | 'export' | 'manual';
    keyId: string;
    signature: string;
  };
  'evidence.export': { from: string; to: string; events: number; checkpointSeq: number; format: 'json' | 'csv' };
  'nhi.discover': {
    name: string;
    kind: string;
    system: string;
    externalId: string;
    firstSeenAt: string;
    lastSeenAt: string;
  };
};

type MissingDetails = Exclude<StewardAction, keyof AuditDetails>;
/** Fails to compile when an action in AUDIT_ACTIONS has no details type here. */
export const EVERY_ACTION_HAS_DETAILS: MissingDetails extends never ? true : never = true;
