import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { CHAINED_EVENT_COLUMNS } from '../../lib/audit/chain';
import { disconnectDb, getDb } from '../../lib/db';
import { migrateDatabase } from '../../lib/db/migrate';
import { storeImport } from '../../lib/ingest/store';

/**
 * CloudTrail from a file to the chained store on SQLite, timed, and as the baseline of the same run the same
 * rows written by a plain bulk insert (one prepared multi-row INSERT, one transaction, no index) into a SQLite
 * table of the same columns.
 */

export type IngestTiming = {
  events: number;
  fileMegabytes: number;
  seconds: number;
  eventsPerSecond: number;
  baselineSeconds: number;
  baselineEventsPerSecond: number;
  /** The same plain insert into a table with audit_events' indexes: what the rows alone cost to keep searchable. */
  indexedBaselineEventsPerSecond: number;
  indexedRatio: number;
  ratio: number;
  peakRssMegabytes: number;
};

const ACCOUNT = '123456789012';
const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
const ROLES = ['deploy', 'etl-nightly', 'payments-api'];
const AGENTS = [
  'aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64.ubuntu.22',
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69 exec-env/AWS_Lambda_python3.11',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'aws-sdk-js/3.540.0 ua/2.0 os/linux#6.1 lang/js md/nodejs#20.12.0 api/s3#3.540.0 app/langchain',
];
const ACTIONS: [string, string][] = [
  ['s3.amazonaws.com', 'GetObject'],
  ['s3.amazonaws.com', 'PutObject'],
  ['ec2.amazonaws.com', 'DescribeInstances'],
  ['iam.amazonaws.com', 'ListUsers'],
  ['lambda.amazonaws.com', 'Invoke'],
];

function userIdentity(index: number): Record<string, unknown> {
  const pick = index % 10;
  if (pick < 6) {
    const person = PEOPLE[index % PEOPLE.length];
    return {
      type: 'IAMUser',
      principalId: `AIDA${person.toUpperCase().padEnd(17, 'X')}`,
      arn: `arn:aws:iam::${ACCOUNT}:user/${person}`,
      accountId: ACCOUNT,
      accessKeyId: `AKIA${person.toUpperCase().padEnd(16, '0')}`,
      userName: person,
    };
  }
  if (pick < 9) {
    const role = ROLES[index % ROLES.length];
    return {
      type: 'AssumedRole',
      principalId: `AROA${role.toUpperCase().replace(/-/g, '').padEnd(17, 'Y')}:session-${index % 7}`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session-${index % 7}`,
      accountId: ACCOUNT,
      accessKeyId: `ASIA${String(index % 97).padStart(16, '0')}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROA${role.toUpperCase().replace(/-/g, '').padEnd(17, 'Y')}`,
          arn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
          accountId: ACCOUNT,
          userName: role,
        },
        attributes: { creationDate: '2026-11-01T00:00:00Z', mfaAuthenticated: 'false' },
      },
    };
  }
  return { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' };
}

function cloudTrailRecord(index: number, start: number): Record<string, unknown> {
  const [eventSource, eventName] = ACTIONS[index % ACTIONS.length];
  return {
    eventVersion: '1.09',
    userIdentity: userIdentity(index),
    eventTime: new Date(start + index * 1_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource,
    eventName,
    awsRegion: 'eu-west-1',
    sourceIPAddress: `203.0.113.${index % 250}`,
    userAgent: AGENTS[index % AGENTS.length],
    requestParameters: { bucketName: 'acme-reports', key: `reports/2026/${index}.csv` },
    responseElements: null,
    requestID: `req-${index.toString(16).padStart(12, '0')}`,
    eventID: `bench-${index.toString(16).padStart(8, '0')}-4d8b-8e21-5a9c0e7f4d33`,
    readOnly: eventName.startsWith('Get') || eventName.startsWith('Describe') || eventName.startsWith('List'),
    eventType: 'AwsApiCall',
    managementEvent: false,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Data',
  };
}

/** Writes `count` CloudTrail records as one file in CloudTrail's own shape: {"Records":[…]}. */
export async function writeCloudTrailFile(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  const start = Date.UTC(2026, 10, 1);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('{"Records":[\n');
  for (let index = 0; index < count; index += 1)
    await write(`${index > 0 ? ',\n' : ''}${JSON.stringify(cloudTrailRecord(index, start))}`);
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
}

const BASELINE_ROWS_PER_INSERT = Math.floor(32_766 / CHAINED_EVENT_COLUMNS.length);

/** The imported rows, read back, then written again by the plainest bulk insert SQLite has; only the writes are timed. */
function plainBulkInsert(file: string, options: { indexed: boolean }): { rows: number; seconds: number } {
  const db = new Database(file);
  // The page cache an import gives itself (lib/ingest/store.ts), so that both write with the same memory.
  db.pragma('cache_size = -65536');
  const columns = CHAINED_EVENT_COLUMNS.map((column) => `"${column}"`).join(', ');
  db.exec(`DROP TABLE IF EXISTS bench_plain_events`);
  db.exec(`CREATE TABLE bench_plain_events AS SELECT ${columns} FROM audit_events WHERE 0`);
  if (options.indexed) {
    const indexes = db
      .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_events' AND sql IS NOT NULL`)
      .pluck()
      .all() as string[];
    for (const sql of indexes)
      db.exec(
        sql.replace(/INDEX "([^"]+)"/, 'INDEX "bench_$1"').replace(/ON "audit_events"/, 'ON "bench_plain_events"'),
      );
  }
  const row = `(${CHAINED_EVENT_COLUMNS.map(() => '?').join(', ')})`;
  const insertMany = db.prepare(
    `INSERT INTO bench_plain_events (${columns}) VALUES ${Array(BASELINE_ROWS_PER_INSERT).fill(row).join(', ')}`,
  );
  const insertOne = db.prepare(`INSERT INTO bench_plain_events (${columns}) VALUES ${row}`);
  const select = db.prepare(`SELECT ${columns} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?`).raw();
  let seconds = 0;
  let rows = 0;
  let after = 0;
  for (;;) {
    const page = select.all(after, BASELINE_ROWS_PER_INSERT * 4) as unknown[][];
    if (page.length === 0) break;
    after = page[page.length - 1][0] as number;
    const started = performance.now();
    db.transaction(() => {
      let start = 0;
      for (; start + BASELINE_ROWS_PER_INSERT <= page.length; start += BASELINE_ROWS_PER_INSERT)
        insertMany.run(page.slice(start, start + BASELINE_ROWS_PER_INSERT).flat());
      for (; start < page.length; start += 1) insertOne.run(page[start]);
    })();
    seconds += (performance.now() - started) / 1000;
    rows += page.length;
  }
  db.close();
  return { rows, seconds };
}

async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
}

/** Imports `count` generated CloudTrail events into a fresh SQLite database at `file`. */
export async function timeIngest(scratch: string, count: number): Promise<IngestTiming> {
  const logFile = join(scratch, 'cloudtrail.json');
  const databaseFile = join(scratch, 'ingest.db');
  await writeCloudTrailFile(logFile, count);
  await migrateDatabase(`file:${databaseFile}`);
  process.env.DATABASE_URL = `file:${databaseFile}`;
  // Opening the connection and loading the query engine is not part of an import.
  await (await getDb()).$queryRawUnsafe('SELECT 1');
  const started = performance.now();
  const summary = await storeImport(
    { principal: { type: 'SYSTEM', label: 'bench:ingest' }, attribution: 'AGENT_AUTONOMOUS' },
    'cloudtrail',
    fileChunks(logFile),
  );
  const seconds = (performance.now() - started) / 1000;
  const peakRssMegabytes = Math.round(process.resourceUsage().maxRSS / 1024);
  await disconnectDb();
  if (summary.accepted !== count || summary.rejected.length > 0)
    throw new Error(`The import accepted ${summary.accepted} of ${count} (${summary.rejected[0]?.error ?? ''})`);
  const baseline = plainBulkInsert(databaseFile, { indexed: false });
  const indexed = plainBulkInsert(databaseFile, { indexed: true });
  const indexedBaselineEventsPerSecond = Math.round(indexed.rows / indexed.seconds);
  const eventsPerSecond = Math.round(count / seconds);
  const baselineEventsPerSecond = Math.round(baseline.rows / baseline.seconds);
  return {
    events: count,
    fileMegabytes: Math.round(statSync(logFile).size / 1024 / 1024),
    seconds: Math.round(seconds * 10) / 10,
    eventsPerSecond,
    baselineSeconds: Math.round(baseline.seconds * 10) / 10,
    baselineEventsPerSecond,
    ratio: Math.round((eventsPerSecond / baselineEventsPerSecond) * 100) / 100,
    indexedBaselineEventsPerSecond,
    indexedRatio: Math.round((eventsPerSecond / indexedBaselineEventsPerSecond) * 100) / 100,
    peakRssMegabytes,
  };
}
