import 'server-only';
import { getDb } from '../db';
import type { Attribution } from '../db/generated/sqlite/enums';
import { can, requirePermission, type HumanActor } from '../auth/actor';
import { reachesOnlySponsored } from '../auth/ownership';
import { attentionItems } from './attention';
import { countList, hrefOf, type ListLink } from './links';

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

export type OverviewCardKey = 'nhis' | 'agents' | 'borrowed' | 'standing' | 'orphaned' | 'discovered' | 'findings';

/** Each card of the overview is a count of one filtered list, and links to it. */
const CARD_LINKS: Record<OverviewCardKey, ListLink> = {
  nhis: { list: 'nhis', params: {} },
  agents: { list: 'nhis', params: { kind: 'AI_AGENT' } },
  borrowed: { list: 'credentials', params: { status: 'ACTIVE', borrowed: '1' } },
  standing: { list: 'credentials', params: { status: 'ACTIVE', standing: '1' } },
  orphaned: { list: 'nhis', params: { orphaned: '1' } },
  discovered: { list: 'nhis', params: { status: 'DISCOVERED' } },
  findings: { list: 'findings', params: {} },
};

export type OverviewCard = { key: OverviewCardKey; count: number; href: string };

async function cards(actor: HumanActor): Promise<OverviewCard[]> {
  const entries = Object.entries(CARD_LINKS) as [OverviewCardKey, ListLink][];
  return Promise.all(
    entries.map(async ([key, link]) => ({ key, count: await countList(actor, link), href: hrefOf(link) })),
  );
}

/** The chain's length: the whole organisation's trail, so only for those who read it. */
async function chainLength(actor: HumanActor): Promise<number | null> {
  if (!can(actor, 'audit.read')) return null;
  const db = await getDb();
  const head = await db.auditChainHead.findUnique({ where: { id: 1 } });
  return head?.seq ?? 0;
}

/**
 * The overview's figures, each a link to the list it counts, and what needs attention now. A sponsor's
 * overview speaks of the NHIs they sponsor only: every count goes through the ownership scope of its list.
 */
export async function getOverview(actor: HumanActor) {
  requirePermission(actor, 'overview.read');
  const showTrail = can(actor, 'audit.read');
  return {
    scope: reachesOnlySponsored(actor, 'readNhis') ? ('sponsored' as const) : ('organisation' as const),
    cards: await cards(actor),
    attention: await attentionItems(actor),
    events: await chainLength(actor),
    series: showTrail ? await attributionSeries() : null,
    attributions: ATTRIBUTIONS,
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;
