import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { createDb } from '../../lib/db/client';
import { migrateDatabase } from '../../lib/db/migrate';
import { ensureBuilt, startNext, waitForHealth } from '../../lib/cli/next-app';
import { BENCH_ADMIN, BENCH_PASSWORD, createBenchDataset } from './dataset';
import { signIn, time, type Timing } from './http';
import { createAdminKey, timeUpserts, type UpsertTiming } from './upsert';
import { detectOnly } from './detect';
import { timeIngest } from './ingest';
import { authorizeOnly } from './authorize';
import { pagesOnly } from './pages';

/**
 * `npm run bench`: figures, not tests. Builds a large inventory in a scratch database, starts the built app on
 * it, signs in, and times the server's answers (median and p95), with /api/health as the baseline of the run.
 */

const options = new Command('bench')
  .option('--nhis <n>', 'non-human identities', '100000')
  .option('--credentials <n>', 'credentials', '300000')
  .option('--events <n>', 'audit events', '20000')
  .option('--samples <n>', 'timed requests per case', '40')
  .option('--database-url <url>', 'an empty database to use instead of a scratch SQLite file')
  .option(
    '--only <case>',
    'run one case: inventory, upsert, ingest, detect, authorize or pages (upsert alone needs no large inventory)',
  )
  .option('--page-events <n>', 'audit events the pages case seeds the demo organisation with', '1000000')
  .option('--ingest-events <n>', 'CloudTrail events the ingest case imports', '200000')
  .option('--detect-events <n>', 'imported events the detect case weighs', '1000000')
  .option('--seconds <n>', 'how long the authorize case loads each endpoint', '20')
  .option('--connections <n>', 'concurrent connections of the authorize case', '32')
  .parse()
  .opts<{
    nhis: string;
    credentials: string;
    events: string;
    samples: string;
    databaseUrl?: string;
    only?: 'inventory' | 'upsert' | 'ingest' | 'detect' | 'authorize' | 'pages';
    pageEvents: string;
    detectEvents: string;
    ingestEvents: string;
    seconds: string;
    connections: string;
  }>();

const UPSERT_ONLY_SIZES = { nhis: 2_000, credentials: 4_000, events: 2_000 };

function upsertTable(rows: UpsertTiming[]): string {
  const header = `${'case'.padEnd(34)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}`;
  return [
    header,
    ...rows.map(
      (row) =>
        `${row.name.padEnd(34)}${String(row.requestsPerSecond).padStart(8)}${String(row.p50Ms).padStart(9)}${String(row.p95Ms).padStart(9)}${String(row.p99Ms).padStart(9)}`,
    ),
  ].join('\n');
}

function table(rows: Timing[]): string {
  const header = `${'case'.padEnd(34)}${'median ms'.padStart(11)}${'p95 ms'.padStart(9)}${'min'.padStart(8)}${'max'.padStart(8)}`;
  return [
    header,
    ...rows.map(
      (row) =>
        `${row.name.padEnd(34)}${String(row.medianMs).padStart(11)}${String(row.p95Ms).padStart(9)}${String(row.minMs).padStart(8)}${String(row.maxMs).padStart(8)}`,
    ),
  ].join('\n');
}

async function inventoryCases(baseUrl: string, cookie: string, samples: number, details: string[]): Promise<Timing[]> {
  return [
    await time('inventory: first page, by name', baseUrl, ['/inventory'], cookie, samples),
    await time(
      'inventory: filtered, sorted, page 3',
      baseUrl,
      ['/inventory?kind=AI_AGENT&environment=production&status=ACTIVE&sort=lastSeen&dir=desc&page=3'],
      cookie,
      samples,
    ),
    await time(
      'inventory: search + borrowed',
      baseUrl,
      ['/inventory?q=payments&borrowed=1&sort=severity&dir=desc'],
      cookie,
      samples,
    ),
    await time(
      'inventory: by open findings, page 20',
      baseUrl,
      ['/inventory?sort=findings&dir=desc&page=20'],
      cookie,
      samples,
    ),
    await time('NHI detail page', baseUrl, details, cookie, samples),
    await time(
      'credentials: standing, by issue date',
      baseUrl,
      ['/inventory/credentials?standing=1&sort=issued&dir=asc'],
      cookie,
      samples,
    ),
  ];
}

/** `--only ingest`: CloudTrail from a file to the chained store on SQLite, beside a plain bulk insert. */
async function ingestOnly(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'steward-bench-'));
  try {
    const events = Number(options.ingestEvents);
    console.log(`Importing ${events} generated CloudTrail events into SQLite …`);
    const os = await import('node:os');
    // Other work on the machine slows both figures; the load says how much there was.
    const loadBefore = os.loadavg()[0];
    const ingest = await timeIngest(scratch, events);
    const report = {
      measuredAt: new Date().toISOString(),
      database: 'sqlite',
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        loadAverage: { before: loadBefore, after: os.loadavg()[0] },
      },
      ingest,
    };
    console.log(
      `\nimport: ${ingest.eventsPerSecond} events/s (${ingest.events} events, ${ingest.fileMegabytes} MB, ${ingest.seconds} s)` +
        `\nbaseline, plain bulk insert: ${ingest.baselineEventsPerSecond} rows/s (${ingest.baselineSeconds} s)` +
        `\nratio: ${ingest.ratio}   peak RSS: ${ingest.peakRssMegabytes} MB` +
        `\n(the same insert into a table with audit_events' indexes: ${ingest.indexedBaselineEventsPerSecond} rows/s, ratio ${ingest.indexedRatio})\n`,
    );
    mkdirSync('tests/bench/results', { recursive: true });
    const file = join('tests/bench/results', `ingest-sqlite-${report.measuredAt.slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${file}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (options.only === 'detect')
    return detectOnly({ events: Number(options.detectEvents), people: 5_000, databaseUrl: options.databaseUrl });
  if (options.only === 'ingest') return ingestOnly();
  if (options.only === 'pages')
    return pagesOnly({
      events: Number(options.pageEvents),
      samples: Number(options.samples),
      databaseUrl: options.databaseUrl,
    });
  if (options.only === 'authorize')
    return authorizeOnly({ seconds: Number(options.seconds), connections: Number(options.connections) });
  const scratch = mkdtempSync(join(tmpdir(), 'steward-bench-'));
  const url = options.databaseUrl ?? `file:${join(scratch, 'bench.db')}`;
  const port = 3900 + Math.floor(Math.random() * 90);
  const sizes =
    options.only === 'upsert'
      ? UPSERT_ONLY_SIZES
      : { nhis: Number(options.nhis), credentials: Number(options.credentials), events: Number(options.events) };
  ensureBuilt();
  await migrateDatabase(url);
  const { db, flavor } = createDb(url);
  console.log(
    `Writing ${sizes.nhis} NHIs, ${sizes.credentials} credentials and ${sizes.events} audit events to ${flavor} …`,
  );
  const started = performance.now();
  const dataset = await createBenchDataset(db, sizes);
  const adminKey = await createAdminKey(db);
  console.log(`… in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await db.$disconnect();

  const server = startNext(
    port,
    {
      ...process.env,
      DATABASE_URL: url,
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: 'bench-secret-0123456789abcdef0123456789',
    },
    true,
  );
  try {
    const baseUrl = `http://localhost:${port}`;
    await waitForHealth(`${baseUrl}/api/health`, 60_000);
    const cookie = await signIn(baseUrl, BENCH_ADMIN, BENCH_PASSWORD);
    const samples = Number(options.samples);
    const details = dataset.agentIds.slice(0, 20).map((id) => `/inventory/identities/${id}`);
    const baseline = await time('baseline: GET /api/health', baseUrl, ['/api/health'], cookie, samples);
    const results =
      options.only === 'upsert' ? [baseline] : [baseline, ...(await inventoryCases(baseUrl, cookie, samples, details))];
    const upserts =
      options.only === 'inventory'
        ? []
        : [await timeUpserts(baseUrl, adminKey, 1, 300), await timeUpserts(baseUrl, adminKey, 8, 600)];
    const report = {
      measuredAt: new Date().toISOString(),
      database: flavor,
      sizes,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      results,
      upserts,
    };
    console.log(`\n${table(results)}\n`);
    if (upserts.length > 0) console.log(`${upsertTable(upserts)}\n`);
    mkdirSync('tests/bench/results', { recursive: true });
    const file = join(
      'tests/bench/results',
      `${options.only ?? 'all'}-${flavor}-${report.measuredAt.slice(0, 10)}.json`,
    );
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${file}`);
  } finally {
    server.kill('SIGTERM');
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!options.only) {
    await authorizeOnly({ seconds: Number(options.seconds), connections: Number(options.connections) });
    await pagesOnly({ events: Number(options.pageEvents), samples: Number(options.samples) });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
