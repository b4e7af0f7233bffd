import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { format } from 'prettier';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectBorrowedCredentials, type BorrowedCase, type DetectionInventory } from '@/lib/detect/borrowed';
import { DEFAULT_SEED } from '@/lib/demo/catalog';
import {
  DEMO_LOGS_ANCHOR,
  DEMO_LOGS_FOLDER,
  demoLogFileBytes,
  demoLogsReadme,
  generateDemoLogs,
  type DemoLogs,
} from '@/lib/demo/logs';
import { retimedDemoLogFile, wholeDaysUntil } from '@/lib/demo/logs/retime';
import { DAY_MS } from '@/lib/demo/random';
import { allCredentials, buildWorld, type World } from '@/lib/demo/world';
import { parseRecords } from '@/lib/ingest/parse';
import type { NormalizedEvent, RejectedRecord } from '@/lib/ingest/types';

const root = path.resolve(__dirname, '../..');
const folder = path.join(root, DEMO_LOGS_FOLDER);

async function* chunksOf(bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += 64 * 1024) yield bytes.subarray(offset, offset + 64 * 1024);
}

async function parse(file: DemoLogs['files'][number], bytes: Buffer) {
  const events: NormalizedEvent[] = [];
  const rejected: RejectedRecord[] = [];
  for await (const record of parseRecords(file.format, chunksOf(bytes))) {
    if ('event' in record) events.push(record.event);
    else rejected.push(record);
  }
  return { events, rejected };
}

/** What the cases helper loads from the database, built here from the same demo world the seed writes. */
function inventoryOf(world: World): DetectionInventory {
  return {
    people: world.people.all.map(({ row }) => ({ id: row.id, email: row.email, name: row.name, externalIds: [] })),
    nhis: world.identities.all.map(({ row }) => ({
      id: row.id,
      system: row.system,
      externalId: row.externalId,
      name: row.name,
    })),
    credentials: allCredentials(world).map((credential) => ({
      id: credential.id,
      fingerprint: credential.fingerprint,
      kind: credential.kind,
      subjectHumanId: credential.subjectHumanId,
      subjectNhiId: credential.subjectNhiId,
      holderNhiId: credential.holderNhiId,
    })),
    suppressions: [],
  };
}

const world = buildWorld(DEFAULT_SEED, DEMO_LOGS_ANCHOR);
const logs = generateDemoLogs(world);
const scenarioOf = new Map<string, string>();
let events: NormalizedEvent[] = [];
let cases: BorrowedCase[] = [];

/** The scenarios whose records a case's evidence comes from. */
function scenariosOf(found: BorrowedCase): Set<string> {
  return new Set(found.evidence.map((item) => scenarioOf.get(`${item.source}|${item.sourceEventId}`) ?? 'unlabelled'));
}

beforeAll(async () => {
  for (const file of logs.files) {
    const committed = readFileSync(path.join(folder, file.path));
    const { events: parsed } = await parse(file, committed);
    parsed.forEach((event, index) =>
      scenarioOf.set(`${event.source}|${event.sourceEventId}`, file.entries[index].scenario),
    );
    events = events.concat(parsed);
  }
  cases = detectBorrowedCredentials(events, inventoryOf(world), { now: DEMO_LOGS_ANCHOR });
});

describe('the demo logs', () => {
  it.each(logs.files.map((file) => [file.path, file] as const))('%s is what the generator writes', (relative, file) => {
    const committed = readFileSync(path.join(folder, relative));
    const generated = demoLogFileBytes(file);
    const text = (bytes: Buffer) => (file.gzip ? gunzipSync(bytes) : bytes).toString('utf8');
    // Plain JSON files are committed as Prettier lays them out; their records are what counts.
    if (relative.endsWith('.json')) expect(JSON.parse(text(committed))).toEqual(JSON.parse(text(generated)));
    else expect(text(committed)).toBe(text(generated));
  });

  it('has a README that names every scenario', async () => {
    const readme = path.join(folder, 'README.md');
    expect(readFileSync(readme, 'utf8')).toBe(await format(demoLogsReadme(logs), { filepath: readme }));
  });

  it.each(logs.files.map((file) => [file.path, file] as const))(
    '%s parses without a rejection',
    async (relative, file) => {
      const { events: parsed, rejected } = await parse(file, readFileSync(path.join(folder, relative)));
      expect(rejected).toEqual([]);
      expect(parsed).toHaveLength(file.entries.length);
    },
  );

  it('spreads over the two weeks before the anchor', () => {
    const times = events.map((event) => event.occurredAt.getTime());
    expect(Math.max(...times)).toBeLessThan(DEMO_LOGS_ANCHOR.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(DEMO_LOGS_ANCHOR.getTime() - 14 * DAY_MS);
  });
});

describe('detection over the demo logs with the demo inventory', () => {
  const borrowed = logs.scenarios.filter((scenario) => scenario.kind === 'borrowed');

  it.each(borrowed.map((scenario) => [scenario.id, scenario] as const))('flags %s', (id) => {
    const flagged = cases.filter((found) => found.flagged && scenariosOf(found).has(id));
    expect(flagged.map((found) => found.confidence)).toEqual(['high']);
    expect([...scenariosOf(flagged[0])]).toEqual([id]);
    const roles = new Set(flagged[0].evidence.map((item) => item.role));
    expect(roles).toEqual(new Set(['automation', 'interactive']));
  });

  it('flags nothing else: no look-alike, no discovered machine', () => {
    const flaggedScenarios = cases.filter((found) => found.flagged).flatMap((found) => [...scenariosOf(found)]);
    expect(new Set(flaggedScenarios)).toEqual(new Set(borrowed.map((scenario) => scenario.id)));
  });

  it('links the cases to people in the directory, except the consultant the directory does not know', () => {
    const people = new Map(world.people.all.map(({ row }) => [row.id, row.email]));
    const linked = cases
      .filter((found) => found.flagged)
      .map((found) => [
        [...scenariosOf(found)][0],
        found.human.personId ? people.get(found.human.personId) : found.human.email,
      ]);
    expect(Object.fromEntries(linked)).toMatchObject({
      'gcp-agent-on-user-credentials': 'jonas.weber@northwind-analytics.example',
    });
    for (const found of cases.filter(
      (candidate) => candidate.flagged && !scenariosOf(candidate).has('gcp-agent-on-user-credentials'),
    ))
      expect(found.human.personId).not.toBeNull();
  });

  it('finds machines the inventory does not know in each discovered scenario', () => {
    const known = new Set(world.identities.all.map(({ row }) => row.externalId.toLowerCase()));
    for (const scenario of logs.scenarios.filter((candidate) => candidate.kind === 'discovered')) {
      const principals = new Set(
        events
          .filter((event) => scenarioOf.get(`${event.source}|${event.sourceEventId}`) === scenario.id)
          .map((event) => `${event.principal.kind} ${event.principal.externalId}`),
      );
      expect(principals.size, scenario.id).toBe(1);
      const [principal] = principals;
      expect(principal.startsWith('machine '), principal).toBe(true);
      expect(known.has(principal.slice('machine '.length).toLowerCase())).toBe(false);
    }
  });

  it('finds the same cases once the demo has moved the logs to the day it runs', async () => {
    const now = new Date(DEMO_LOGS_ANCHOR.getTime() + 23.5 * DAY_MS);
    const days = wholeDaysUntil(now);
    expect(days).toBe(23);
    let moved: NormalizedEvent[] = [];
    for (const file of logs.files) {
      const bytes = readFileSync(path.join(folder, file.path));
      const pieces: Uint8Array[] = [];
      for await (const piece of retimedDemoLogFile(file.format, chunksOf(bytes), days)) pieces.push(piece);
      const retimed = Buffer.concat(pieces);
      moved = moved.concat((await parse(file, retimed)).events);
    }
    expect(moved.map((event) => event.occurredAt.getTime() - days * DAY_MS)).toEqual(
      events.map((event) => event.occurredAt.getTime()),
    );
    const again = detectBorrowedCredentials(moved, inventoryOf(world), { now });
    const summary = (found: BorrowedCase[]) => found.map((one) => `${one.id} ${one.confidence} ${one.flagged}`).sort();
    expect(summary(again)).toEqual(summary(cases));
  });
});
