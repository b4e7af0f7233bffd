import 'server-only';
import type { Tx } from '../db';
import type { Attribution } from '../db/generated/sqlite/enums';
import { utcDay } from '../audit/rollups';
import { attributionContext, borrowedMarkOf } from '../detect/attribution';
import type { DetectionInventory, NormalizedEvent } from '../detect/borrowed';
import { loadBorrowedMarks } from './inventory';

/** Imported events as detection read them: `seqs[i]` and `attributions[i]` are the stored seq and attribution of `events[i]`. */
export type ImportedEventsRead = { events: NormalizedEvent[]; seqs: number[]; attributions: Attribution[] };

type Mark = { seq: number; caseId: string; storedAttribution: Attribution; day: string };

const ROWS_PER_WRITE = 5_000;

function marksOf(imported: ImportedEventsRead, context: ReturnType<typeof attributionContext>): Map<number, Mark> {
  const marks = new Map<number, Mark>();
  imported.events.forEach((event, index) => {
    const storedAttribution = imported.attributions[index];
    const mark = borrowedMarkOf(event, storedAttribution, context);
    if (!mark) return;
    const seq = imported.seqs[index];
    marks.set(seq, { seq, caseId: mark.caseId, storedAttribution, day: utcDay(event.occurredAt) });
  });
  return marks;
}

/**
 * Brings `borrowed_event_marks` in line with the flagged cases just stored: the events they cover that were stored
 * under another attribution, so that the audit trail, its filters and its charts read them as AGENT_BORROWED
 * without touching the chain. Only the difference is written.
 */
export async function rewriteBorrowedEventMarks(
  tx: Tx,
  imported: ImportedEventsRead,
  inventory: DetectionInventory,
): Promise<void> {
  const wanted = marksOf(imported, attributionContext(inventory, await loadBorrowedMarks(tx)));
  const existing = await tx.borrowedEventMark.findMany({ select: { seq: true, caseId: true } });
  const stale = existing.filter((row) => wanted.get(row.seq)?.caseId !== row.caseId).map((row) => row.seq);
  const staleSeqs = new Set(stale);
  const kept = new Set(existing.map((row) => row.seq).filter((seq) => !staleSeqs.has(seq)));
  for (let start = 0; start < stale.length; start += ROWS_PER_WRITE) {
    await tx.borrowedEventMark.deleteMany({ where: { seq: { in: stale.slice(start, start + ROWS_PER_WRITE) } } });
  }
  const fresh = [...wanted.values()].filter((mark) => !kept.has(mark.seq));
  for (let start = 0; start < fresh.length; start += ROWS_PER_WRITE) {
    await tx.borrowedEventMark.createMany({ data: fresh.slice(start, start + ROWS_PER_WRITE) });
  }
}
