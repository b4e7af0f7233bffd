import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { HumanActor, KeyActor } from '../../lib/auth/actor';
import { authenticateApiKey, generateApiKey } from '../../lib/auth/api-keys';
import { verifyAuditChain } from '../../lib/audit/verify';
import { ensureBuilt, startNext, waitForHealth } from '../../lib/cli/next-app';
import { disconnectDb, transaction } from '../../lib/db';
import type { ApiKeyKind, DashboardRole } from '../../lib/db/generated/sqlite/enums';
import { migrateDatabase } from '../../lib/db/migrate';
import { fetchTaskToken, requestScope } from '../../lib/scopes/agent';
import { approveScope } from '../../lib/scopes/approvals';

/**
 * `npm run bench -- --only authorize`: runtime decisions under load, on SQLite. A scratch database gets an
 * agent with an approved scope and its task token (through the same use cases as the API), then autocannon
 * drives, at a fixed concurrency, /api/v1/authorize, AuthZEN's /access/v1/evaluation and /access/v1/evaluations
 * (batches of 10) on the built app, and the same three on a bare node:http server that calls the same code on
 * the same database (the baseline). Every answered decision must carry its own chain event, and the chain must
 * verify at the end.
 */

const READ = 'github:pulls.read';
const BATCH = 10;

type Setup = { token: string; gatewayKey: string; nhiId: string };

async function person(role: DashboardRole | null, email: string): Promise<HumanActor> {
  const human = await transaction((tx) =>
    tx.human.create({ data: { email, name: email, searchText: email, nameKey: email, role } }),
  );
  return { kind: 'human', humanId: human.id, email, name: human.name, role: role ?? 'AUDITOR' };
}

async function key(kind: ApiKeyKind, nhiId: string | null): Promise<string> {
  const { secret, prefix, keyHash } = generateApiKey(kind);
  await transaction((tx) => tx.apiKey.create({ data: { kind, name: `bench ${kind}`, prefix, keyHash, nhiId } }));
  return secret;
}

async function prepare(): Promise<Setup> {
  const sponsor = await person('SPONSOR', 'sponsor@bench.example');
  const initiator = await person(null, 'initiator@bench.example');
  const nhi = await transaction((tx) =>
    tx.nhi.create({
      data: {
        name: 'bench-agent',
        kind: 'AI_AGENT',
        system: 'github',
        externalId: 'bench-agent',
        sponsorId: sponsor.humanId,
      },
    }),
  );
  const agent = (await authenticateApiKey(await key('AGENT', nhi.id))) as KeyActor;
  const { id } = await requestScope(agent, {
    task: 'Review the payments pull requests',
    justification: 'Load test of runtime decisions.',
    actions: [READ],
    resources: ['github:acme/payments/*'],
    ttlSeconds: 3600,
    initiator: initiator.email,
  });
  await approveScope(sponsor, { scopeId: id });
  const { token } = await fetchTaskToken(agent, { id });
  return { token, gatewayKey: await key('GATEWAY', null), nhiId: nhi.id };
}

type LoadCase = { name: string; path: string; secret: string; bodies: unknown[]; decisionsPerRequest: number };

/** Three allowed pull requests for every one outside the scope: allows and denies are both recorded. */
const resourceAt = (index: number) =>
  index % 4 === 3
    ? { type: 'github', id: `acme/web/pulls/${index}` }
    : { type: 'github', id: `acme/payments/pulls/${index}` };

function cases(setup: Setup): LoadCase[] {
  const subject = { type: 'agent', id: setup.nhiId, properties: { token: setup.token } };
  const action = { name: READ };
  return [
    {
      name: 'POST /api/v1/authorize',
      path: '/api/v1/authorize',
      secret: setup.token,
      bodies: [0, 1, 2, 3].map((index) => {
        const { type, id } = resourceAt(index);
        return { action: READ, resource: `${type}:${id}` };
      }),
      decisionsPerRequest: 1,
    },
    {
      name: 'POST /access/v1/evaluation',
      path: '/access/v1/evaluation',
      secret: setup.gatewayKey,
      bodies: [0, 1, 2, 3].map((index) => ({ subject, action, resource: resourceAt(index) })),
      decisionsPerRequest: 1,
    },
    {
      name: `POST /access/v1/evaluations (${BATCH} a request)`,
      path: '/access/v1/evaluations',
      secret: setup.gatewayKey,
      bodies: [
        {
          subject,
          action,
          evaluations: Array.from({ length: BATCH }, (_, index) => ({ resource: resourceAt(index) })),
        },
      ],
      decisionsPerRequest: BATCH,
    },
  ];
}

export type LoadFigures = {
  name: string;
  server: 'next start' | 'node:http baseline';
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  decisions: number;
  decisionsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  chainGrowth: number;
  /** Decisions the server recorded whose answers were still on the way when the load stopped. */
  inFlightAtStop: number;
};

type Answer = { eventId?: string; context?: { eventId?: string }; evaluations?: Answer[] };

/** Lets the requests still in flight when autocannon stopped finish on the server. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

async function chainSeq(baseUrl: string, headPath: string): Promise<number> {
  const body = (await (await fetch(`${baseUrl}${headPath}`)).json()) as { seq?: number; auditHead?: { seq: number } };
  return body.auditHead?.seq ?? body.seq ?? 0;
}

async function drive(
  baseUrl: string,
  headPath: string,
  server: LoadFigures['server'],
  load: LoadCase,
  seconds: number,
  connections: number,
): Promise<LoadFigures> {
  const headers = { Authorization: `Bearer ${load.secret}`, 'Content-Type': 'application/json' };
  const eventIds = new Set<string>();
  let decisions = 0;
  const onResponse = (status: number, body: string) => {
    if (status !== 200) return;
    const parsed = JSON.parse(body) as Answer;
    for (const answer of parsed.evaluations ?? [parsed]) {
      decisions += 1;
      const eventId = answer.eventId ?? answer.context?.eventId;
      if (eventId) eventIds.add(eventId);
    }
  };
  await autocannon({
    url: `${baseUrl}${load.path}`,
    method: 'POST',
    headers,
    body: JSON.stringify(load.bodies[0]),
    connections: 4,
    duration: 2,
  });
  await settle();
  const before = await chainSeq(baseUrl, headPath);
  const result = await autocannon({
    url: `${baseUrl}${load.path}`,
    connections,
    duration: seconds,
    requests: load.bodies.map((body) => ({ method: 'POST', headers, body: JSON.stringify(body), onResponse })),
  });
  await settle();
  const after = await chainSeq(baseUrl, headPath);
  const outside = [...eventIds].filter((id) => Number(id) <= before || Number(id) > after);
  if (eventIds.size !== decisions || outside.length > 0)
    throw new Error(
      `${load.name}: ${decisions} decisions answered, ${eventIds.size} distinct chain events, ${outside.length} outside the run`,
    );
  const growth = after - before;
  if (growth < decisions || growth - decisions > connections * load.decisionsPerRequest)
    throw new Error(`${load.name}: the chain grew by ${growth} for ${decisions} answered decisions`);
  const figures: LoadFigures = {
    name: load.name,
    server,
    seconds: result.duration,
    connections,
    requests: result['2xx'],
    requestsPerSecond: Math.round(result['2xx'] / result.duration),
    decisions,
    decisionsPerSecond: Math.round(decisions / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    chainGrowth: growth,
    inFlightAtStop: growth - decisions,
  };
  console.log(
    `${load.name}, ${server}: ${figures.decisionsPerSecond} decisions/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms`,
  );
  return figures;
}

function startBaseline(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', join(process.cwd(), 'tests', 'bench', 'authorize-server.ts')],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, PORT: String(port), NODE_ENV: 'production' } },
  );
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function table(rows: LoadFigures[]): string {
  const header = `${'case'.padEnd(42)}${'server'.padEnd(20)}${'req/s'.padStart(8)}${'decisions/s'.padStart(13)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'chain +'.padStart(9)}`;
  return [
    header,
    ...rows.map(
      (row) =>
        `${row.name.padEnd(42)}${row.server.padEnd(20)}${String(row.requestsPerSecond).padStart(8)}${String(row.decisionsPerSecond).padStart(13)}${String(row.p50Ms).padStart(8)}${String(row.p99Ms).padStart(8)}${String(row.chainGrowth).padStart(9)}`,
    ),
  ].join('\n');
}

export async function authorizeOnly(options: { seconds: number; connections: number }): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'steward-bench-authorize-'));
  const url = `file:${join(scratch, 'bench.db')}`;
  process.env.DATABASE_URL = url;
  const port = 3900 + Math.floor(Math.random() * 90);
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: 'bench-secret-0123456789abcdef0123456789',
  };
  const rows: LoadFigures[] = [];
  const loadBefore = loadavg()[0];
  try {
    ensureBuilt();
    await migrateDatabase(url);
    const setup = await prepare();
    await disconnectDb();
    console.log(`Load: ${options.connections} connections for ${options.seconds} s a case, on SQLite.`);

    const next = startNext(port, env, true);
    try {
      await waitForHealth(`${baseUrl}/api/health`, 60_000);
      for (const load of cases(setup))
        rows.push(await drive(baseUrl, '/api/health', 'next start', load, options.seconds, options.connections));
    } finally {
      await stop(next);
    }

    const baseline = startBaseline(port, env);
    try {
      await waitForHealth(`${baseUrl}/head`, 60_000);
      for (const load of cases(setup))
        rows.push(await drive(baseUrl, '/head', 'node:http baseline', load, options.seconds, options.connections));
    } finally {
      await stop(baseline);
    }

    const verification = await verifyAuditChain();
    await disconnectDb();
    if (!verification.ok) throw new Error(`The chain does not verify: ${JSON.stringify(verification)}`);
    const ratios = Object.fromEntries(
      rows
        .filter((row) => row.server === 'next start')
        .map((row) => {
          const base = rows.find((other) => other.server !== row.server && other.name === row.name);
          return [row.name, base ? Number((row.decisionsPerSecond / base.decisionsPerSecond).toFixed(2)) : null];
        }),
    );
    const report = {
      measuredAt: new Date().toISOString(),
      database: 'sqlite',
      machine: { cpus: cpus().length, node: process.version, loadAverage: { before: loadBefore, after: loadavg()[0] } },
      results: rows,
      nextToBaselineRatio: ratios,
      chain: verification,
    };
    console.log(`\n${table(rows)}\n\nnext start / baseline, decisions/s: ${JSON.stringify(ratios)}`);
    console.log(`chain verified: ${verification.checked} events\n`);
    mkdirSync('tests/bench/results', { recursive: true });
    const file = join('tests/bench/results', `authorize-sqlite-${report.measuredAt.slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${file}`);
  } finally {
    await disconnectDb();
    rmSync(scratch, { recursive: true, force: true });
  }
}
