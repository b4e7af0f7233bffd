import Link from 'next/link';
import type { ReactNode } from 'react';
import { ArrowRight, CircleAlert, CircleCheck } from 'lucide-react';
import type { Overview } from '@/lib/overview/summary';
import { cn } from '@/components/ui/cn';
import { RelativeTime } from '@/components/ui/relative-time';
import { Sparkline } from './sparkline';

const numberFormat = new Intl.NumberFormat('en-US');
const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function Question({
  id,
  question,
  figure,
  tone = 'text-slate-900',
  children,
  trend,
  link,
}: {
  id: string;
  question: string;
  figure: ReactNode;
  tone?: string;
  children: ReactNode;
  trend?: ReactNode;
  link: { href: string; label: string } | null;
}) {
  return (
    <section
      aria-labelledby={`question-${id}-title`}
      data-testid={`question-${id}`}
      className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
    >
      <h2 id={`question-${id}-title`} className="text-sm font-medium text-slate-500">
        {question}
      </h2>
      <p className={cn('mt-2 text-2xl font-semibold tabular-nums', tone)} data-testid="question-value">
        {figure}
      </p>
      <div className="mt-1 flex-1 text-xs text-slate-600">{children}</div>
      {trend ? <div className="mt-2">{trend}</div> : null}
      {link ? (
        <Link
          href={link.href}
          className="mt-3 inline-flex items-center gap-1 self-start text-sm font-medium text-brand-600 hover:text-brand-700"
        >
          {link.label}
          <ArrowRight className="size-3.5" aria-hidden />
        </Link>
      ) : null}
    </section>
  );
}

function lastKnown<T extends { day: string }>(rows: T[], value: (row: T) => number | null): number | null {
  for (let index = rows.length - 1; index >= 0; index -= 1) {
    const known = value(rows[index]);
    if (known !== null) return known;
  }
  return null;
}

function plural(count: number, one: string, many: string): string {
  return `${numberFormat.format(count)} ${count === 1 ? one : many}`;
}

function borrowedDetail({ holding, cases, unlinkedCases }: Overview['answers']['borrowed']): string {
  const held =
    holding > 0
      ? `${plural(holding, 'identity holds', 'identities hold')} a person's credential in the inventory`
      : "No identity holds a person's credential in the inventory";
  const unlinked = unlinkedCases > 0 ? ` (${numberFormat.format(unlinkedCases)} not in the inventory)` : '';
  const seen =
    cases > 0
      ? `${plural(cases, 'open case shows', 'open cases show')} agents using one${unlinked}`
      : 'no open case shows an agent using one';
  return `${held}; ${seen}.`;
}

function BorrowedQuestion({ overview }: { overview: Overview }) {
  const { borrowed } = overview.answers;
  const { acting } = borrowed;
  const share = borrowed.share;
  const latestShare = share ? lastKnown(share, (day) => day.percent) : null;
  return (
    <Question
      id="borrowed"
      question="How many agents still act as a person?"
      figure={numberFormat.format(acting)}
      tone={acting > 0 ? 'text-rose-700' : 'text-emerald-700'}
      link={{ href: borrowed.href, label: 'Work the cases' }}
      trend={
        share ? (
          <Sparkline data={share} dataKey="percent" color="#e11d48" />
        ) : (
          <Sparkline data={overview.governance.burnDown} dataKey="open" color="#e11d48" />
        )
      }
    >
      <p>
        {acting === 0
          ? "No identity holds a person's credential, and no open case shows an agent using one."
          : borrowedDetail(borrowed)}
      </p>
      <p className="mt-1 text-slate-500">
        {share
          ? latestShare === null
            ? 'No events in the last 90 days.'
            : `${percentFormat.format(latestShare)}% of the latest day's events used a borrowed credential; the line is the last 90 days.`
          : 'The line is the open cases of the last 90 days.'}
      </p>
    </Question>
  );
}

function ApprovalsQuestion({ overview }: { overview: Overview }) {
  const { approvals } = overview.answers;
  return (
    <Question
      id="approvals"
      question="What is waiting for approval?"
      figure={numberFormat.format(approvals.pending)}
      tone={approvals.pending > 0 ? 'text-amber-700' : 'text-slate-900'}
      link={approvals.href ? { href: approvals.href, label: 'Open the queue' } : null}
    >
      {approvals.oldestRequestedAt ? (
        <p>
          {approvals.pending === 1 ? 'scope request waits' : 'scope requests wait'} for a decision; the oldest was asked{' '}
          <RelativeTime date={approvals.oldestRequestedAt} />.
        </p>
      ) : (
        <p>No scope request waits: agents are not held up.</p>
      )}
    </Question>
  );
}

function CredentialsQuestion({ overview }: { overview: Overview }) {
  const { standing, taskScoped } = overview.answers.credentials;
  const total = (standing ?? 0) + (taskScoped ?? 0);
  const share = total === 0 ? null : (100 * (taskScoped ?? 0)) / total;
  return (
    <Question
      id="credentials"
      question="What is standing, what is task-scoped?"
      figure={
        <>
          {numberFormat.format(standing ?? 0)}
          <span className="text-base font-medium text-slate-500"> standing · </span>
          {numberFormat.format(taskScoped ?? 0)}
          <span className="text-base font-medium text-slate-500"> task-scoped</span>
        </>
      }
      link={{ href: '/inventory/credentials?status=ACTIVE', label: 'See active credentials' }}
      trend={<Sparkline data={overview.governance.credentials} dataKey="taskScoped" color="#10b981" />}
    >
      <p>
        {share === null
          ? 'No active credential.'
          : `${percentFormat.format(share)}% of active credentials are task tokens that end with their task; the line is their count over 90 days.`}
      </p>
    </Question>
  );
}

function OrphanedQuestion({ overview }: { overview: Overview }) {
  const { orphaned } = overview.answers;
  return (
    <Question
      id="orphaned"
      question="Which identities are orphaned?"
      figure={numberFormat.format(orphaned.count)}
      tone={orphaned.count > 0 ? 'text-rose-700' : 'text-emerald-700'}
      link={{ href: orphaned.href, label: 'See them' }}
    >
      <p>
        {orphaned.count === 1 ? 'identity has' : 'identities have'} no active sponsor: nobody accountable reviews their
        access.
      </p>
    </Question>
  );
}

function ChainQuestion({ chain }: { chain: NonNullable<Overview['answers']['chain']> }) {
  const checkpoint = chain.checkpoint;
  const broken = checkpoint !== null && !checkpoint.hashMatches;
  return (
    <Question
      id="chain"
      question="Is the audit chain intact?"
      figure={
        checkpoint ? (
          <span className="flex items-center gap-2">
            {broken ? (
              <CircleAlert className="size-5 shrink-0" aria-hidden />
            ) : (
              <CircleCheck className="size-5 shrink-0" aria-hidden />
            )}
            {broken ? 'Mismatch' : 'Signed'}
            <span className="text-base font-medium text-slate-500">
              {broken ? 'at' : 'up to'} #{numberFormat.format(checkpoint.seq)}
            </span>
          </span>
        ) : (
          'No checkpoint yet'
        )
      }
      tone={broken ? 'text-rose-700' : checkpoint ? 'text-emerald-700' : 'text-slate-900'}
      link={{ href: '/audit/verify', label: 'Verify the whole chain' }}
    >
      {checkpoint ? (
        <p>
          The latest signed checkpoint covers events up to #{numberFormat.format(checkpoint.seq)}, signed{' '}
          <RelativeTime date={checkpoint.signedAt} />
          {broken
            ? '; the event stored there no longer has the hash that was signed.'
            : '; the event stored there still has the signed hash.'}{' '}
          {plural(chain.headSeq - checkpoint.seq, 'event has', 'events have')} been appended since.
        </p>
      ) : (
        <p>
          {plural(chain.headSeq, 'event is', 'events are')} in the chain; none is covered by a signed checkpoint yet.
        </p>
      )}
    </Question>
  );
}

/** The questions a security lead asks on Monday, each answered by a figure and the way to act on it. */
export function OverviewQuestions({ overview }: { overview: Overview }) {
  const { chain } = overview.answers;
  return (
    <div className="mb-6 grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
      <BorrowedQuestion overview={overview} />
      <ApprovalsQuestion overview={overview} />
      <CredentialsQuestion overview={overview} />
      <OrphanedQuestion overview={overview} />
      {chain ? <ChainQuestion chain={chain} /> : null}
    </div>
  );
}
