import 'server-only';
import { getDb } from '../db';
import { missingAppendOnlyTriggers, unprotectedTrailMessage } from './append-only';

/**
 * Why the server must not start, or null. Steward refuses to serve on a database whose audit trail has lost its
 * append-only triggers: every change it records there could be silently rewritten, and evidence that can be
 * rewritten is not evidence. A database that cannot be reached yet is left to the health check (503).
 */
async function startupRefusal(): Promise<string | null> {
  let missing: string[];
  try {
    missing = await missingAppendOnlyTriggers(await getDb());
  } catch (error) {
    console.error('Steward could not check the audit trail’s append-only triggers at startup', error);
    return null;
  }
  return missing.length === 0 ? null : unprotectedTrailMessage(missing);
}

/** Stops the Node.js server before its first request when the trail is unprotected. */
export async function refuseToStartIfUnprotected(): Promise<void> {
  const refusal = await startupRefusal();
  if (refusal === null) return;
  console.error(`Steward refuses to start. ${refusal}`);
  process.exit(1);
}
