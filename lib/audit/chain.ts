import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Attribution, AuditOutcome, CredentialKind, PrincipalType } from '../db/generated/sqlite/enums';

/** Pure hash-chain rules: shared by append, verification and offline checks of evidence packs. */

export const GENESIS_HASH = '0'.repeat(64);

/** The version of the hashed form that appends write. A new version adds a form below; old ones stay forever. */
export const CURRENT_HASH_VERSION = 1;

export type ChainedEvent = {
  seq: number;
  occurredAt: Date;
  recordedAt: Date;
  source: string;
  sourceEventId: string | null;
  action: string;
  resource: string | null;
  outcome: AuditOutcome;
  initiatorType: PrincipalType;
  initiatorId: string | null;
  initiatorLabel: string | null;
  executorType: PrincipalType;
  executorId: string | null;
  executorLabel: string | null;
  credentialId: string | null;
  credentialKind: CredentialKind | null;
  credentialSubjectType: PrincipalType | null;
  attribution: Attribution;
  scopeId: string | null;
  environment: string | null;
  details: string;
  hashVersion: number;
  prevHash: string;
  hash: string;
};

/** Every stored column of an audit event, in the order appends write them and verification reads them. */
export const CHAINED_EVENT_COLUMNS = [
  'seq',
  'occurredAt',
  'recordedAt',
  'source',
  'sourceEventId',
  'action',
  'resource',
  'outcome',
  'initiatorType',
  'initiatorId',
  'initiatorLabel',
  'executorType',
  'executorId',
  'executorLabel',
  'credentialId',
  'credentialKind',
  'credentialSubjectType',
  'attribution',
  'scopeId',
  'environment',
  'details',
  'hashVersion',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof ChainedEvent)[];

export type UnhashedEvent = Omit<ChainedEvent, 'prevHash' | 'hash'>;

/**
 * An event as it is hashed and as verification reads it from the database: dates are ISO 8601 UTC text
 * (`Date.prototype.toISOString`), enums are their names.
 */
export type StoredEvent = Omit<ChainedEvent, 'occurredAt' | 'recordedAt' | EnumField> & {
  occurredAt: string;
  recordedAt: string;
  outcome: string;
  initiatorType: string;
  executorType: string;
  credentialKind: string | null;
  credentialSubjectType: string | null;
  attribution: string;
};

type EnumField =
  'outcome' | 'initiatorType' | 'executorType' | 'credentialKind' | 'credentialSubjectType' | 'attribution';

type HashedFields = Omit<StoredEvent, 'prevHash' | 'hash'>;

const json = JSON.stringify;

/**
 * Version 1: the RFC 8785 canonical JSON of every field but the two hashes and the version itself. Written out
 * with its keys in RFC 8785 order, because this runs for every event of a verification; a unit test holds it
 * equal to `canonicalize` of the same document. JSON.stringify escapes strings and numbers as RFC 8785 does.
 */
function canonicalFormV1(event: HashedFields): string {
  return (
    `{"action":${json(event.action)},"attribution":${json(event.attribution)}` +
    `,"credentialId":${json(event.credentialId)},"credentialKind":${json(event.credentialKind)}` +
    `,"credentialSubjectType":${json(event.credentialSubjectType)},"details":${json(event.details)}` +
    `,"environment":${json(event.environment)},"executorId":${json(event.executorId)}` +
    `,"executorLabel":${json(event.executorLabel)},"executorType":${json(event.executorType)}` +
    `,"initiatorId":${json(event.initiatorId)},"initiatorLabel":${json(event.initiatorLabel)}` +
    `,"initiatorType":${json(event.initiatorType)},"occurredAt":${json(event.occurredAt)}` +
    `,"outcome":${json(event.outcome)},"recordedAt":${json(event.recordedAt)},"resource":${json(event.resource)}` +
    `,"scopeId":${json(event.scopeId)},"seq":${json(event.seq)},"source":${json(event.source)}` +
    `,"sourceEventId":${json(event.sourceEventId)}}`
  );
}

/**
 * Each version's canonical form. A later form must hash `hashVersion` itself, so that an event cannot be moved
 * from one form to another.
 */
const CANONICAL_FORMS: ReadonlyMap<number, (event: HashedFields) => string> = new Map([[1, canonicalFormV1]]);

export function isKnownHashVersion(version: number): boolean {
  return CANONICAL_FORMS.has(version);
}

function canonicalForm(event: HashedFields): string {
  const form = CANONICAL_FORMS.get(event.hashVersion);
  if (!form) throw new Error(`Unknown audit hash version ${event.hashVersion}`);
  return form(event);
}

function toHashedFields(event: UnhashedEvent): HashedFields {
  return { ...event, occurredAt: event.occurredAt.toISOString(), recordedAt: event.recordedAt.toISOString() };
}

export function toStoredEvent(event: ChainedEvent): StoredEvent {
  return { ...toHashedFields(event), prevHash: event.prevHash, hash: event.hash };
}

/** The canonical JSON of an event in the form its hashVersion names. */
export function canonicalEvent(event: UnhashedEvent): string {
  return canonicalForm(toHashedFields(event));
}

function hashStored(prevHash: string, event: HashedFields): string {
  return hash('sha256', prevHash + canonicalForm(event), 'hex');
}

/** SHA-256(prevHash ‖ canonical JSON of the event), hex. */
export function chainHash(prevHash: string, event: UnhashedEvent): string {
  return hashStored(prevHash, toHashedFields(event));
}

/** Keys that JavaScript objects keep in numeric order whatever the insertion order: sorting cannot place them. */
const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/** A copy with every object's keys inserted in RFC 8785 order, or null when that order cannot be kept. */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${value} is not allowed in JSON`);
    return value;
  }
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === 'function') return sortedCopy(toJson.call(value));
  if (Array.isArray(value)) return value.map(sortedCopy);
  const record = value as Record<string, unknown>;
  // No prototype, so that a key named __proto__ is a member like any other.
  const copy: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(record).sort()) {
    if (ARRAY_INDEX.test(key)) throw new UnorderableKeys();
    copy[key] = sortedCopy(record[key]);
  }
  return copy;
}

class UnorderableKeys extends Error {}

/**
 * Canonical JSON text (RFC 8785) for an event's details, so the stored text is exactly what was hashed: the same
 * text as `canonicalize`, produced by the engine's own JSON.stringify over a copy with sorted keys, because every
 * imported event pays for it.
 */
export function canonicalDetails(details: Record<string, unknown> | undefined): string {
  try {
    return JSON.stringify(sortedCopy(details ?? {}));
  } catch (error) {
    if (error instanceof UnorderableKeys) return canonicalize(details ?? {}) as string;
    throw error;
  }
}

export type ChainPosition = { seq: number; hash: string };

/** How verification compared the chain with the newest signed checkpoint. */
export type CheckpointCheck = {
  seq: number;
  signedAt: string;
  keyId: string;
  ok: boolean;
  /** What is wrong with the checkpoint, or with the chain measured against it, in words. */
  problem?: string;
};

export type VerificationResult = {
  ok: boolean;
  checked: number;
  firstBrokenSeq?: number;
  /** What is wrong at the first broken seq, in words. */
  problem?: string;
  /** Present when a signed checkpoint exists. */
  checkpoint?: CheckpointCheck;
};

/** Why an event that does not continue the chain breaks it (read only on the first break, off the hot path). */
function breakProblem(event: StoredEvent, expected: ChainPosition): string {
  const seq = expected.seq + 1;
  if (event.seq > seq) return `seq ${seq} is missing: the next stored event is seq ${event.seq}`;
  if (event.seq !== seq) return `seq ${event.seq} is stored again or out of order where seq ${seq} belongs`;
  if (event.prevHash !== expected.hash) return 'prevHash does not link to the previous event';
  if (!isKnownHashVersion(event.hashVersion)) {
    return `the event is hashed in a form (version ${event.hashVersion}) this version of Steward does not know`;
  }
  return "hash does not match the event's content";
}

/**
 * Checks events in seq order, one at a time, so a chain of millions is verified in constant memory.
 * The first broken seq is the first position whose event is missing, altered, inserted, out of order or hashed
 * in a form this version of Steward does not know.
 */
export class ChainVerifier {
  private expected: ChainPosition = { seq: 0, hash: GENESIS_HASH };
  private checked = 0;
  private brokenAt: number | undefined;
  private problem: string | undefined;

  get broken(): boolean {
    return this.brokenAt !== undefined;
  }

  push(event: ChainedEvent): boolean {
    return this.pushStored(toStoredEvent(event));
  }

  pushStored(event: StoredEvent): boolean {
    if (this.broken) return false;
    const seq = this.expected.seq + 1;
    const intact =
      event.seq === seq &&
      event.prevHash === this.expected.hash &&
      isKnownHashVersion(event.hashVersion) &&
      hashStored(event.prevHash, event) === event.hash;
    if (!intact) {
      this.brokenAt = seq;
      this.problem = breakProblem(event, this.expected);
      return false;
    }
    this.checked += 1;
    this.expected = { seq, hash: event.hash };
    return true;
  }

  /** `head` is where the chain says it ends: events missing from the end, or added past it, break it. */
  finish(head: ChainPosition): VerificationResult {
    if (!this.broken && (head.seq !== this.expected.seq || head.hash !== this.expected.hash)) {
      this.brokenAt = head.seq === this.expected.seq ? head.seq : Math.min(head.seq, this.expected.seq) + 1;
      this.problem =
        head.seq > this.expected.seq
          ? `seq ${this.brokenAt} is missing: the chain head says the chain ends at seq ${head.seq}`
          : head.seq < this.expected.seq
            ? `seq ${this.brokenAt} is newer than the chain head at seq ${head.seq}`
            : "the chain head's hash is not the last event's hash";
    }
    return this.broken
      ? { ok: false, checked: this.checked, firstBrokenSeq: this.brokenAt, problem: this.problem }
      : { ok: true, checked: this.checked };
  }
}

export function verifyEvents(events: Iterable<ChainedEvent>, head: ChainPosition): VerificationResult {
  const verifier = new ChainVerifier();
  for (const event of events) if (!verifier.push(event)) break;
  return verifier.finish(head);
}
