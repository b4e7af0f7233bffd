import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { appendAuditEvents, type AuditEventInput } from '../../lib/audit/append';
import {
  canonicalDetails,
  chainHash,
  CHAINED_EVENT_COLUMNS,
  CURRENT_HASH_VERSION,
  type UnhashedEvent,
} from '../../lib/audit/chain';
import { refreshBorrowedCases } from '../../lib/borrowed/refresh';
import { databaseFlavor, disconnectDb, getDb, transaction } from '../../lib/db';
import { flavorOf, sqliteFilePath } from '../../lib/db/flavor';
import { migrateDatabase } from '../../lib/db/migrate';
import type { NormalizedEvent } from '../../lib/ingest/types';
import { importedDetails } from '../../lib/ingest/stored';

/**
 * `npm run bench -- --only detect`: writes imported-looking events to the chain of a scratch database (or an empty
 * one given with --database-url), then times one borrowed-credential refresh over all of them: reading them back,
 * detection, and storing the cases. Figures, not a test.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = Date.parse('2026-10-05T00:00:00Z');
const DAYS = 28;
const BATCH = 5_000;

const UA = {
  chrome:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36',
  firefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
  awsCli: 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/macos#23.4.0 md/arch#arm64 lang/python#3.11.8 md/command#s3.ls',
  boto3:
    'Boto3/1.35.50 md/Botocore#1.35.50 ua/2.0 os/linux#6.8.0-1016-aws md/arch#x86_64 lang/python#3.12.3 Botocore/1.35.50',
  langchain:
    'Boto3/1.35.50 md/Botocore#1.35.50 ua/2.0 os/linux lang/python#3.12.3 Botocore/1.35.50 x-client-framework:langchain-aws',
  octokit: 'octokit-rest.js/21.0.2 octokit-core.js/6.1.2 Node.js/22',
  gh: 'GitHub CLI 2.62.0',
  git: 'git/2.47.1',
  mcp: 'github-mcp-server/0.24.0 (claude-code/1.0.120)',
} as const;

type Shape = Omit<NormalizedEvent, 'sourceEventId' | 'occurredAt' | 'action' | 'resource' | 'outcome' | 'environment'>;

function credential(type: NonNullable<NormalizedEvent['credential']>['type'], id: string | null, mfa: boolean | null) {
  return { type, id, hashedToken: null, sessionId: null, appId: null, appName: null, mfa };
}

function awsUser(person: number): NormalizedEvent['principal'] {
  return {
    kind: 'person',
    externalId: `arn:aws:iam::111122223333:user/person${person}`,
    displayName: `person${person}`,
    email: null,
    sourceType: 'IAMUser',
    declaredAgent: false,
  };
}

function githubUser(person: number): NormalizedEvent['principal'] {
  return {
    kind: 'person',
    externalId: `person${person}`,
    displayName: `person${person}`,
    email: `person${person}@acme.example`,
    sourceType: 'User',
    declaredAgent: false,
  };
}

const office = (person: number) => `198.51.${person % 250}.${(person * 7) % 250}`;

/** The shapes of one person's activity: their browser, their own tools, and (for some) a program with their key. */
function personShapes(person: number): Record<string, Shape> {
  const key = `AKIA${person.toString().padStart(16, '0')}`;
  return {
    console: {
      source: 'aws',
      principal: awsUser(person),
      credential: { ...credential('session', null, true), sessionId: `console-${person}` },
      client: { userAgent: person % 3 === 0 ? UA.firefox : UA.chrome, ip: office(person) },
      interactive: true,
      delegation: null,
    },
    cli: {
      source: 'aws',
      principal: awsUser(person),
      credential: credential('long_lived_access_key', key, false),
      client: { userAgent: UA.awsCli, ip: office(person) },
      interactive: false,
      delegation: null,
    },
    program: {
      source: 'aws',
      principal: awsUser(person),
      credential: credential('long_lived_access_key', key, false),
      client: { userAgent: person % 4 === 0 ? UA.langchain : UA.boto3, ip: `54.${person % 200}.1.${person % 250}` },
      interactive: false,
      delegation: null,
    },
    gh: {
      source: 'github',
      principal: githubUser(person),
      credential: credential('oauth_token', `gho_${person}`, null),
      client: { userAgent: person % 2 === 0 ? UA.gh : UA.git, ip: office(person) },
      interactive: false,
      delegation: null,
    },
    pat: {
      source: 'github',
      principal: githubUser(person),
      credential: credential('personal_access_token', `ghp_${person}`, null),
      client: { userAgent: person % 5 === 0 ? UA.mcp : UA.octokit, ip: `20.${person % 200}.3.${person % 250}` },
      interactive: false,
      delegation: null,
    },
  };
}

function workloadShape(which: number): Shape {
  return {
    source: 'aws',
    principal: {
      kind: 'machine',
      externalId: `arn:aws:sts::111122223333:assumed-role/app-${which}/i-0${which}`,
      displayName: null,
      email: null,
      sourceType: 'AssumedRole',
      declaredAgent: false,
    },
    credential: credential('session', `ASIAWORKLOAD${which}`, null),
    client: { userAgent: UA.boto3, ip: `10.0.${which % 250}.5` },
    interactive: false,
    delegation: null,
  };
}

/**
 * A month of activity: people in browsers in office hours (45%), their own CLI and git (15%), programs with
 * people's keys and tokens, one in ten people's (20%), around the clock, and workloads with their own roles (20%).
 */
function* generatedEvents(total: number, people: number): Generator<NormalizedEvent> {
  const shapes = Array.from({ length: people }, (_, person) => personShapes(person));
  const workloads = Array.from({ length: 200 }, (_, which) => workloadShape(which));
  let seed = 12345;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  for (let index = 0; index < total; index++) {
    const person = Math.floor(random() * people);
    const roll = random();
    const day = Math.floor(random() * DAYS);
    const anyTime = START + day * DAY + Math.floor(random() * DAY);
    const officeTime = START + day * DAY + 8 * HOUR + Math.floor(random() * 9 * HOUR);
    let shape: Shape;
    let at: number;
    let action: string;
    if (roll < 0.45) {
      [shape, at, action] = [shapes[person].console, officeTime, 's3.amazonaws.com:ListBuckets'];
    } else if (roll < 0.52) {
      [shape, at, action] = [shapes[person].cli, officeTime, 's3.amazonaws.com:GetObject'];
    } else if (roll < 0.6) {
      [shape, at, action] = [shapes[person].gh, officeTime, 'api.request'];
    } else if (roll < 0.7) {
      [shape, at, action] = [shapes[person - (person % 10)].program, anyTime, 's3.amazonaws.com:GetObject'];
    } else if (roll < 0.8) {
      [shape, at, action] = [shapes[person - (person % 10)].pat, anyTime, 'api.request'];
    } else {
      [shape, at, action] = [workloads[person % workloads.length], anyTime, 'dynamodb.amazonaws.com:Query'];
    }
    yield {
      ...shape,
      sourceEventId: `bench-${index}`,
      occurredAt: new Date(at),
      action,
      resource: null,
      outcome: 'SUCCESS',
      environment: 'production',
    };
  }
}

function auditInput(event: NormalizedEvent): AuditEventInput {
  const principal = { type: 'UNKNOWN' as const, label: event.principal.externalId };
  return {
    action: event.action,
    attribution: 'UNKNOWN',
    initiator: principal,
    executor: principal,
    outcome: event.outcome,
    resource: event.resource,
    occurredAt: event.occurredAt,
    source: event.source,
    sourceEventId: event.sourceEventId,
    environment: event.environment,
    details: importedDetails(event.source === 'github' ? 'github' : 'cloudtrail', event),
  };
}

/** PostgreSQL (or any database): through the chain's own append, a batch per transaction. */
async function appendThroughChain(events: Iterable<NormalizedEvent>): Promise<void> {
  let batch: AuditEventInput[] = [];
  for (const event of events) {
    batch.push(auditInput(event));
    if (batch.length === BATCH) {
      const inputs = batch;
      await transaction((tx) => appendAuditEvents(tx, inputs));
      batch = [];
    }
  }
  if (batch.length > 0) await transaction((tx) => appendAuditEvents(tx, batch));
}

/** The text Prisma stores a DateTime as on SQLite. */
const sqliteTime = (date: Date) => date.toISOString().replace('Z', '+00:00');

/**
 * SQLite: the same chained rows (hashes included, so the chain verifies) written with one prepared statement in
 * a single transaction, which writes a million rows in seconds instead of minutes.
 */
function appendDirectly(file: string, events: Iterable<NormalizedEvent>): void {
  const sqlite = new Database(file);
  // A scratch database: a large page cache and no fsync per commit keep index updates in memory.
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('synchronous = OFF');
  try {
    const head = sqlite.prepare('SELECT "seq", "hash" FROM "audit_chain_head" WHERE "id" = 1').get() as {
      seq: number;
      hash: string;
    };
    const columns = CHAINED_EVENT_COLUMNS.map((column) => `"${column}"`).join(', ');
    const insert = sqlite.prepare(
      `INSERT INTO "audit_events" (${columns}) VALUES (${CHAINED_EVENT_COLUMNS.map(() => '?').join(', ')})`,
    );
    // Secondary indexes are built once after the load, from their own definitions, rather than row by row.
    const indexes = sqlite
      .prepare(
        `SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'index' AND "tbl_name" = 'audit_events' AND "sql" IS NOT NULL`,
      )
      .all() as { name: string; sql: string }[];
    for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
    const recordedAt = new Date();
    sqlite.transaction(() => {
      let previous = head;
      for (const event of events) {
        const input = auditInput(event);
        const unhashed: UnhashedEvent = {
          seq: previous.seq + 1,
          occurredAt: event.occurredAt,
          recordedAt,
          source: event.source,
          sourceEventId: event.sourceEventId,
          action: event.action,
          resource: event.resource,
          outcome: event.outcome,
          initiatorType: 'UNKNOWN',
          initiatorId: null,
          initiatorLabel: input.initiator.label ?? null,
          executorType: 'UNKNOWN',
          executorId: null,
          executorLabel: input.executor.label ?? null,
          credentialId: null,
          credentialKind: null,
          credentialSubjectType: null,
          attribution: 'UNKNOWN',
          scopeId: null,
          environment: event.environment,
          details: canonicalDetails(input.details),
          hashVersion: CURRENT_HASH_VERSION,
        };
        const chained = { ...unhashed, prevHash: previous.hash, hash: chainHash(previous.hash, unhashed) };
        insert.run(
          CHAINED_EVENT_COLUMNS.map((column) => {
            const value = chained[column];
            return value instanceof Date ? sqliteTime(value) : value;
          }),
        );
        previous = { seq: chained.seq, hash: chained.hash };
      }
      sqlite
        .prepare('UPDATE "audit_chain_head" SET "seq" = ?, "hash" = ?, "updatedAt" = ? WHERE "id" = 1')
        .run(previous.seq, previous.hash, sqliteTime(new Date()));
    })();
    for (const index of indexes) sqlite.exec(index.sql);
  } finally {
    sqlite.close();
  }
}

async function writeEvents(url: string, total: number, people: number): Promise<void> {
  const events = generatedEvents(total, people);
  if (flavorOf(url) === 'sqlite') appendDirectly(sqliteFilePath(url), events);
  else await appendThroughChain(events);
}

const megabytes = (bytes: number) => Math.round(bytes / 1e6);

export async function detectOnly(options: { events: number; people: number; databaseUrl?: string }): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'steward-bench-detect-'));
  const url = options.databaseUrl ?? `file:${join(scratch, 'bench.db')}`;
  process.env.DATABASE_URL = url;
  try {
    await migrateDatabase(url);
    console.log(`Writing ${options.events} imported events of ${options.people} people to ${databaseFlavor()} …`);
    const writing = performance.now();
    await writeEvents(url, options.events, options.people);
    const writeSeconds = (performance.now() - writing) / 1000;
    console.log(`… in ${writeSeconds.toFixed(1)} s`);
    // Peak RSS so far is the writer's; after the refresh it is the refresh's if that is higher.
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const summary = await refreshBorrowedCases();
    const seconds = (performance.now() - started) / 1000;
    const peakAfter = process.resourceUsage().maxRSS * 1024;
    const db = await getDb();
    const report = {
      measuredAt: new Date().toISOString(),
      database: databaseFlavor(),
      events: options.events,
      people: options.people,
      machine: {
        cpus: cpus().length,
        node: process.version,
        loadAverage: loadavg().map((load) => Number(load.toFixed(1))),
      },
      writeSeconds: Number(writeSeconds.toFixed(1)),
      refreshSeconds: Number(seconds.toFixed(2)),
      eventsPerSecond: Math.round(options.events / seconds),
      summary,
      storedCases: await db.borrowedCase.count(),
      rssBeforeRefreshMegabytes: megabytes(rssBefore),
      peakRssBeforeRefreshMegabytes: megabytes(peakBefore),
      peakRssMegabytes: megabytes(peakAfter),
    };
    console.log(
      `\nborrowed-credential refresh over ${options.events} imported events: ${report.refreshSeconds} s ` +
        `(${report.eventsPerSecond} events/s), ${summary.cases} cases, ${summary.flagged} flagged\n` +
        `peak RSS ${report.peakRssMegabytes} MB (before the refresh: ${report.peakRssBeforeRefreshMegabytes} MB)\n`,
    );
    mkdirSync('tests/bench/results', { recursive: true });
    const file = join('tests/bench/results', `detect-${report.database}-${report.measuredAt.slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${file}`);
  } finally {
    await disconnectDb();
    rmSync(scratch, { recursive: true, force: true });
  }
}
