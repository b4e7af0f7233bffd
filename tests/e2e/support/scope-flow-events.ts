/**
 * Reads back what the audit chain recorded about one scope, in chain order, so the flow can check what its
 * HTTP calls left behind (parties, reasons, the traceparent) beside what they answered.
 *
 *   DATABASE_URL=… node --conditions=react-server --import tsx tests/e2e/support/scope-flow-events.ts <scope id>
 *
 * The last line it prints is the events (SCOPE_FLOW_EVENTS and JSON).
 */
import { disconnectDb, getDb } from '../../../lib/db';
import { EVENTS_MARKER, type RecordedEvent } from './scope-flow-children';

async function main(): Promise<void> {
  const [scopeId] = process.argv.slice(2);
  if (!scopeId) throw new Error('Usage: scope-flow-events.ts <scope id>');
  try {
    const db = await getDb();
    const rows = await db.auditEvent.findMany({
      where: { scopeId },
      orderBy: { seq: 'asc' },
      select: {
        seq: true,
        action: true,
        outcome: true,
        attribution: true,
        initiatorId: true,
        executorId: true,
        credentialKind: true,
        details: true,
      },
    });
    const events: RecordedEvent[] = rows.map(({ details, ...row }) => ({
      ...row,
      details: JSON.parse(details) as Record<string, unknown>,
    }));
    console.log(`${EVENTS_MARKER} ${JSON.stringify(events)}`);
  } finally {
    await disconnectDb();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
