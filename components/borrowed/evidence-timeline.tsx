import Link from 'next/link';
import { Bot, UserRound } from 'lucide-react';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { sourceLabel } from './labels';
import { utcDate, utcDateTime, utcTime } from './time';
import type { EvidenceItem } from './types';

const numberFormat = new Intl.NumberFormat('en-US');

/** Columns of the activity strip: enough to show a machine's steady pace against a person's bursts. */
const BUCKETS = 72;
/** Past this many events the list keeps every interactive one and the latest automation. */
const LISTED_LIMIT = 300;

const LANES = {
  interactive: {
    label: 'The person, interactively',
    short: 'Person',
    hint: 'Browser and console sign-ins, MFA',
    icon: UserRound,
    bar: 'bg-brand-500',
    ring: 'border-brand-500',
    text: 'text-brand-700',
  },
  automation: {
    label: 'Automation with their credential',
    short: 'Automation',
    hint: 'SDK, CLI and agent calls',
    icon: Bot,
    bar: 'bg-rose-500',
    ring: 'border-rose-500',
    text: 'text-rose-700',
  },
} as const;

type Role = EvidenceItem['role'];
type Span = { start: number; end: number };

function spanOf(evidence: EvidenceItem[]): Span {
  const times = evidence.map((item) => Date.parse(item.occurredAt));
  const start = Math.min(...times);
  const end = Math.max(...times);
  // A single instant still needs a width to draw on: an hour either side.
  return end > start ? { start, end } : { start: start - 3_600_000, end: end + 3_600_000 };
}

function bucketsOf(evidence: EvidenceItem[], role: Role, span: Span): number[] {
  const counts = new Array<number>(BUCKETS).fill(0);
  const width = (span.end - span.start) / BUCKETS;
  for (const item of evidence) {
    if (item.role !== role) continue;
    const index = Math.min(BUCKETS - 1, Math.floor((Date.parse(item.occurredAt) - span.start) / width));
    counts[index] += 1;
  }
  return counts;
}

function Lane({ role, counts, peak, total }: { role: Role; counts: number[]; peak: number; total: number }) {
  const lane = LANES[role];
  const Icon = lane.icon;
  return (
    <div className="grid grid-cols-1 gap-1.5 sm:grid-cols-[11rem_1fr] sm:items-center sm:gap-4">
      <div className="flex items-center gap-2 text-sm">
        <Icon className={cn('size-4 shrink-0', lane.text)} aria-hidden />
        <span className="font-medium text-slate-800">{lane.short}</span>
        <span className="text-slate-500 tabular-nums">{numberFormat.format(total)}</span>
      </div>
      <div
        className="flex h-10 items-end gap-px rounded-sm bg-slate-50 ring-1 ring-slate-100"
        data-testid={`lane-${role}`}
        aria-hidden
      >
        {counts.map((count, index) => (
          <div
            key={index}
            className={cn('flex-1 rounded-t-[1px]', count > 0 ? lane.bar : '')}
            // Square root: one person's sign-in stays visible beside a machine's thousands.
            style={{ height: count > 0 ? `${Math.max(12, Math.sqrt(count / peak) * 100)}%` : 0 }}
            title={count > 0 ? `${count} ${count === 1 ? 'event' : 'events'}` : undefined}
          />
        ))}
      </div>
    </div>
  );
}

/** Both lanes over one time axis: a machine's steady pace against a person's occasional sign-ins. */
function ActivityStrip({ evidence }: { evidence: EvidenceItem[] }) {
  const span = spanOf(evidence);
  const interactive = bucketsOf(evidence, 'interactive', span);
  const automation = bucketsOf(evidence, 'automation', span);
  const peak = Math.max(1, ...interactive, ...automation);
  const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
  const middle = new Date((span.start + span.end) / 2).toISOString();
  const summary = `${sum(interactive)} interactive and ${sum(automation)} automated events between ${utcDateTime(new Date(span.start).toISOString())} and ${utcDateTime(new Date(span.end).toISOString())}`;
  return (
    <figure className="space-y-2 border-b border-slate-100 px-5 py-4" aria-label={summary}>
      <Lane role="interactive" counts={interactive} peak={peak} total={sum(interactive)} />
      <Lane role="automation" counts={automation} peak={peak} total={sum(automation)} />
      <figcaption className="grid grid-cols-1 sm:grid-cols-[11rem_1fr] sm:gap-4">
        <span className="hidden sm:block" />
        <span className="flex justify-between gap-2 text-xs text-slate-500 tabular-nums">
          <span>{utcDateTime(new Date(span.start).toISOString()).slice(0, 16)}</span>
          <span className="hidden sm:inline">{utcDateTime(middle).slice(0, 16)}</span>
          <span>{utcDateTime(new Date(span.end).toISOString()).slice(0, 16)} UTC</span>
        </span>
      </figcaption>
    </figure>
  );
}

function EventCard({ item, auditLinks }: { item: EvidenceItem; auditLinks: boolean }) {
  const lane = LANES[item.role];
  return (
    <div
      className={cn('min-w-0 rounded-md border-l-4 bg-white px-3 py-2 ring-1 ring-slate-200', lane.ring)}
      data-testid={`evidence-${item.role}`}
    >
      <p className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        <span className={cn('text-xs font-semibold md:hidden', lane.text)}>{lane.short}</span>
        <span className="font-mono text-sm font-medium break-all text-slate-900">{item.action}</span>
      </p>
      {item.userAgent ? (
        <p className="mt-0.5 truncate font-mono text-xs text-slate-600" title={item.userAgent}>
          {item.userAgent}
        </p>
      ) : null}
      <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-500">
        {item.ip ? <span className="font-mono">{item.ip}</span> : null}
        <span>{sourceLabel(item.source)}</span>
        <span className="max-w-full truncate font-mono" title={`Event id in the source log: ${item.sourceEventId}`}>
          {item.sourceEventId}
        </span>
        {item.seq !== null ? (
          auditLinks ? (
            <Link href={`/audit?seq=${item.seq}`} className="text-brand-700 hover:underline">
              audit #{item.seq}
            </Link>
          ) : (
            <span>audit #{item.seq}</span>
          )
        ) : null}
      </p>
      {item.note ? <p className="mt-1 text-xs text-slate-700">{item.note}</p> : null}
    </div>
  );
}

/** The events a person reads: all of them up to a limit, else every interactive one and the latest automation. */
function listed(evidence: EvidenceItem[]): EvidenceItem[] {
  const ordered = [...evidence].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  if (ordered.length <= LISTED_LIMIT) return ordered;
  const interactive = ordered.filter((item) => item.role === 'interactive');
  const room = Math.max(LISTED_LIMIT - interactive.length, LISTED_LIMIT / 2);
  const automation = ordered.filter((item) => item.role === 'automation').slice(-room);
  return [...interactive, ...automation].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

/**
 * The evidence behind a case, oldest first, in two columns over one time line: what the person did at a keyboard
 * on the left, what automation did with their credential on the right.
 */
export function EvidenceTimeline({
  evidence,
  eventCount,
  auditLinks,
}: {
  evidence: EvidenceItem[];
  /** How many events the case counts in all; the evidence is the part of them detection kept. */
  eventCount: number;
  auditLinks: boolean;
}) {
  const shown = listed(evidence);
  const kept =
    evidence.length < eventCount
      ? `${numberFormat.format(evidence.length)} of the case’s ${numberFormat.format(eventCount)} events, kept as evidence`
      : `${numberFormat.format(evidence.length)} ${evidence.length === 1 ? 'event' : 'events'}`;
  return (
    <Card>
      <CardHeader
        title="Evidence"
        description={
          shown.length < evidence.length
            ? `${kept}; listed: every interactive one and the latest automated ones (${numberFormat.format(shown.length)}). Oldest first, times in UTC.`
            : `${kept}. Oldest first, times in UTC.`
        }
      />
      {evidence.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">
          This case was declared in the inventory; no log event is attached.
        </p>
      ) : (
        <>
          <ActivityStrip evidence={evidence} />
          <div className="hidden grid-cols-[1fr_5.5rem_1fr] gap-3 border-b border-slate-100 bg-slate-50 px-5 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase md:grid">
            <span>
              {LANES.interactive.label}
              <span className="block font-normal tracking-normal normal-case">{LANES.interactive.hint}</span>
            </span>
            <span className="text-center">Time</span>
            <span>
              {LANES.automation.label}
              <span className="block font-normal tracking-normal normal-case">{LANES.automation.hint}</span>
            </span>
          </div>
          <ol className="space-y-2 px-3 py-3 sm:px-5" aria-label="Evidence events, oldest first" data-testid="evidence">
            {shown.map((item, index) => {
              const day = utcDate(item.occurredAt);
              const newDay = index === 0 || day !== utcDate(shown[index - 1].occurredAt);
              return (
                <li key={`${item.source}:${item.sourceEventId}`}>
                  {newDay ? (
                    <p className={cn('mb-2 text-xs font-semibold text-slate-500 md:text-center', index > 0 && 'mt-3')}>
                      {day}
                    </p>
                  ) : null}
                  <div className="grid grid-cols-[4.5rem_1fr] items-start gap-2 md:grid-cols-[1fr_5.5rem_1fr] md:gap-3">
                    <div
                      className={cn(
                        'min-w-0',
                        item.role === 'interactive' ? 'col-start-2 md:col-start-1' : 'hidden md:block',
                      )}
                    >
                      {item.role === 'interactive' ? <EventCard item={item} auditLinks={auditLinks} /> : null}
                    </div>
                    <time
                      dateTime={item.occurredAt}
                      title={utcDateTime(item.occurredAt)}
                      className="col-start-1 row-start-1 pt-2 font-mono text-xs text-slate-500 tabular-nums md:col-start-2 md:text-center"
                    >
                      {utcTime(item.occurredAt)}
                    </time>
                    <div
                      className={cn(
                        'min-w-0',
                        item.role === 'automation' ? 'col-start-2 md:col-start-3' : 'hidden md:block',
                      )}
                    >
                      {item.role === 'automation' ? <EventCard item={item} auditLinks={auditLinks} /> : null}
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </Card>
  );
}
