import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { disconnectDb } from '../db';
import { databaseUrl, flavorOf } from '../db/flavor';
import { migrateDatabase } from '../db/migrate';
import { printDemoAccess } from '../demo/access';
import { DEFAULT_SEED } from '../demo/catalog';
import { DEFAULT_EVENT_COUNT, databaseIsEmpty, seedDemo, type SeedSummary } from '../demo/seed';

type Options = { events: number; seed: number; now?: Date; ifEmpty?: boolean; force?: boolean };

function wholeNumber(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0)
    throw new InvalidArgumentError('Expected a whole number of 0 or more.');
  return number;
}

function instant(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError('Expected an ISO 8601 date and time, e.g. 2026-11-22T06:00:00Z.');
  return date;
}

function progressBar(): { update: (appended: number, total: number) => void; stop: () => void } {
  const bar = new SingleBar(
    {
      format: 'audit events {bar} {percentage}% | {value}/{total} | {rate} events/s | ETA {eta_formatted}',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const startedAt = performance.now();
  let started = false;
  return {
    update(appended, total) {
      const rate = Math.round(appended / Math.max((performance.now() - startedAt) / 1000, 0.001));
      if (!started) bar.start(total, 0, { rate });
      started = true;
      bar.update(appended, { rate });
    },
    stop: () => bar.stop(),
  };
}

function printSummary(summary: SeedSummary): void {
  const { counts } = summary;
  console.log(
    `Seeded ${counts.humans} people, ${counts.nhis} NHIs, ${counts.credentials} credentials (${counts.borrowedCredentials} borrowed from people),`,
  );
  console.log(
    `${counts.scopeRequests} scope requests with ${counts.scopeApprovals} approvals and ${counts.taskTokens} task tokens, ` +
      `${counts.apiKeys} API keys; ${summary.findings} open findings.`,
  );
  console.log(
    `Appended ${summary.events} audit events in ${summary.eventSeconds.toFixed(1)} s (${Math.round(summary.eventsPerSecond)} events/s); ` +
      `${summary.totalSeconds.toFixed(1)} s in all.`,
  );
}

async function run(options: Options): Promise<void> {
  const url = databaseUrl();
  await migrateDatabase(url);
  if (options.ifEmpty && !(await databaseIsEmpty())) {
    console.log(`The ${flavorOf(url)} database already has data; not seeding.`);
    return;
  }
  const bar = progressBar();
  const summary = await seedDemo({
    seed: options.seed,
    now: options.now,
    events: options.events,
    force: options.force,
    onEvents: bar.update,
  }).finally(() => bar.stop());
  printSummary(summary);
  // `npm run demo` seeds with --if-empty and prints the access itself once the app is up.
  if (!options.ifEmpty) {
    console.log();
    printDemoAccess(options.seed);
  }
}

const program = new Command()
  .name('seed')
  .description('Fills the database with the deterministic Acme demo organisation and its audit trail.')
  .option('--events <n>', 'audit events to generate over the last 90 days', wholeNumber, DEFAULT_EVENT_COUNT)
  .option('--seed <n>', 'seed of the generated content', wholeNumber, DEFAULT_SEED)
  .option('--now <iso>', 'the moment the data ends at (default: now)', instant)
  .option('--if-empty', 'do nothing when the database already has data')
  .option('--force', 'seed although the database already has data (never with NODE_ENV=production)')
  .action(async (options: Options) => {
    try {
      await run(options);
    } finally {
      await disconnectDb();
    }
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
