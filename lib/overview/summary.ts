import 'server-only';
import { getDb } from '../db';
import type { Attribution } from '../db/generated/sqlite/enums';
import { can, requirePermission, type HumanActor } from '../auth/actor';
import { reachesOnlySponsored } from '../auth/ownership';
import { attentionItems } from './attention';
import { getGovernanceMetrics } from '../metrics/governance';
import { lastDays } from '../metrics/days';
import { approvalsAnswer, borrowedAnswer, chainAnswer } from './answers';
import { countList, hrefOf, type ListLink } from './links';

export const CHART_DAYS = 90;

export type DailyAttribution = { day: string } & Record<Attribution, number>;

const ATTRIBUTIONS: Attribution[] = ['HUMAN', 'AGENT_DELEGATED', 'AGENT_AUTONOMOUS', 'AGENT_BORROWED', 'UNKNOWN'];

function emptyDay(day: string): DailyAttribution {
  return { day, HUMAN: 0, AGENT_DELEGATED: 0, AGENT_AUTONOMOUS: 0, AGENT_BORROWED: 0, UNKNOWN: 0 };
}

/** The day's count moved from the stored attribution to AGENT_BORROWED for each event a borrowed case marks. */
function shiftBorrowed(
  byDay: Map<string, DailyAttribution>,
  marks: { day: string; storedAttribution: Attribution; _count: { _all: number } }[],
): void {
  for (const mark of marks) {
    const entry = byDay.get(mark.day);
    if (!entry || mark.storedAttribution === 'AGENT_BORROWED') continue;
    entry[mark.storedAttribution] -= mark._count._all;
    entry.AGENT_BORROWED += mark._count._all;
  }
}

/**
 * Events per day by effective attribution, from the daily rollups and the borrowed cases' marks (never a scan of
 * the trail): an event a flagged case marks counts as AGENT_BORROWED whatever was stored on it.
 */
async function attributionSeries(): Promise<DailyAttribution[]> {
  const days = lastDays(CHART_DAYS);
  const db = await getDb();
  const [rows, marks] = await Promise.all([
    db.auditDailyRollup.groupBy({
      by: ['day', 'attribution'],
      where: { day: { gte: days[0] } },
      _sum: { count: true },
    }),
    db.borrowedEventMark.groupBy({
      by: ['day', 'storedAttribution'],
      where: { day: { gte: days[0] } },
      _count: { _all: true },
    }),
  ]);
  const byDay = new Map(days.map((day) => [day, emptyDay(day)]));
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (entry) entry[row.attribution] = row._sum.count ?? 0;
  }
  shiftBorrowed(byDay, marks);
  return [...byDay.values()];
}

export type BorrowedShare = { day: string; percent: number | null };

/** The share of each day's events done with a borrowed human credential; a day without events is a gap. */
function borrowedShare(series: DailyAttribution[]): BorrowedShare[] {
  return series.map((day) => {
    const total = ATTRIBUTIONS.reduce((sum, attribution) => sum + day[attribution], 0);
    return { day: day.day, percent: total === 0 ? null : (100 * day.AGENT_BORROWED) / total };
  });
}

const ORPHANED: ListLink = { list: 'nhis', params: { orphaned: '1' } };

export type OverviewCardKey = 'nhis' | 'agents' | 'borrowed' | 'standing' | 'discovered' | 'findings';

/** Each card of the overview is a count of one filtered list, and links to it. */
const CARD_LINKS: Record<OverviewCardKey, ListLink> = {
  nhis: { list: 'nhis', params: {} },
  agents: { list: 'nhis', params: { kind: 'AI_AGENT' } },
  borrowed: { list: 'credentials', params: { status: 'ACTIVE', borrowed: '1' } },
  standing: { list: 'credentials', params: { status: 'ACTIVE', standing: '1' } },
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

/**
 * The overview: the answers to a security lead's Monday questions, what needs attention now, the figures (each a
 * link to the list it counts) and the governance trends. A sponsor's overview speaks of the NHIs they sponsor
 * only: every count goes through the ownership scope of its list, and the organisation's trail is left out.
 */
export async function getOverview(actor: HumanActor) {
  requirePermission(actor, 'overview.read');
  const showTrail = can(actor, 'audit.read');
  const [overviewCards, attention, borrowed, approvals, chain, governance, series] = await Promise.all([
    cards(actor),
    attentionItems(actor),
    borrowedAnswer(actor),
    approvalsAnswer(actor),
    chainAnswer(actor),
    getGovernanceMetrics(actor),
    showTrail ? attributionSeries() : Promise.resolve(null),
  ]);
  return {
    scope: reachesOnlySponsored(actor, 'readNhis') ? ('sponsored' as const) : ('organisation' as const),
    cards: overviewCards,
    attention,
    answers: {
      borrowed: { ...borrowed, href: '/borrowed', share: series ? borrowedShare(series) : null },
      approvals,
      orphaned: { count: governance.orphaned[governance.orphaned.length - 1].orphaned ?? 0, href: hrefOf(ORPHANED) },
      credentials: governance.credentials[governance.credentials.length - 1],
      chain,
    },
    events: chain?.headSeq ?? null,
    governance,
    series,
    attributions: ATTRIBUTIONS,
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;
