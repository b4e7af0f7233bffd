// One concurrent writer for the chain concurrency test: appends COUNT events, each in its own transaction.
import { appendAuditEvent } from '../../lib/audit/append';
import { disconnectDb, transaction } from '../../lib/db';

async function main() {
  const [writer, count] = [process.argv[2], Number(process.argv[3])];
  for (let index = 0; index < count; index += 1) {
    await transaction((tx) =>
      appendAuditEvent(tx, {
        action: 'test.concurrent_append',
        attribution: 'AGENT_AUTONOMOUS',
        initiator: { type: 'SYSTEM', label: 'concurrency-test' },
        executor: { type: 'NHI', id: `writer-${writer}`, label: `writer-${writer}` },
        details: { writer, index },
      }),
    );
  }
  await disconnectDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
