import type { NormalizedEvent } from '../ingest/types';
import { type ClientInfo, clientClassifier } from './borrowed/clients';
import { credentialKeyOf, effectiveClient, placementOf } from './borrowed/collect';
import { indexInventory, type InventoryIndex, inventoryCredentialOf, resolveActor } from './borrowed/identity';
import type { BorrowedCase, BorrowedMark, ClientRule, DetectionInventory } from './borrowed/types';

export type Attribution = 'HUMAN' | 'AGENT_DELEGATED' | 'AGENT_AUTONOMOUS' | 'AGENT_BORROWED' | 'UNKNOWN';

export type AttributionContext = {
  index: InventoryIndex;
  classify: (userAgent: string | null) => ClientInfo;
  marksByCredential: Map<string, BorrowedMark[]>;
};

/** What attribution needs to know once, before an import: the inventory and the borrowed cases found so far. */
export function attributionContext(
  inventory: Pick<DetectionInventory, 'people' | 'nhis' | 'credentials'>,
  marks: readonly BorrowedMark[] = [],
  clientRules?: readonly ClientRule[],
): AttributionContext {
  const marksByCredential = new Map<string, BorrowedMark[]>();
  for (const mark of marks) {
    const list = marksByCredential.get(mark.credentialKey) ?? [];
    list.push(mark);
    marksByCredential.set(mark.credentialKey, list);
  }
  return {
    index: indexInventory({ ...inventory, suppressions: [] }),
    classify: clientClassifier(clientRules),
    marksByCredential,
  };
}

/** The events flagged cases cover; an informational or suppressed case marks nothing. */
export function borrowedMarks(cases: readonly BorrowedCase[]): BorrowedMark[] {
  return cases.filter((found) => found.flagged).map((found) => found.coverage);
}

function markCovering(
  event: NormalizedEvent,
  key: string,
  family: string,
  context: AttributionContext,
): BorrowedMark | null {
  const marks = context.marksByCredential.get(key);
  if (!marks) return null;
  const time = event.occurredAt.getTime();
  return (
    marks.find(
      (mark) => time >= mark.from.getTime() && time <= mark.to.getTime() && mark.clientFamilies.includes(family),
    ) ?? null
  );
}

function coveredByMark(event: NormalizedEvent, key: string, family: string, context: AttributionContext): boolean {
  return markCovering(event, key, family, context) !== null;
}

/**
 * Who executed one imported event. At import time only what the event shows is known: a person at a browser is
 * HUMAN, an agent framework on a person's credential is AGENT_BORROWED, an SDK on a person's credential stays
 * UNKNOWN until detection weighs the whole credential. Borrowed marks from later cases turn covered events into
 * AGENT_BORROWED when read, without touching the stored events.
 */
export function attributeEvent(event: NormalizedEvent, context: AttributionContext): Attribution {
  const actor = resolveActor(event, context.index);
  const client = effectiveClient(event, context.classify(event.client.userAgent));
  if (actor.kind === 'agent') return actor.delegated ? 'AGENT_DELEGATED' : 'AGENT_AUTONOMOUS';
  if (actor.kind === 'machine') {
    if (!actor.delegatedByPerson) return 'AGENT_AUTONOMOUS';
    return client.clientClass === 'sdk' || client.clientClass === 'agent' ? 'AGENT_DELEGATED' : 'HUMAN';
  }
  const placement = placementOf(event, client);
  if (placement === 'automation') {
    if (coveredByMark(event, credentialKeyOf(event, actor.logKey, client), client.family, context))
      return 'AGENT_BORROWED';
    const declared = inventoryCredentialOf(event, context.index);
    if (declared?.holderNhiId || client.clientClass === 'agent') return 'AGENT_BORROWED';
  }
  if (actor.needsConfirmation && placement !== 'interactive') return 'UNKNOWN';
  if (placement === 'interactive' || placement === 'ignored') return 'HUMAN';
  return client.clientClass === 'cli' ? 'HUMAN' : 'UNKNOWN';
}

/** The flagged case's mark that turns a stored event into AGENT_BORROWED when read, if one does. */
export function borrowedMarkOf(
  event: NormalizedEvent,
  stored: Attribution,
  context: AttributionContext,
): BorrowedMark | null {
  if (stored === 'AGENT_BORROWED' || context.marksByCredential.size === 0) return null;
  const actor = resolveActor(event, context.index);
  if (actor.kind !== 'person') return null;
  const client = effectiveClient(event, context.classify(event.client.userAgent));
  if (placementOf(event, client) !== 'automation') return null;
  return markCovering(event, credentialKeyOf(event, actor.logKey, client), client.family, context);
}

/** How a stored event reads once cases exist: borrowed if a case covers it, else what was stored at import. */
export function readAttribution(event: NormalizedEvent, stored: Attribution, context: AttributionContext): Attribution {
  return borrowedMarkOf(event, stored, context) ? 'AGENT_BORROWED' : stored;
}
