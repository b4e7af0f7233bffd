import 'server-only';
import { getDb } from '../db';
import { can, type HumanActor } from '../auth/actor';
import { nhiScope } from '../auth/ownership';
import { environmentClass } from '../inventory/environments';
import { nhiWhere } from '../inventory/list';
import { nhiFilterSchema } from '../inventory/schemas';
import { parseInput } from '../validation';
import { countList, hrefOf, type ListLink } from './links';

/** What needs a person's attention now, the most urgent first; only what is there (a count above zero). */

export type AttentionItem = {
  key: string;
  title: string;
  detail: string;
  count: number;
  href: string;
  urgency: 'critical' | 'high' | 'medium';
};

type Candidate = Omit<AttentionItem, 'count' | 'href'> & { link: ListLink };

const ENVIRONMENT_LIMIT = 50;

/** Production goes by many names (prod, production, prd-eu…): one item per name, so each link filters exactly. */
async function productionEnvironmentsWithBorrowed(actor: HumanActor): Promise<string[]> {
  const db = await getDb();
  const groups = await db.nhi.groupBy({
    by: ['environment'],
    where: nhiWhere(actor, parseInput(nhiFilterSchema, { borrowed: '1' })),
    orderBy: { environment: 'asc' },
    take: ENVIRONMENT_LIMIT,
  });
  return groups.map((group) => group.environment).filter((name) => environmentClass(name) === 'production');
}

async function candidates(actor: HumanActor): Promise<Candidate[]> {
  const production = await productionEnvironmentsWithBorrowed(actor);
  return [
    {
      key: 'critical-findings',
      title: 'Critical findings open',
      detail: 'Risks to act on today.',
      urgency: 'critical',
      link: { list: 'findings', params: { severity: 'CRITICAL' } },
    },
    ...production.map((environment): Candidate => ({
      key: `borrowed-in-${environment}`,
      title: `Identities using a person's credential in ${environment}`,
      detail: 'Machines acting under a human name in production: move them to task-scoped credentials.',
      urgency: 'critical',
      link: { list: 'nhis', params: { borrowed: '1', environment } },
    })),
    {
      key: 'orphaned-agents',
      title: 'AI agents without an accountable sponsor',
      detail: 'Nobody reviews their access: assign a sponsor or decommission them.',
      urgency: 'high',
      link: { list: 'nhis', params: { kind: 'AI_AGENT', orphaned: '1' } },
    },
    {
      key: 'high-findings',
      title: 'High findings open',
      detail: 'Work them from the findings queue, oldest first.',
      urgency: 'high',
      link: { list: 'findings', params: { severity: 'HIGH' } },
    },
    {
      key: 'discovered',
      title: 'Identities discovered in logs, not yet triaged',
      detail: 'Seen acting, never reviewed: give each a sponsor or suspend it.',
      urgency: 'medium',
      link: { list: 'nhis', params: { status: 'DISCOVERED' } },
    },
  ];
}

/** Scope requests waiting for a decision, for those who decide; there is no filtered list of them yet. */
async function pendingApprovals(actor: HumanActor): Promise<AttentionItem | null> {
  if (!can(actor, 'scope.approve')) return null;
  const db = await getDb();
  const count = await db.scopeRequest.count({ where: { status: 'PENDING', nhi: nhiScope(actor, 'readNhis') } });
  return {
    key: 'pending-approvals',
    title: 'Scope requests waiting for a decision',
    detail: 'Agents wait for these before they can work.',
    urgency: 'high',
    count,
    href: '/approvals',
  };
}

const URGENCY_ORDER: AttentionItem['urgency'][] = ['critical', 'high', 'medium'];

export async function attentionItems(actor: HumanActor): Promise<AttentionItem[]> {
  const [listed, approvals] = await Promise.all([
    candidates(actor).then((all) =>
      Promise.all(
        all.map(async ({ link, ...candidate }) => ({
          ...candidate,
          count: await countList(actor, link),
          href: hrefOf(link),
        })),
      ),
    ),
    pendingApprovals(actor),
  ]);
  const items: AttentionItem[] = approvals ? [...listed, approvals] : listed;
  return items
    .filter((item) => item.count > 0)
    .sort((a, b) => URGENCY_ORDER.indexOf(a.urgency) - URGENCY_ORDER.indexOf(b.urgency));
}
