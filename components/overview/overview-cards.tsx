import { Activity, Bot, Boxes, KeyRound, Radar, ShieldAlert, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { OverviewCard, OverviewCardKey } from '@/lib/overview/summary';
import { StatCard } from './stat-card';

type CardLook = { label: string; icon: LucideIcon; hint: string; alarming?: boolean };

const LOOKS: Record<OverviewCardKey, CardLook> = {
  nhis: { label: 'Non-human identities', icon: Boxes, hint: 'Every kind and status' },
  agents: { label: 'AI agents', icon: Bot, hint: 'Agents in the inventory' },
  borrowed: {
    label: 'Borrowed human credentials',
    icon: ShieldAlert,
    hint: 'Active credentials of a person, held by an NHI',
    alarming: true,
  },
  standing: { label: 'Never-expiring credentials', icon: KeyRound, hint: 'Active, with no expiry date' },
  discovered: { label: 'Discovered, not triaged', icon: Radar, hint: 'Seen in logs, never reviewed' },
  findings: { label: 'Open findings', icon: TriangleAlert, hint: 'Across every identity', alarming: true },
};

function toneOf(look: CardLook, count: number): string {
  if (!look.alarming) return 'text-slate-900';
  return count > 0 ? 'text-rose-700' : 'text-emerald-700';
}

/** The overview's figures, each a link to the filtered list it counts. */
export function OverviewCards({ cards, events }: { cards: OverviewCard[]; events: number | null }) {
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {cards.map((card) => {
        const look = LOOKS[card.key];
        return (
          <StatCard
            key={card.key}
            testId={`card-${card.key}`}
            label={look.label}
            value={card.count}
            href={card.href}
            icon={look.icon}
            hint={look.hint}
            tone={toneOf(look, card.count)}
          />
        );
      })}
      {events !== null ? (
        <StatCard
          testId="card-events"
          label="Audit events in the chain"
          value={events}
          href="/audit"
          icon={Activity}
          hint="Hash-chained and append-only"
        />
      ) : null}
    </div>
  );
}
