import 'server-only';
import { getDb, transaction } from '../db';
import { appendAuditEvent } from '../audit/append';
import { AUDIT_ACTIONS } from '../audit/actions';
import { recomputeAllFindings } from './recompute';

const SYSTEM = { type: 'SYSTEM' as const, label: 'steward:findings' };

/**
 * Recomputes every finding: what time alone changes (stale identities, ageing secrets, expired acceptances)
 * needs this run on a schedule, e.g. nightly with `npm run findings`. Recorded as one audit event.
 */
export async function refreshAllFindings(now = new Date()) {
  const db = await getDb();
  const started = performance.now();
  const result = await recomputeAllFindings(db, now);
  const seconds = Math.round(performance.now() - started) / 1000;
  await transaction((tx) =>
    appendAuditEvent(tx, {
      action: AUDIT_ACTIONS.findingsRecomputed,
      attribution: 'AGENT_AUTONOMOUS',
      initiator: SYSTEM,
      executor: SYSTEM,
      details: { ...result, seconds },
    }),
  );
  return { ...result, seconds };
}
