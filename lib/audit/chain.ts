import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Attribution, AuditOutcome, CredentialKind, PrincipalType } from '../db/generated/sqlite/enums';

/** Pure hash-chain rules: shared by append, verification and offline checks of evidence packs. */

export const GENESIS_HASH = '0'.repeat(64);

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
  prevHash: string;
  hash: string;
};

export type UnhashedEvent = Omit<ChainedEvent, 'prevHash' | 'hash'>;

/** The RFC 8785 canonical JSON of an event: every field but the two hashes, dates in ISO 8601 UTC. */
export function canonicalEvent(event: UnhashedEvent): string {
  const document = {
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    source: event.source,
    sourceEventId: event.sourceEventId,
    action: event.action,
    resource: event.resource,
    outcome: event.outcome,
    initiatorType: event.initiatorType,
    initiatorId: event.initiatorId,
    initiatorLabel: event.initiatorLabel,
    executorType: event.executorType,
    executorId: event.executorId,
    executorLabel: event.executorLabel,
    credentialId: event.credentialId,
    credentialKind: event.credentialKind,
    credentialSubjectType: event.credentialSubjectType,
    attribution: event.attribution,
    scopeId: event.scopeId,
    environment: event.environment,
    details: event.details,
  };
  return canonicalize(document) as string;
}

/** SHA-256(prevHash ‖ canonical JSON of the event), hex. */
export function chainHash(prevHash: string, event: UnhashedEvent): string {
  return createHash('sha256').update(prevHash).update(canonicalEvent(event)).digest('hex');
}

/** Canonical JSON text for an event's details, so the stored text is exactly what was hashed. */
export function canonicalDetails(details: Record<string, unknown> | undefined): string {
  return canonicalize(details ?? {}) as string;
}

export type ChainPosition = { seq: number; hash: string };

export type VerificationResult = { ok: boolean; checked: number; firstBrokenSeq?: number };

/**
 * Checks events in seq order, one at a time, so a chain of millions is verified in constant memory.
 * The first broken seq is the first position whose event is missing, altered, inserted or out of order.
 */
export class ChainVerifier {
  private expected: ChainPosition = { seq: 0, hash: GENESIS_HASH };
  private checked = 0;
  private brokenAt: number | undefined;

  get broken(): boolean {
    return this.brokenAt !== undefined;
  }

  push(event: ChainedEvent): boolean {
    if (this.broken) return false;
    const seq = this.expected.seq + 1;
    const intact =
      event.seq === seq && event.prevHash === this.expected.hash && chainHash(event.prevHash, event) === event.hash;
    if (!intact) {
      this.brokenAt = seq;
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
    }
    return this.broken
      ? { ok: false, checked: this.checked, firstBrokenSeq: this.brokenAt }
      : { ok: true, checked: this.checked };
  }
}

export function verifyEvents(events: Iterable<ChainedEvent>, head: ChainPosition): VerificationResult {
  const verifier = new ChainVerifier();
  for (const event of events) if (!verifier.push(event)) break;
  return verifier.finish(head);
}
