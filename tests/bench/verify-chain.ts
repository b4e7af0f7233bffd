import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Command } from 'commander';
import { appendAuditEvents, type AuditEventInput } from '../../lib/audit/append';
import { verifyAuditChain } from '../../lib/audit/verify';
import { databaseFlavor, disconnectDb, transaction } from '../../lib/db';
import { migrateDatabase } from '../../lib/db/migrate';

/**
 * `node --conditions=react-server --import tsx tests/bench/verify-chain.ts`: figures, not a test. Writes N audit events to a scratch database (or an empty one given
 * with --database-url) and times a full verification of the chain: events/s and the longest stall of the event
 * loop while it runs.
 */

const options = new Command('bench-verify')
  .option('--events <n>', 'audit events', '200000')
  .option('--database-url <url>', 'an empty database to use instead of a scratch SQLite file')
  .parse()
  .opts<{ events: string; databaseUrl?: string }>();

const BATCH = 5_000;

function benchEvent(index: number): AuditEventInput {
  return {
    action: index % 3 === 0 ? 'scope.approve' : 'authz.decision',
    attribution: index % 2 === 0 ? 'AGENT_DELEGATED' : 'HUMAN',
    initiator: { type: 'HUMAN', id: `h${index % 50}`, label: `person${index % 50}@acme.example` },
    executor: { type: 'NHI', id: `n${index % 500}`, label: `agent-${index % 500}` },
    resource: `github:acme/repo-${index % 40}`,
    occurredAt: new Date(Date.UTC(2026, 10, 1) + index * 1_000),
    environment: index % 4 === 0 ? 'production' : null,
    details: { index, reason: 'ALLOWED' },
  };
}

async function seed(total: number): Promise<void> {
  for (let start = 0; start < total; start += BATCH) {
    const inputs = Array.from({ length: Math.min(BATCH, total - start) }, (_, offset) => benchEvent(start + offset));
    await transaction((tx) => appendAuditEvents(tx, inputs));
  }
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'steward-bench-verify-'));
  process.env.DATABASE_URL = options.databaseUrl ?? `file:${join(scratch, 'bench.db')}`;
  const total = Number(options.events);
  try {
    await migrateDatabase(process.env.DATABASE_URL);
    const seeding = performance.now();
    await seed(total);
    console.log(
      `Wrote ${total} audit events to ${databaseFlavor()} in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const result = await verifyAuditChain();
    const seconds = (performance.now() - started) / 1000;
    delay.disable();
    const report = {
      measuredAt: new Date().toISOString(),
      database: databaseFlavor(),
      events: total,
      machine: { cpus: cpus().length, node: process.version },
      result,
      seconds: Number(seconds.toFixed(2)),
      eventsPerSecond: Math.round(result.checked / seconds),
      maxEventLoopDelayMs: Math.round(delay.max / 1e6),
    };
    console.log(JSON.stringify(report, null, 2));
    mkdirSync('tests/bench/results', { recursive: true });
    const file = join('tests/bench/results', `verify-${report.database}-${report.measuredAt.slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${file}`);
  } finally {
    await disconnectDb();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
