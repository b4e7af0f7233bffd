import { databaseFlavor, getDb } from '@/lib/db';
import { missingAppendOnlyTriggers, unprotectedTrailMessage } from '@/lib/audit/append-only';
import { readChainHead } from '@/lib/audit/verify';
import { jsonResponse } from '@/lib/adapters/route';

export const dynamic = 'force-dynamic';

/** Healthy means the database answers and the audit trail is still append-only. */
export async function GET() {
  try {
    const db = await getDb();
    const missing = await missingAppendOnlyTriggers(db);
    if (missing.length > 0) {
      const reason = unprotectedTrailMessage(missing);
      console.error(reason);
      return jsonResponse({ ok: false, database: databaseFlavor(), reason }, 503);
    }
    const auditHead = await readChainHead(db);
    return jsonResponse({ ok: true, database: databaseFlavor(), auditHead });
  } catch (error) {
    console.error('Health check failed', error);
    return jsonResponse({ ok: false, database: databaseFlavor() }, 503);
  }
}
