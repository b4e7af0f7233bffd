import 'server-only';
import { getDb, transaction } from '../db';
import { dayOf } from './days';

export const SNAPSHOT_INTERVAL_MS = 60 * 60_000;
/** The name under which the daily count of orphaned NHIs is recorded in governance_snapshots. */
export const ORPHANED_METRIC = 'orphaned_nhis';

/**
 * Records today's count of orphaned NHIs (the inventory's own flag: no active sponsor), replacing an earlier
 * record of the same day, so the day keeps its last reading and repeats change nothing. A snapshot is a cache
 * derived from rows the trail already accounts for, not a change of state: it appends no audit event.
 */
export async function recordGovernanceSnapshot(now = new Date()): Promise<{ day: string; orphaned: number }> {
  const day = dayOf(now);
  const db = await getDb();
  const orphaned = await db.nhi.count({ where: { orphaned: true } });
  await transaction((tx) =>
    tx.governanceSnapshot.upsert({
      where: { day_metric: { day, metric: ORPHANED_METRIC } },
      create: { day, metric: ORPHANED_METRIC, value: orphaned },
      update: { value: orphaned },
    }),
  );
  return { day, orphaned };
}

let recording: NodeJS.Timeout | null = null;

/** Records a snapshot at start and then hourly, on every Steward instance (a day's record is replaced, not added). */
export function startGovernanceSnapshots(): void {
  if (recording) return;
  const record = () => {
    recordGovernanceSnapshot().catch((error: unknown) => console.error('Recording governance snapshots failed', error));
  };
  record();
  recording = setInterval(record, SNAPSHOT_INTERVAL_MS);
  recording.unref();
}
