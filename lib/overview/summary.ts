import 'server-only';
import { getDb } from '../db';
import type { Attribution } from '../db/generated/sqlite/enums';
import { can, requirePermission, type HumanActor } from '../auth/actor';
import { nhiScope as nhiReadScope, reachesOnlySponsored } from '../auth/ownership';

export const CHART_DAYS = 90;

export type DailyAttribution = { day: string } & Record<Attribution, number>;

const ATTRIBUTIONS: Attribution[] = ['HUMAN', 'AGENT_DELEGATED', 'AGENT_AUTONOMOUS', 'AGENT_BORROWED', 'UNKNOWN'];

function emptyDay(day: string): DailyAttribution {
  return { day, HUMAN: 0, AGENT_DELEGATED: 0, AGENT_AUTONOMOUS: 0, AGENT_BORROWED: 0, UNKNOWN: 0 };
}

function lastDays(count: number, today = new Date()): string[] {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Array.from({ length: count }, (_, index) =>
    new Date(end - (count - 1 - index) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** Events per day by attribution, from the daily rollups (never a scan of the trail). */
async function attributionSeries(): Promise<DailyAttribution[]> {
  const days = lastDays(CHART_DAYS);
  const db = await getDb();
  const rows = await db.auditDailyRollup.groupBy({
    by: ['day', 'attribution'],
    where: { day: { gte: days[0] } },
    _sum: { count: true },
  });
  const byDay = new Map(days.map((day) => [day, emptyDay(day)]));
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (entry) entry[row.attribution] = row._sum.count ?? 0;
  }
  return [...byDay.values()];
}

/** The overview's figures. A sponsor sees the NHIs they sponsor; everyone else sees the organisation. */
export async function getOverview(actor: HumanActor) {
  requirePermission(actor, 'overview.read');
  const db = await getDb();
  const nhiScope = nhiReadScope(actor, 'readNhis');
  const liveNhi = { ...nhiScope, status: { not: 'DECOMMISSIONED' as const } };
  const [nhis, agents, shadow, standing, borrowed, pending, head] = await Promise.all([
    db.nhi.count({ where: liveNhi }),
    db.nhi.count({ where: { ...liveNhi, kind: 'AI_AGENT' } }),
    db.nhi.count({ where: { ...nhiScope, status: 'DISCOVERED' } }),
    db.credential.count({ where: { status: 'ACTIVE', expiresAt: null, holderNhi: nhiScope } }),
    db.credential.count({ where: { status: 'ACTIVE', subjectHumanId: { not: null }, holderNhi: nhiScope } }),
    db.scopeRequest.count({ where: { status: 'PENDING', nhi: nhiScope } }),
    db.auditChainHead.findUnique({ where: { id: 1 } }),
  ]);
  const showTrail = can(actor, 'audit.read');
  return {
    scope: reachesOnlySponsored(actor, 'readNhis') ? ('sponsored' as const) : ('organisation' as const),
    counts: { nhis, agents, shadow, standing, borrowed, pending, events: head?.seq ?? 0 },
    series: showTrail ? await attributionSeries() : null,
    attributions: ATTRIBUTIONS,
  };
}
