import type { CredentialType, NormalizedEvent } from '../../ingest/types';

/** What the inventory knows, handed to detection: people, known NHIs, declared credentials and suppressions. */
export type DetectionInventory = {
  people: InventoryPerson[];
  nhis: InventoryNhi[];
  credentials: InventoryCredential[];
  suppressions: SuppressionRule[];
};

export type InventoryPerson = {
  id: string;
  email: string;
  name: string | null;
  /** Other names the logs use for this person: logins, UPNs, IAM user ARNs or names, Okta or Entra object ids. */
  externalIds: string[];
};

export type InventoryNhi = { id: string; system: string; externalId: string; name: string };

export type InventoryCredential = {
  id: string;
  /** What the logs show of it: an access key id, a token id, a hashed token. */
  fingerprint: string;
  kind: string;
  /** The person whose credential it is, when it is a person's. */
  subjectHumanId: string | null;
  /** The NHI whose own credential it is. */
  subjectNhiId: string | null;
  /** The NHI the inventory says holds (uses) it: a person's credential held by an NHI is declared borrowed. */
  holderNhiId: string | null;
};

/**
 * Turns matching cases off without dropping them. Each pattern is optional; all given ones must match. `*` matches
 * any run of characters; matching ignores case.
 */
export type SuppressionRule = {
  id: string;
  reason: string;
  expiresAt: Date;
  match: { credential?: string; human?: string; agent?: string; source?: string };
};

export type ClientClass = 'agent' | 'sdk' | 'cli' | 'human_app' | 'browser' | 'service' | 'unknown';

export type ClientRule = { pattern: RegExp; family: string; clientClass: ClientClass };

export type DetectionOptions = {
  /** Suppressions expire relative to this instant. */
  now: Date;
  /** Replaces the default user-agent rules (first match wins); see DEFAULT_CLIENT_RULES. */
  clientRules?: readonly ClientRule[];
  /** How many events of each kind a case keeps as evidence. */
  evidencePerKind?: number;
};

export type Confidence = 'high' | 'medium' | 'low';

export type ReasonCode =
  | 'DECLARED_IN_INVENTORY'
  | 'AGENT_CLIENT'
  | 'SDK_CLIENT'
  | 'NON_INTERACTIVE_APP'
  | 'MACHINE_RATE'
  | 'AROUND_THE_CLOCK'
  | 'REGULAR_CADENCE'
  | 'SUSTAINED_USE'
  | 'NEW_NETWORK'
  | 'SERVER_ENVIRONMENT'
  | 'BROWSER_AND_AUTOMATION_TOGETHER'
  | 'SESSION_REPLAYED'
  | 'KEY_USED_WHILE_MFA_SIGN_IN'
  | 'BRIEF_USE'
  | 'PERSON_TOOLS_ONLY';

export type Reason = { code: ReasonCode; message: string; weight: number };

export type EvidenceRole = 'automation' | 'interactive';

export type EvidenceEvent = {
  /** Position of the event in the input array. */
  index: number;
  source: string;
  sourceEventId: string;
  occurredAt: Date;
  action: string;
  role: EvidenceRole;
  userAgent: string | null;
  ip: string | null;
  /** Why this event was kept: first, last, or the signal it shows. */
  note: string;
};

export type CaseAgent = { label: string; family: string; clientClass: ClientClass; userAgent: string | null };

export type BorrowedCase = {
  /** Stable across runs: derived from the credential key. */
  id: string;
  confidence: Confidence;
  /** high or medium and not suppressed. */
  flagged: boolean;
  suppression: { ruleId: string; reason: string; expiresAt: Date } | null;
  score: number;
  reasons: Reason[];
  human: { personId: string | null; label: string; email: string | null; externalIds: string[] };
  credential: {
    key: string;
    kind: CredentialType;
    externalId: string;
    fingerprint: string | null;
    inventoryId: string | null;
  };
  agents: CaseAgent[];
  sources: string[];
  firstSeen: Date;
  lastSeen: Date;
  /** Events of the credential by automation (the case's subject). */
  eventCount: number;
  /** The person's own interactive events seen in the same data. */
  interactiveEventCount: number;
  evidence: EvidenceEvent[];
  /** Which events the case covers, for reading them as borrowed later. */
  coverage: BorrowedMark;
};

/** Marks events of one credential, from the given client families, within a time range, as borrowed. */
export type BorrowedMark = { caseId: string; credentialKey: string; from: Date; to: Date; clientFamilies: string[] };

export type { NormalizedEvent };
