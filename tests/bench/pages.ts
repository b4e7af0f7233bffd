import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAuditChain } from '../../lib/audit/verify';
import { disconnectDb, getDb } from '../../lib/db';
import { flavorOf } from '../../lib/db/flavor';
import { migrateDatabase } from '../../lib/db/migrate';
import { ensureBuilt, startNext, waitForHealth } from '../../lib/cli/next-app';
import { DEMO_PASSWORD } from '../../lib/demo/catalog';
import { databaseIsEmpty, seedDemo } from '../../lib/demo/seed';
import { signIn, time, type Timing } from './http';

export type PagesOptions = { events: number; samples: number; databaseUrl?: string };

const ACCOUNT = 'security@acme.example';

/** Principals with many events, so that the filtered pages below have full pages to show. */
async function busiestPrincipals(): Promise<{ initiatorId: string; executorId: string; day: string }> {
  const db = await getDb();
  const [initiator] = await db.auditDailyPairRollup.groupBy({
    by: ['initiatorId'],
    where: { initiatorType: 'HUMAN', initiatorId: { not: null } },
    _sum: { count: true },
    orderBy: { _sum: { count: 'desc' } },
    take: 1,
  });
  const [executor] = await db.auditDailyPairRollup.groupBy({
    by: ['executorId'],
    where: { executorType: 'NHI', executorId: { not: null } },
    _sum: { count: true },
    orderBy: { _sum: { count: 'desc' } },
    take: 1,
  });
  const [busiestDay] = await db.auditDailyRollup.groupBy({
    by: ['day'],
    _sum: { count: true },
    orderBy: { _sum: { count: 'desc' } },
    take: 1,
  });
  return {
    initiatorId: initiator?.initiatorId ?? '',
    executorId: executor?.executorId ?? '',
    day: busiestDay?.day ?? new Date().toISOString().slice(0, 10),
  };
}

/** Seeds an empty database; a database seeded before (`npm run seed -- --events N`) is used as it is. */
async function seededEvents(url: string, events: number): Promise<number> {
  if (!(await databaseIsEmpty())) {
    const head = await (await getDb()).auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    console.log(`Using the ${flavorOf(url)} database as it is: ${head.seq} audit events.`);
    return head.seq;
  }
  console.log(`Seeding the demo organisation with ${events} audit events into ${flavorOf(url)} …`);
  const seeded = await seedDemo({ events });
  console.log(`… ${seeded.events} events in ${seeded.totalSeconds.toFixed(1)} s`);
  return seeded.events;
}

async function timeVerification(): Promise<{ events: number; seconds: number; eventsPerSecond: number; ok: boolean }> {
  const started = performance.now();
  const result = await verifyAuditChain();
  const seconds = (performance.now() - started) / 1000;
  return {
    events: result.checked,
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSecond: Math.round(result.checked / seconds),
    ok: result.ok,
  };
}

async function pageCases(baseUrl: string, cookie: string, samples: number): Promise<Timing[]> {
  const { initiatorId, executorId, day } = await busiestPrincipals();
  const page = (name: string, path: string) => time(name, baseUrl, [path], cookie, samples);
  return [
    await page('baseline: GET /api/health', '/api/health'),
    await page('overview', '/'),
    await page('audit: first page', '/audit'),
    await page('audit: AGENT_BORROWED', '/audit?attribution=AGENT_BORROWED'),
    await page('audit: denied decisions', '/audit?action=runtime.authorize&outcome=DENIED'),
    await page('audit: one initiator, one day', `/audit?initiator=${initiatorId}&from=${day}&to=${day}`),
    await page('audit: one agent', `/audit?executor=${executorId}`),
    await page('evidence', '/evidence'),
  ];
}

function table(rows: Timing[]): string {
  const header = `${'case'.padEnd(34)}${'median ms'.padStart(11)}${'p95 ms'.padStart(9)}${'min'.padStart(8)}${'max'.padStart(8)}`;
  const line = (row: Timing) =>
    `${row.name.padEnd(34)}${String(row.medianMs).padStart(11)}${String(row.p95Ms).padStart(9)}` +
    `${String(row.minMs).padStart(8)}${String(row.maxMs).padStart(8)}`;
  return [header, ...rows.map(line)].join('\n');
}

/**
 * `npm run bench -- --only pages`: seeds the demo organisation with N audit events (as `npm run seed -- --events N`
 * does), times a full chain verification in events/s, then the server's answers for the overview, the audit trail
 * with filters and the evidence page, signed in as the security lead.
 */
export async function pagesOnly(options: PagesOptions): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'steward-bench-pages-'));
  const url = options.databaseUrl ?? `file:${join(scratch, 'bench.db')}`;
  process.env.DATABASE_URL = url;
  const port = 3900 + Math.floor(Math.random() * 90);
  try {
    ensureBuilt();
    await migrateDatabase(url);
    const events = await seededEvents(url, options.events);
    const verification = await timeVerification();
    console.log(`verification: ${verification.eventsPerSecond} events/s (${verification.events} events)`);
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
      const cookie = await signIn(baseUrl, ACCOUNT, DEMO_PASSWORD);
      const loadBefore = loadavg()[0];
      const results = await pageCases(baseUrl, cookie, options.samples);
      const report = {
        measuredAt: new Date().toISOString(),
        database: flavorOf(url),
        events,
        machine: {
          cpus: cpus().length,
          node: process.version,
          loadAverage: { before: loadBefore, after: loadavg()[0] },
        },
        verification,
        results,
      };
      console.log(`\n${table(results)}\n`);
      mkdirSync('tests/bench/results', { recursive: true });
      const file = join('tests/bench/results', `pages-${report.database}-${report.measuredAt.slice(0, 10)}.json`);
      writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`Wrote ${file}`);
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    await disconnectDb();
    rmSync(scratch, { recursive: true, force: true });
  }
}
