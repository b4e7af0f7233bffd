import 'server-only';
import { databaseFlavor, getDb } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
import { requirePermission, type HumanActor } from '../auth/actor';
import { reachesOnlySponsored, scopeReach } from '../auth/ownership';
import { borrowedBurnDown } from '../borrowed/list';
import { countList } from '../overview/links';
import { DAY_MS, dayOf, dayStart, lastDays } from './days';
import { ORPHANED_METRIC } from './snapshots';
import { mean, percentile } from './statistics';

/** Governance metrics: each a daily trend over the last 90 UTC days, its last day being today up to now. */

export const METRIC_DAYS = 90;
/** Approval turnaround is taken over the decisions of the seven days ending each day: a day has too few. */
export const TURNAROUND_WINDOW_DAYS = 7;

export type DailyValues<K extends string> = { day: string } & Record<K, number | null>;

export type GovernanceMetrics = {
  /**
   * Credentials active at some time each day (today: up to now), standing ones apart from task tokens: a task
   * token lives minutes or hours, so a count at the end of the day would miss nearly all of them.
   */
  credentials: DailyValues<'standing' | 'taskScoped'>[];
  /** Flagged borrowed-credential cases open at the end of each day, and those resolved that day. */
  burnDown: DailyValues<'open' | 'resolved'>[];
  /** Minutes from a scope request to its decision, over the decisions of the 7 days ending that day. */
  turnaround: DailyValues<'medianMinutes' | 'p90Minutes' | 'decisions'>[];
  /** Mean minutes from approval to end (completion, revocation or expiry) of the grants that ended that day. */
  grantLifetime: DailyValues<'meanMinutes' | 'grants'>[];
  /** Orphaned NHIs: recorded once a day, so days before the first record are gaps. */
  orphaned: DailyValues<'orphaned'>[];
};

type Window = { days: string[]; from: Date; now: Date };

function windowOf(now: Date): Window {
  const days = lastDays(METRIC_DAYS, now);
  return { days, from: dayStart(days[0]), now };
}

/** Where a day's figure is read: the end of the day, or now for today. */
function cutoffOf(day: string, now: Date): Date {
  const end = dayStart(day).getTime() + DAY_MS;
  return new Date(Math.min(end, now.getTime()));
}

const minutes = (ms: number) => ms / 60_000;

type CredentialGroup = { task: number | bigint; started: string; ended: string | null; count: number | bigint };

/**
 * Credentials grouped by kind (task token or not), the day they were issued and the day they ended; a day before
 * the window reads as ''. A credential ends at its revocation or expiry, whichever came first, or, when it is no
 * longer active and says neither, at its last update. One scan of the table, grouped in the database.
 */
async function credentialGroups(actor: HumanActor, window: Window): Promise<CredentialGroup[]> {
  const postgres = databaseFlavor() === 'postgres';
  const values: string[] = [];
  const text = (value: string) => {
    values.push(value);
    return postgres ? `$${values.length}` : '?';
  };
  const moment = (value: Date) =>
    postgres ? `CAST(${text(value.toISOString())} AS timestamp)` : text(value.toISOString());
  const day = (column: string) => (postgres ? `to_char(${column}, 'YYYY-MM-DD')` : `substr(${column}, 1, 10)`);
  const endAt = `(CASE
      WHEN c."revokedAt" IS NOT NULL AND (c."expiresAt" IS NULL OR c."revokedAt" < c."expiresAt") THEN c."revokedAt"
      WHEN c."expiresAt" IS NOT NULL THEN c."expiresAt"
      WHEN c."status" <> 'ACTIVE' THEN c."updatedAt"
    END)`;
  // Placeholders are numbered (PostgreSQL) or positional (SQLite): the parts are written in the statement's order.
  const started = `CASE WHEN c."issuedAt" < ${moment(window.from)} THEN '' ELSE ${day('c."issuedAt"')} END`;
  const ended = `CASE WHEN ${endAt} IS NULL OR ${endAt} > ${moment(window.now)} THEN NULL
      WHEN ${endAt} < ${moment(window.from)} THEN '' ELSE ${day(endAt)} END`;
  const issued = `c."issuedAt" <= ${moment(window.now)}`;
  const sponsored = reachesOnlySponsored(actor, 'readNhis')
    ? `AND (c."holderNhiId" IN (SELECT n."id" FROM "nhis" n WHERE n."sponsorId" = ${text(actor.humanId)})
        OR c."subjectNhiId" IN (SELECT n."id" FROM "nhis" n WHERE n."sponsorId" = ${text(actor.humanId)}))`
    : '';
  const db = await getDb();
  return db.$queryRawUnsafe<CredentialGroup[]>(
    `SELECT g."task", g."started", g."ended", COUNT(*) AS "count" FROM (
      SELECT CASE WHEN c."kind" = 'TASK_TOKEN' THEN 1 ELSE 0 END AS "task", ${started} AS "started", ${ended} AS "ended"
      FROM "credentials" c
      WHERE ${issued} ${sponsored}
    ) g
    GROUP BY g."task", g."started", g."ended"`,
    ...values,
  );
}

async function credentialSeries(actor: HumanActor, window: Window): Promise<GovernanceMetrics['credentials']> {
  const groups = await credentialGroups(actor, window);
  return window.days.map((day) => {
    let standing = 0;
    let taskScoped = 0;
    for (const group of groups) {
      const active = group.started <= day && (group.ended === null || group.ended >= day);
      if (!active) continue;
      if (Number(group.task) === 1) taskScoped += Number(group.count);
      else standing += Number(group.count);
    }
    return { day, standing, taskScoped };
  });
}

async function turnaroundSeries(
  reach: Prisma.ScopeRequestWhereInput,
  window: Window,
): Promise<GovernanceMetrics['turnaround']> {
  const db = await getDb();
  const earliest = new Date(window.from.getTime() - (TURNAROUND_WINDOW_DAYS - 1) * DAY_MS);
  const decided = await db.scopeRequest.findMany({
    where: { AND: [reach, { decidedAt: { gte: earliest, lte: window.now } }] },
    select: { requestedAt: true, decidedAt: true },
  });
  return window.days.map((day) => {
    const end = cutoffOf(day, window.now).getTime();
    const start = dayStart(day).getTime() - (TURNAROUND_WINDOW_DAYS - 1) * DAY_MS;
    const waits = decided.flatMap(({ requestedAt, decidedAt }) => {
      const at = decidedAt?.getTime();
      return at !== undefined && at >= start && at < end ? [minutes(at - requestedAt.getTime())] : [];
    });
    return {
      day,
      medianMinutes: percentile(waits, 0.5),
      p90Minutes: percentile(waits, 0.9),
      decisions: waits.length,
    };
  });
}

/** A grant ends at the first of its completion, revocation and expiry; null while none has come. */
function grantEnd(
  grant: { completedAt: Date | null; revokedAt: Date | null; expiresAt: Date | null },
  now: Date,
): Date | null {
  const ends = [grant.completedAt, grant.revokedAt, grant.expiresAt].filter(
    (at): at is Date => at !== null && at <= now,
  );
  if (ends.length === 0) return null;
  return new Date(Math.min(...ends.map((at) => at.getTime())));
}

async function grantLifetimeSeries(
  reach: Prisma.ScopeRequestWhereInput,
  window: Window,
): Promise<GovernanceMetrics['grantLifetime']> {
  const db = await getDb();
  const since = { gte: window.from, lte: window.now };
  const grants = await db.scopeRequest.findMany({
    where: {
      AND: [
        reach,
        { status: { in: ['APPROVED', 'COMPLETED', 'EXPIRED', 'REVOKED'] }, decidedAt: { not: null } },
        { OR: [{ completedAt: since }, { revokedAt: since }, { expiresAt: since }] },
      ],
    },
    select: { decidedAt: true, completedAt: true, revokedAt: true, expiresAt: true },
  });
  const lifetimesByDay = new Map<string, number[]>();
  for (const grant of grants) {
    const end = grantEnd(grant, window.now);
    if (!end || !grant.decidedAt || end < window.from) continue;
    const day = dayOf(end);
    const lifetimes = lifetimesByDay.get(day) ?? [];
    lifetimes.push(minutes(end.getTime() - grant.decidedAt.getTime()));
    lifetimesByDay.set(day, lifetimes);
  }
  return window.days.map((day) => {
    const lifetimes = lifetimesByDay.get(day) ?? [];
    return { day, meanMinutes: mean(lifetimes), grants: lifetimes.length };
  });
}

/**
 * Orphaned NHIs cannot be told from timestamps (a sponsor's offboarding changes it), so past days come from the
 * daily snapshots, which are of the whole organisation: a sponsor sees today's figure only. Today is counted now.
 */
async function orphanedSeries(actor: HumanActor, window: Window): Promise<GovernanceMetrics['orphaned']> {
  const today = await countList(actor, { list: 'nhis', params: { orphaned: '1' } });
  const recorded = new Map<string, number>();
  if (!reachesOnlySponsored(actor, 'readNhis')) {
    const db = await getDb();
    const rows = await db.governanceSnapshot.findMany({
      where: { metric: ORPHANED_METRIC, day: { gte: window.days[0] } },
      select: { day: true, value: true },
    });
    for (const row of rows) recorded.set(row.day, row.value);
  }
  const last = window.days[window.days.length - 1];
  return window.days.map((day) => ({ day, orphaned: day === last ? today : (recorded.get(day) ?? null) }));
}

/**
 * The governance metrics the actor may see: the whole organisation's, or for a sponsor those of the NHIs they
 * sponsor. Credentials are grouped in the database; scopes are read two timestamps at a time; no audit event is read.
 */
export async function getGovernanceMetrics(actor: HumanActor, now = new Date()): Promise<GovernanceMetrics> {
  requirePermission(actor, 'overview.read');
  const window = windowOf(now);
  const reach = scopeReach(actor, 'readNhis');
  const [credentials, burnDown, turnaround, grantLifetime, orphaned] = await Promise.all([
    credentialSeries(actor, window),
    borrowedBurnDown(actor, METRIC_DAYS),
    turnaroundSeries(reach, window),
    grantLifetimeSeries(reach, window),
    orphanedSeries(actor, window),
  ]);
  return { credentials, burnDown, turnaround, grantLifetime, orphaned };
}
