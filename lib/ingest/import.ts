import 'server-only';
import type { Performer } from '../audit/append';
import { humanPrincipal, requireHuman, requirePermission, type Actor } from '../auth/actor';
import { recordKeyUse } from '../auth/api-keys';
import { refreshBorrowedCases, refreshBorrowedCasesSoon } from '../borrowed/refresh';
import { keyPrincipal } from '../use-case';
import { storeImport, type ImportSummary } from './store';
import type { IngestFormat } from './types';

export type { ImportSummary } from './store';

/**
 * Imports one file or request body of audit-log records: an ingest API key, or a person allowed to import
 * (`events.import`). The valid records commit together or not at all; borrowed-credential cases are refreshed
 * once they have: before a person's upload is answered, right after a collector's.
 */
export async function importEvents(
  actor: Actor,
  format: IngestFormat,
  chunks: AsyncIterable<Uint8Array>,
): Promise<ImportSummary> {
  if (actor.kind === 'key') {
    requirePermission(actor, 'events.ingest');
    const performer: Performer = { principal: keyPrincipal(actor), attribution: 'AGENT_AUTONOMOUS' };
    const summary = await storeImport(performer, format, chunks, { afterImport: (tx) => recordKeyUse(tx, actor) });
    // A collector is answered at once; on a large store a refresh takes longer than it should wait.
    if (summary.accepted > 0) refreshBorrowedCasesSoon();
    return summary;
  }
  const person = requireHuman(actor, 'events.import');
  return importThenRefresh({ principal: humanPrincipal(person), attribution: 'HUMAN' }, format, chunks);
}

/** An import run by an operator on the server itself (the CLI, the demo): Steward records it as a system job. */
export async function importEventsAsOperator(
  label: string,
  format: IngestFormat,
  chunks: AsyncIterable<Uint8Array>,
): Promise<ImportSummary> {
  return importThenRefresh({ principal: { type: 'SYSTEM', label }, attribution: 'AGENT_AUTONOMOUS' }, format, chunks);
}

async function importThenRefresh(
  performer: Performer,
  format: IngestFormat,
  chunks: AsyncIterable<Uint8Array>,
): Promise<ImportSummary> {
  const summary = await storeImport(performer, format, chunks);
  if (summary.accepted === 0) return summary;
  try {
    await refreshBorrowedCases();
  } catch (error) {
    // The events are committed: the answer says so, and the next import or refresh weighs them.
    console.error('Refreshing borrowed-credential cases after an import failed', error);
  }
  return summary;
}
