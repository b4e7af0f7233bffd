import { databaseFlavor, getDb } from '@/lib/db';
import { readChainHead } from '@/lib/audit/verify';
import { jsonResponse } from '@/lib/adapters/route';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const auditHead = await readChainHead(await getDb());
    return jsonResponse({ ok: true, database: databaseFlavor(), auditHead });
  } catch (error) {
    console.error('Health check failed', error);
    return jsonResponse({ ok: false, database: databaseFlavor() }, 503);
  }
}
