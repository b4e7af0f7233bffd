import 'server-only';
import { getDb, type Db, type Tx } from '../db';
import type { Attribution } from '../db/generated/sqlite/enums';
import { AUDIT_ACTIONS } from '../audit/actions';
import {
  detectBorrowedCredentials,
  type BorrowedCase as DetectedCase,
  type DetectionInventory,
  type InventoryCredential,
  type NormalizedEvent,
} from '../detect/borrowed';
import { normalizedFromStored, type StoredImportedEvent } from '../ingest/stored';
import { systemJob, type UseCaseContext } from '../use-case';
import type { Principal } from '../audit/append';
import { credentialByPrint } from '../detect/borrowed/identity';
import { loadDetectionInventory } from './inventory';
import { rewriteBorrowedEventMarks, type ImportedEventsRead } from './event-marks';
import type { EvidenceItem } from './list';

export type RefreshSummary = { cases: number; flagged: number; opened: number; reopened: number; updated: number };

const JOB = 'steward:borrowed-detection';
/** Rows per read: a million events take 500 queries, and each page stays small enough to be collected young. */
const PAGE_SIZE = 2_000;
/** Distinct `details` texts whose parsed parts are shared between events; past it each row is parsed alone. */
const SHARED_SHAPES = 50_000;
/** How often a refresh re-reads the events imported while it ran before it writes what it found anyway. */
const ATTEMPTS = 3;

/** The imported events read back from the chain, with the audit `seq` of each at the same position. */
type ImportedEvents = ImportedEventsRead & { lastSeq: number };

/**
 * Most imported events repeat the principal, credential and client of others: the same `details` text. Their
 * parsed parts are shared, so a million events hold a million small objects, not a million copies of each part.
 */
function eventReader() {
  const shapesByOutcome = new Map<string, Map<string, NormalizedEvent | null>>();
  let shapeCount = 0;
  const names = new Map<string, string>();
  /** Actions, sources and environments repeat a few hundred names across a million rows: one copy of each. */
  const shared = (text: string): string => {
    const known = names.get(text);
    if (known !== undefined) return known;
    if (names.size < SHARED_SHAPES) names.set(text, text);
    return text;
  };
  return (row: StoredImportedEvent): NormalizedEvent | null => {
    let shapes = shapesByOutcome.get(row.outcome);
    if (!shapes) shapesByOutcome.set(row.outcome, (shapes = new Map()));
    const shape = shapes.get(row.details);
    if (shape === null) return null;
    if (shape === undefined) {
      const event = normalizedFromStored(row);
      if (shapeCount < SHARED_SHAPES) {
        shapes.set(row.details, event);
        shapeCount += 1;
      }
      return event;
    }
    if (row.sourceEventId === null) return null;
    return {
      ...shape,
      source: shared(row.source),
      sourceEventId: row.sourceEventId,
      occurredAt: row.occurredAt,
      action: shared(row.action),
      resource: row.resource === null ? null : shared(row.resource),
      environment: row.environment === null ? null : shared(row.environment),
    };
  };
}

type StoredRow = StoredImportedEvent & { seq: number; attribution: Attribution };

/**
 * Reads the imported events after `into.lastSeq` in pages by seq, appending them to `into`. A raw query: it reads a
 * million rows several times faster than the query builder, and names only the columns detection reads.
 */
async function readImportedEvents(db: Db | Tx, into: ImportedEvents, read = eventReader()): Promise<void> {
  for (;;) {
    const rows = await db.$queryRaw<StoredRow[]>`
      SELECT "seq", "source", "sourceEventId", "occurredAt", "action", "resource", "outcome", "environment", "details",
        "attribution"
      FROM "audit_events"
      WHERE "seq" > ${into.lastSeq} AND "sourceEventId" IS NOT NULL
      ORDER BY "seq"
      LIMIT ${PAGE_SIZE}`;
    for (const row of rows) {
      if (!(row.occurredAt instanceof Date)) row.occurredAt = new Date(row.occurredAt);
      const event = read(row);
      if (!event) continue;
      into.events.push(event);
      into.seqs.push(Number(row.seq));
      into.attributions.push(row.attribution);
    }
    if (rows.length > 0) into.lastSeq = Number(rows[rows.length - 1].seq);
    if (rows.length < PAGE_SIZE) return;
  }
}

type CaseFacts = {
  confidence: 'HIGH' | 'MEDIUM' | 'LOW';
  flagged: boolean;
  score: number;
  suppressionId: string | null;
  humanId: string | null;
  humanLabel: string;
  humanEmail: string | null;
  humanExternalIds: string;
  credentialId: string | null;
  credentialKey: string;
  credentialKind: string;
  credentialExternalId: string;
  credentialFingerprint: string | null;
  agentNhiId: string | null;
  agents: string;
  sources: string;
  reasons: string;
  evidence: string;
  coverage: string;
  firstSeen: Date;
  lastSeen: Date;
  eventCount: number;
  interactiveEventCount: number;
  searchText: string;
};

type StoredAgent = { id?: string; label: string; family?: string; clientClass?: string; userAgent?: string };

function searchTextOf(found: DetectedCase, holderName: string | null): string {
  const parts = [
    found.human.label,
    found.human.email,
    ...found.human.externalIds,
    found.credential.externalId,
    found.credential.kind,
    found.credential.fingerprint,
    holderName,
    ...found.agents.flatMap((agent) => [agent.label, agent.userAgent]),
    ...found.sources,
  ];
  return [...new Set(parts.filter((part): part is string => Boolean(part)).map((part) => part.toLowerCase()))].join(
    ' ',
  );
}

type Lookups = {
  credentialByFingerprint: Map<string, InventoryCredential>;
  credentialById: Map<string, InventoryCredential>;
  nhiNames: Map<string, string>;
};

function factsOf(found: DetectedCase, seqs: number[], lookups: Lookups): CaseFacts {
  const credential =
    (found.credential.inventoryId ? lookups.credentialById.get(found.credential.inventoryId) : null) ??
    credentialByPrint(
      lookups.credentialByFingerprint,
      [found.credential.externalId, found.credential.fingerprint],
      found.sources,
    );
  const agentNhiId = credential?.holderNhiId ?? null;
  const holderName = agentNhiId ? (lookups.nhiNames.get(agentNhiId) ?? null) : null;
  const agents: StoredAgent[] = found.agents.map((agent) => ({
    label: agent.label,
    family: agent.family,
    clientClass: agent.clientClass,
    ...(agent.userAgent ? { userAgent: agent.userAgent } : {}),
  }));
  if (agentNhiId && holderName) agents.unshift({ id: agentNhiId, label: holderName });
  const evidence: EvidenceItem[] = found.evidence.map((event) => ({
    seq: seqs[event.index] ?? null,
    source: event.source,
    sourceEventId: event.sourceEventId,
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    role: event.role,
    userAgent: event.userAgent,
    ip: event.ip,
    note: event.note,
  }));
  return {
    confidence: found.confidence === 'high' ? 'HIGH' : found.confidence === 'medium' ? 'MEDIUM' : 'LOW',
    flagged: found.flagged,
    score: found.score,
    suppressionId: found.suppression?.ruleId ?? null,
    humanId: found.human.personId,
    humanLabel: found.human.label,
    humanEmail: found.human.email,
    humanExternalIds: JSON.stringify(found.human.externalIds),
    credentialId: credential?.id ?? null,
    credentialKey: found.credential.key,
    credentialKind: found.credential.kind,
    credentialExternalId: found.credential.externalId,
    credentialFingerprint: found.credential.fingerprint,
    agentNhiId,
    agents: JSON.stringify(agents),
    sources: JSON.stringify(found.sources),
    reasons: JSON.stringify(found.reasons.map(({ code, message }) => ({ code, message }))),
    evidence: JSON.stringify(evidence),
    coverage: JSON.stringify(found.coverage),
    firstSeen: found.firstSeen,
    lastSeen: found.lastSeen,
    eventCount: found.eventCount,
    interactiveEventCount: found.interactiveEventCount,
    searchText: searchTextOf(found, holderName),
  };
}

function changedFields(stored: CaseFacts, fresh: CaseFacts): (keyof CaseFacts)[] {
  return (Object.keys(fresh) as (keyof CaseFacts)[]).filter((field) => {
    const before = stored[field];
    const after = fresh[field];
    if (before instanceof Date && after instanceof Date) return before.getTime() !== after.getTime();
    return before !== after;
  });
}

function auditFacts(facts: CaseFacts) {
  return {
    confidence: facts.confidence.toLowerCase(),
    flagged: facts.flagged,
    human: facts.humanLabel,
    credential: facts.credentialExternalId,
    credentialKind: facts.credentialKind,
    eventCount: facts.eventCount,
    firstSeen: facts.firstSeen.toISOString(),
    lastSeen: facts.lastSeen.toISOString(),
  };
}

const STORED_FACTS = {
  id: true,
  status: true,
  credentialEndedAt: true,
  confidence: true,
  flagged: true,
  score: true,
  suppressionId: true,
  humanId: true,
  humanLabel: true,
  humanEmail: true,
  humanExternalIds: true,
  credentialId: true,
  credentialKey: true,
  credentialKind: true,
  credentialExternalId: true,
  credentialFingerprint: true,
  agentNhiId: true,
  agents: true,
  sources: true,
  reasons: true,
  evidence: true,
  coverage: true,
  firstSeen: true,
  lastSeen: true,
  eventCount: true,
  interactiveEventCount: true,
  searchText: true,
} as const;

class NewerEventsArrived extends Error {}

/**
 * A case detection no longer finds (the inventory now says the credential is an NHI's own, or the person's key
 * moved to a case of its own once the directory knew them) stops counting and marking events; its status stays.
 */
async function withdrawVanished(
  tx: Tx,
  stored: Map<string, { flagged: boolean; status: string }>,
  foundIds: Set<string>,
): Promise<number> {
  const vanished = [...stored]
    .filter(([id, row]) => row.flagged && row.status !== 'RESOLVED' && !foundIds.has(id))
    .map(([id]) => id);
  if (vanished.length === 0) return 0;
  const { count } = await tx.borrowedCase.updateMany({
    where: { id: { in: vanished } },
    data: { flagged: false },
  });
  return count;
}

/** Writes what detection found: new cases open, changed ones update, a resolved case used again reopens. */
async function storeCases(
  { tx, audit }: UseCaseContext<Principal>,
  found: DetectedCase[],
  imported: ImportedEvents,
  inventory: DetectionInventory,
  now: Date,
): Promise<RefreshSummary> {
  const lookups: Lookups = {
    credentialByFingerprint: new Map(inventory.credentials.map((credential) => [credential.fingerprint, credential])),
    credentialById: new Map(inventory.credentials.map((credential) => [credential.id, credential])),
    nhiNames: new Map(inventory.nhis.map((nhi) => [nhi.id, nhi.name])),
  };
  const stored = new Map(
    (await tx.borrowedCase.findMany({ select: STORED_FACTS })).map((row) => [row.id, row] as const),
  );
  const summary: RefreshSummary = { cases: found.length, flagged: 0, opened: 0, reopened: 0, updated: 0 };
  const created: (CaseFacts & { id: string })[] = [];
  for (const detected of found) {
    const facts = factsOf(detected, imported.seqs, lookups);
    if (facts.flagged) summary.flagged += 1;
    const existing = stored.get(detected.id);
    if (!existing) {
      created.push({ id: detected.id, ...facts });
      audit(AUDIT_ACTIONS.borrowedCaseOpened, `borrowed-case:${detected.id}`, auditFacts(facts));
      continue;
    }
    const usedAfterEnd =
      existing.status === 'RESOLVED' &&
      existing.credentialEndedAt !== null &&
      facts.lastSeen.getTime() > existing.credentialEndedAt.getTime();
    const changed = changedFields(existing, facts);
    if (changed.length === 0 && !usedAfterEnd) continue;
    const reopen = usedAfterEnd
      ? { status: 'OPEN' as const, statusChangedAt: now, resolvedAt: null, credentialEndedAt: null }
      : {};
    await tx.borrowedCase.update({ where: { id: detected.id }, data: { ...facts, ...reopen } });
    if (usedAfterEnd) {
      summary.reopened += 1;
      audit(AUDIT_ACTIONS.borrowedCaseReopened, `borrowed-case:${detected.id}`, {
        ...auditFacts(facts),
        reason: `Borrowed use seen at ${facts.lastSeen.toISOString()}, after the credential ended at ${existing.credentialEndedAt!.toISOString()}.`,
        from: 'RESOLVED',
        by: 'detection',
      });
    } else summary.updated += 1;
  }
  if (created.length > 0)
    await tx.borrowedCase.createMany({
      data: created.map((row) => ({ ...row, status: 'OPEN', detectedAt: now, statusChangedAt: now })),
    });
  summary.opened = created.length;
  summary.updated += await withdrawVanished(tx, stored, new Set(found.map((detected) => detected.id)));
  await rewriteBorrowedEventMarks(tx, imported, inventory);
  audit(AUDIT_ACTIONS.borrowedCasesRefreshed, null, { events: imported.events.length, ...summary });
  return summary;
}

/**
 * Runs borrowed-credential detection over every imported event in the chain and brings the stored cases up to
 * date, keeping each case's status and assignee across runs. Events are read outside the writing transaction;
 * the transaction then takes the chain's write lock and, if events were imported meanwhile, the run reads those
 * too and weighs again, so a slower run never overwrites a newer one's findings with older ones.
 */
export async function refreshBorrowedCases(options: { now?: Date } = {}): Promise<RefreshSummary> {
  const now = options.now ?? new Date();
  const db = await getDb();
  const inventory = await loadDetectionInventory(db, now);
  const imported: ImportedEvents = { events: [], seqs: [], attributions: [], lastSeq: 0 };
  const read = eventReader();
  for (let attempt = 1; ; attempt++) {
    await readImportedEvents(db, imported, read);
    const found = detectBorrowedCredentials(imported.events, inventory, { now });
    try {
      return await systemJob(JOB, async (context) => {
        // Holding the chain's write lock, no import can commit until this run has written its cases.
        await context.tx.auditChainHead.update({ where: { id: 1 }, data: { updatedAt: new Date() } });
        if (attempt < ATTEMPTS) {
          const newer = await context.tx.auditEvent.count({
            where: { seq: { gt: imported.lastSeq }, sourceEventId: { not: null } },
          });
          if (newer > 0) throw new NewerEventsArrived();
        }
        return storeCases(context, found, imported, inventory, now);
      });
    } catch (error) {
      if (!(error instanceof NewerEventsArrived)) throw error;
    }
  }
}

let refreshRun: Promise<void> | null = null;
let refreshAgain = false;

/**
 * Refreshes the cases after the caller has its answer: a collector's import is acknowledged at once, and imports
 * that arrive while a refresh runs are weighed by one more refresh after it, not by one each.
 */
export function refreshBorrowedCasesSoon(): void {
  if (refreshRun) {
    refreshAgain = true;
    return;
  }
  refreshRun = (async () => {
    do {
      refreshAgain = false;
      try {
        await refreshBorrowedCases();
      } catch (error) {
        console.error('Refreshing borrowed-credential cases after an import failed', error);
      }
    } while (refreshAgain);
    refreshRun = null;
  })();
}

/** Resolves once no refresh started by `refreshBorrowedCasesSoon` is running (for shutdown and tests). */
export async function borrowedRefreshSettled(): Promise<void> {
  while (refreshRun) await refreshRun;
}
