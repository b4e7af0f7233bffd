import 'server-only';
import { appendAuditEvents, stewardEvent, type AuditEventInput, type Performer } from '../audit/append';
import { AUDIT_ACTIONS } from '../audit/actions';
import { loadBorrowedMarks, loadDetectionInventory } from '../borrowed/inventory';
import { transaction, type Tx } from '../db';
import type { CredentialKind } from '../db/generated/sqlite/enums';
import { attributeEvent, attributionContext, type AttributionContext } from '../detect/attribution';
import { inventoryCredentialOf } from '../detect/borrowed/identity';
import { chunksOf, recomputeInChunks } from '../identities/upsert';
import { parseRecords } from './parse';
import { PrincipalResolver } from './resolve';
import { importedDetails } from './stored';
import type { IngestFormat, NormalizedEvent, RejectedRecord } from './types';

export type ImportSummary = { accepted: number; duplicates: number; rejected: RejectedRecord[] };

export type StoreOptions = {
  /** How long the one transaction may run: a large file takes minutes. */
  timeoutMs?: number;
  /** More work in the same transaction once the events are in (e.g. noting an API key's use). */
  afterImport?: (tx: Tx) => Promise<void>;
};

/** Events appended per step: memory holds one batch, however large the input. */
const BATCH_SIZE = 4_000;
const DEFAULT_TIMEOUT_MS = 30 * 60_000;
function eventKey(event: NormalizedEvent): string {
  return `${event.source}\u0000${event.sourceEventId}`;
}

/** The stored credential column: set when the event's credential is one the inventory declares. */
function credentialColumn(event: NormalizedEvent, context: AttributionContext): AuditEventInput['credential'] {
  const declared = context.index.credentialByFingerprint.size > 0 ? inventoryCredentialOf(event, context.index) : null;
  if (!declared) return null;
  return {
    id: declared.id,
    kind: declared.kind as CredentialKind,
    subjectType: declared.subjectHumanId ? 'HUMAN' : declared.subjectNhiId ? 'NHI' : 'UNKNOWN',
  };
}

class ImportRun {
  readonly summary: ImportSummary = { accepted: 0, duplicates: 0, rejected: [] };
  private readonly resolver: PrincipalResolver;

  constructor(
    private readonly tx: Tx,
    private readonly format: IngestFormat,
    private readonly context: AttributionContext,
  ) {
    this.resolver = new PrincipalResolver(tx);
  }

  get discovered() {
    return this.resolver.discovered;
  }

  /** The events of a batch that are neither repeated in this input nor already in the chain. */
  private async fresh(batch: NormalizedEvent[]): Promise<NormalizedEvent[]> {
    // Repeats of earlier batches are in the chain by now: this transaction reads its own appends.
    const seen = new Set<string>();
    const unseen: NormalizedEvent[] = [];
    for (const event of batch) {
      const key = eventKey(event);
      if (seen.has(key)) this.summary.duplicates += 1;
      else {
        seen.add(key);
        unseen.push(event);
      }
    }
    const bySource = new Map<string, string[]>();
    for (const event of unseen) {
      const ids = bySource.get(event.source);
      if (ids) ids.push(event.sourceEventId);
      else bySource.set(event.source, [event.sourceEventId]);
    }
    const stored = new Set<string>();
    for (const [source, ids] of bySource) {
      for (const chunk of chunksOf(ids)) {
        const rows = await this.tx.auditEvent.findMany({
          where: { source, sourceEventId: { in: chunk } },
          select: { sourceEventId: true },
        });
        for (const row of rows) stored.add(`${source}\u0000${row.sourceEventId}`);
      }
    }
    if (stored.size === 0) return unseen;
    this.summary.duplicates += stored.size;
    return unseen.filter((event) => !stored.has(eventKey(event)));
  }

  async append(batch: NormalizedEvent[]): Promise<void> {
    const events = await this.fresh(batch);
    if (events.length === 0) return;
    await this.resolver.prepare(events);
    const inputs = events.map((event): AuditEventInput => {
      const { initiator, executor } = this.resolver.principalsOf(event);
      return {
        action: event.action,
        attribution: attributeEvent(event, this.context),
        initiator,
        executor,
        outcome: event.outcome,
        resource: event.resource,
        occurredAt: event.occurredAt,
        source: event.source,
        sourceEventId: event.sourceEventId,
        credential: credentialColumn(event, this.context),
        environment: event.environment,
        details: importedDetails(this.format, event),
      };
    });
    await appendAuditEvents(this.tx, inputs);
    this.summary.accepted += events.length;
  }

  /** The NHIs' sightings, the discoveries and the import itself, recorded once the events are in. */
  async finish(performer: Performer): Promise<void> {
    await this.resolver.recordSightings();
    const discoveredIds = this.discovered.map((nhi) => nhi.id);
    await recomputeInChunks(this.tx, { nhiIds: discoveredIds, createdNhiIds: discoveredIds });
    await appendAuditEvents(this.tx, [
      ...this.discovered.map((nhi) =>
        stewardEvent(performer, AUDIT_ACTIONS.nhiDiscovered, `nhi:${nhi.id}`, {
          name: nhi.name,
          kind: nhi.kind,
          system: nhi.system,
          externalId: nhi.externalId,
          firstSeenAt: nhi.firstSeenAt.toISOString(),
          lastSeenAt: nhi.lastSeenAt.toISOString(),
        }),
      ),
      stewardEvent(performer, AUDIT_ACTIONS.eventsImported, null, {
        format: this.format,
        accepted: this.summary.accepted,
        duplicates: this.summary.duplicates,
        rejected: this.summary.rejected.length,
        discovered: this.discovered.length,
        aliasesLearned: this.resolver.aliasesLearned,
      }),
    ]);
  }
}

/**
 * Reads one input and appends every valid record to the audit chain in ONE transaction: all of them or, when
 * anything fails, none. Records already in the chain (by source and source event id) or repeated in the input
 * are counted as duplicates; records that cannot be read are listed by line. An import that accepts nothing
 * writes nothing. Detection is not run here: callers refresh the cases once the import has committed.
 */
export async function storeImport(
  performer: Performer,
  format: IngestFormat,
  chunks: AsyncIterable<Uint8Array>,
  options: StoreOptions = {},
): Promise<ImportSummary> {
  return transaction(
    async (tx) => {
      const now = new Date();
      const context = attributionContext(await loadDetectionInventory(tx, now), await loadBorrowedMarks(tx));
      const run = new ImportRun(tx, format, context);
      let batch: NormalizedEvent[] = [];
      for await (const record of parseRecords(format, chunks)) {
        if ('error' in record) {
          run.summary.rejected.push(record);
          continue;
        }
        batch.push(record.event);
        if (batch.length >= BATCH_SIZE) {
          await run.append(batch);
          batch = [];
        }
      }
      await run.append(batch);
      if (run.summary.accepted > 0) {
        await run.finish(performer);
        await options.afterImport?.(tx);
      }
      return run.summary;
    },
    { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS },
  );
}
