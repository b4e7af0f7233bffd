import 'server-only';
import { getDb } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { systemJob } from '../use-case';
import { nhiIdPages, recomputeFindings, type RecomputeResult } from './recompute';

const JOB = 'steward:findings';
/** A page of 40 NHIs keeps every IN list (NHIs, their credentials) well under SQLite's 999 bound parameters. */
const PAGE_SIZE = 40;

/**
 * Recomputes every finding: what time alone changes (stale identities, ageing secrets, expired acceptances)
 * needs this run on a schedule, e.g. nightly with `npm run findings`. Each page of NHIs is one transaction, and
 * a page that changed any finding records what it changed in that same transaction.
 */
export async function refreshAllFindings(now = new Date()) {
  const db = await getDb();
  const started = performance.now();
  const total: RecomputeResult = { opened: 0, updated: 0, resolved: 0 };
  let page = 0;
  for await (const nhiIds of nhiIdPages(db, PAGE_SIZE)) {
    page += 1;
    const result = await systemJob(JOB, async ({ tx, audit }) => {
      const changes = await recomputeFindings(tx, { nhiIds }, now);
      if (changes.opened + changes.updated + changes.resolved > 0)
        audit(AUDIT_ACTIONS.findingsRecomputed, null, { ...changes, nhis: nhiIds.length, page });
      return changes;
    });
    total.opened += result.opened;
    total.updated += result.updated;
    total.resolved += result.resolved;
  }
  return { ...total, seconds: Math.round(performance.now() - started) / 1000 };
}
