import 'server-only';
import { hash } from '@node-rs/argon2';
import { appendAuditEvents } from '../audit/append';
import { getDb, transaction } from '../db';
import { AppError } from '../errors';
import { refreshAllFindings } from '../findings/refresh-all';
import { DEFAULT_SEED, DEMO_PASSWORD } from './catalog';
import { Usage, auditEventBatches } from './events';
import { allCredentials, buildWorld, type World } from './world';

export const DEFAULT_EVENT_COUNT = 200_000;
/** One transaction per batch: large enough to amortise the commit, small enough to keep locks short. */
const EVENT_BATCH_SIZE = 2_000;

export type SeedOptions = {
  seed?: number;
  /** The moment the demo data is anchored at: "the last 90 days" end here. */
  now?: Date;
  events?: number;
  onEvents?: (appended: number, total: number) => void;
  /** Seed although the database is not empty (never in production). */
  force?: boolean;
};

export type SeedSummary = {
  counts: Record<
    | 'humans'
    | 'nhis'
    | 'credentials'
    | 'borrowedCredentials'
    | 'scopeRequests'
    | 'scopeApprovals'
    | 'taskTokens'
    | 'apiKeys',
    number
  >;
  events: number;
  findings: number;
  eventSeconds: number;
  eventsPerSecond: number;
  totalSeconds: number;
};

/** No people, NHIs, credentials or API keys: nothing a demo organisation could mix with or hand out access to. */
export async function databaseIsEmpty(): Promise<boolean> {
  const db = await getDb();
  const counts = [await db.human.count(), await db.nhi.count(), await db.credential.count(), await db.apiKey.count()];
  return counts.every((count) => count === 0);
}

/**
 * The demo adds an ADMIN with the published demo password and API keys derived from the public seed: never
 * in production, and only into an empty database unless `force` says the operator means it.
 */
export async function assertMaySeed(options: { force?: boolean }): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    throw new AppError(
      'SEED_REFUSED',
      'Refusing to seed demo data with NODE_ENV=production: it adds an ADMIN with a published password.',
      409,
    );
  }
  if (!options.force && !(await databaseIsEmpty())) {
    throw new AppError(
      'SEED_REFUSED',
      'Refusing to seed: the database already has people, NHIs, credentials or API keys. The demo adds an ADMIN ' +
        'with a published password and known API keys; pass --force to add them anyway.',
      409,
    );
  }
}

async function insertWorld(world: World): Promise<void> {
  const demoEmails = new Set(Object.values(world.people.demo).map((person) => person.row.email));
  const humans = await Promise.all(
    world.people.all.map(async ({ row }) =>
      demoEmails.has(row.email) ? { ...row, passwordHash: await hash(DEMO_PASSWORD) } : row,
    ),
  );
  await transaction(async (tx) => {
    await tx.human.createMany({ data: humans });
    await tx.nhi.createMany({ data: world.identities.all.map((identity) => identity.row) });
    await tx.credential.createMany({ data: allCredentials(world) });
    await tx.scopeRequest.createMany({ data: world.scopes.requests });
    await tx.scopeApproval.createMany({ data: world.scopes.approvals });
    await tx.taskToken.createMany({ data: world.scopes.taskTokens });
    await tx.apiKey.createMany({ data: world.apiKeys });
  });
}

async function appendEvents(
  world: World,
  total: number,
  usage: Usage,
  onEvents?: SeedOptions['onEvents'],
): Promise<number> {
  let appended = 0;
  for (const batch of auditEventBatches(world, { total, batchSize: EVENT_BATCH_SIZE, usage })) {
    await transaction((tx) => appendAuditEvents(tx, batch));
    appended += batch.length;
    onEvents?.(appended, total);
  }
  return appended;
}

/**
 * Writes back when the trail last saw each identity, credential and sign-in, so that the inventory agrees
 * with it. `updatedAt` is given explicitly to keep the rows reproducible.
 */
async function recordUsage(world: World, usage: Usage): Promise<void> {
  const credentialById = new Map(allCredentials(world).map((credential) => [credential.id, credential]));
  const identityById = new Map(world.identities.all.map((identity) => [identity.row.id, identity.row]));
  const personById = new Map(world.people.all.map((person) => [person.row.id, person.row]));
  await transaction(async (tx) => {
    for (const [id, lastUsedAt] of usage.credentialLastUsed) {
      await tx.credential.update({
        where: { id },
        data: { lastUsedAt: new Date(lastUsedAt), updatedAt: credentialById.get(id)!.updatedAt },
      });
    }
    for (const [id, lastSeenAt] of usage.nhiLastSeen) {
      await tx.nhi.update({
        where: { id },
        data: { lastSeenAt: new Date(lastSeenAt), updatedAt: identityById.get(id)!.updatedAt },
      });
    }
    for (const [id, lastSignInAt] of usage.humanLastSignIn) {
      await tx.human.update({
        where: { id },
        data: { lastSignInAt: new Date(lastSignInAt), updatedAt: personById.get(id)!.updatedAt },
      });
    }
  });
}

/** Marks the database as holding demo data, last, so that a seed cut short is not taken for a finished one. */
async function markAsDemo(world: World): Promise<void> {
  await transaction((tx) =>
    tx.setting.upsert({
      where: { key: 'demo' },
      create: { key: 'demo', value: 'true', updatedAt: world.now },
      update: { value: 'true', updatedAt: world.now },
    }),
  );
}

const seconds = (from: number) => (performance.now() - from) / 1000;

/** Fills an empty database with the demo organisation and `events` audit events of its last 90 days. */
export async function seedDemo(options: SeedOptions = {}): Promise<SeedSummary> {
  await assertMaySeed({ force: options.force });
  const startedAt = performance.now();
  const world = buildWorld(options.seed ?? DEFAULT_SEED, options.now ?? new Date());
  await insertWorld(world);
  const usage = new Usage();
  const eventsStartedAt = performance.now();
  const events = await appendEvents(world, options.events ?? DEFAULT_EVENT_COUNT, usage, options.onEvents);
  const eventSeconds = seconds(eventsStartedAt);
  await recordUsage(world, usage);
  // Findings and the inventory's per-NHI figures rest on the rows and on the credential usage the trail recorded.
  const findings = await refreshAllFindings(world.now);
  await markAsDemo(world);
  return {
    counts: {
      humans: world.people.all.length,
      nhis: world.identities.all.length,
      credentials: allCredentials(world).length,
      borrowedCredentials: world.credentials.borrowed.length,
      scopeRequests: world.scopes.requests.length,
      scopeApprovals: world.scopes.approvals.length,
      taskTokens: world.scopes.taskTokens.length,
      apiKeys: world.apiKeys.length,
    },
    events,
    findings: findings.opened,
    eventSeconds,
    eventsPerSecond: events / Math.max(eventSeconds, 0.001),
    totalSeconds: seconds(startedAt),
  };
}
