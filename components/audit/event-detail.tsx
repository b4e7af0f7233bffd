import type { ReactNode } from 'react';
import Link from 'next/link';
import { ChevronLeft, ChevronRight, ShieldCheck, X } from 'lucide-react';
import type { AuditEventDetail, AuditPrincipalView } from '@/lib/audit/explorer';
import { auditHref, type AuditFilters } from '@/lib/audit/explorer-filters';
import { plainWords } from '@/lib/audit/plain-words';
import { ATTRIBUTION_STYLE } from '@/components/charts/palette';
import { AttributionBadge } from '@/components/inventory/attribution-badge';
import { PRINCIPAL_TYPE_LABELS } from '@/components/inventory/labels';
import { OutcomeBadge } from '@/components/inventory/status-badge';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { utcTime } from './format';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-3">
      <dt className="text-xs font-medium text-slate-500">{term}</dt>
      <dd className="min-w-0 text-sm break-words text-slate-800">{children}</dd>
    </div>
  );
}

function PrincipalText({ principal }: { principal: AuditPrincipalView }) {
  const shown = principal.name ?? principal.label ?? principal.id;
  return (
    <>
      <span className="font-medium">{shown ?? 'Nobody recorded'}</span>{' '}
      <span className="text-slate-500">({PRINCIPAL_TYPE_LABELS[principal.type]})</span>
      {principal.label && principal.label !== shown ? (
        <span className="block text-xs text-slate-500">logged as {principal.label}</span>
      ) : null}
      {principal.id && principal.id !== shown ? (
        <span className="block font-mono text-xs text-slate-500">{principal.id}</span>
      ) : null}
    </>
  );
}

function Hash({ value }: { value: string }) {
  return <code className="block font-mono text-xs break-all text-slate-700">{value}</code>;
}

/** One event opened from the table: what it records, its place in the hash chain and where to go from it. */
export function AuditEventPanel({ detail, filters }: { detail: AuditEventDetail; filters: AuditFilters }) {
  const { event, links } = detail;
  const close = auditHref({ ...filters, seq: undefined });
  const marked = event.attribution !== event.storedAttribution;
  return (
    <Card className="mb-6">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <h2 className="text-sm font-semibold text-slate-900">Event #{event.seq}</h2>
          <p className="mt-0.5 text-sm break-words text-slate-600">{plainWords(event)}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {detail.previousSeq ? (
            <Link
              href={auditHref({ ...filters, seq: detail.previousSeq })}
              className={buttonClasses('secondary', 'sm')}
            >
              <ChevronLeft className="size-3.5" aria-hidden />#{detail.previousSeq}
            </Link>
          ) : null}
          {detail.nextSeq ? (
            <Link href={auditHref({ ...filters, seq: detail.nextSeq })} className={buttonClasses('secondary', 'sm')}>
              #{detail.nextSeq}
              <ChevronRight className="size-3.5" aria-hidden />
            </Link>
          ) : null}
          <Link href={close} className={buttonClasses('ghost', 'sm')} aria-label="Close the event">
            <X className="size-3.5" aria-hidden />
            Close
          </Link>
        </div>
      </div>
      <div className="grid gap-x-8 px-5 py-3 lg:grid-cols-2">
        <dl className="divide-y divide-slate-100">
          <Row term="When (UTC)">
            {utcTime(event.occurredAt)}
            <span className="block text-xs text-slate-500">recorded {utcTime(event.recordedAt)}</span>
          </Row>
          <Row term="Action">
            <code className="font-mono text-xs">{event.action}</code>
          </Row>
          <Row term="Resource">{event.resource ?? '—'}</Row>
          <Row term="Outcome">
            <OutcomeBadge outcome={event.outcome} />
          </Row>
          <Row term="Attribution">
            <AttributionBadge attribution={event.attribution} />
            {marked ? (
              <span className="mt-1 block text-xs text-slate-500">
                Stored as {ATTRIBUTION_STYLE[event.storedAttribution].label.toLowerCase()}; a borrowed-credential case
                covers it.
              </span>
            ) : null}
          </Row>
          <Row term="Who asked">
            <PrincipalText principal={event.initiator} />
          </Row>
          <Row term="What acted">
            <PrincipalText principal={event.executor} />
          </Row>
          <Row term="Credential">
            {event.credential ? (
              <>
                {event.credential.name ?? event.credential.kind ?? 'Unknown kind'}
                {event.credential.kind && event.credential.name ? (
                  <span className="text-slate-500"> ({event.credential.kind})</span>
                ) : null}
                {event.credential.subjectType ? (
                  <span className="block text-xs text-slate-500">
                    belongs to a {PRINCIPAL_TYPE_LABELS[event.credential.subjectType].toLowerCase()}
                    {event.credential.subjectHumanName ? `: ${event.credential.subjectHumanName}` : ''}
                  </span>
                ) : null}
              </>
            ) : (
              '—'
            )}
          </Row>
          <Row term="Source">
            {event.source}
            {event.sourceEventId ? (
              <span className="block font-mono text-xs break-all text-slate-500">{event.sourceEventId}</span>
            ) : null}
          </Row>
          {event.environment ? <Row term="Environment">{event.environment}</Row> : null}
          {event.correlationId ? (
            <Row term="Correlation id">
              <code className="font-mono text-xs break-all">{event.correlationId}</code>
            </Row>
          ) : null}
        </dl>
        <div className="min-w-0">
          <h3 className="pt-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Place in the chain</h3>
          <dl className="divide-y divide-slate-100">
            <Row term="Sequence number">{event.seq}</Row>
            <Row term="Previous hash">
              <Hash value={event.chain.prevHash} />
            </Row>
            <Row term="Hash">
              <Hash value={event.chain.hash} />
            </Row>
            <Row term="Hash version">{event.chain.hashVersion}</Row>
          </dl>
          <Link href="/audit/verify" className={`${buttonClasses('secondary', 'sm')} mt-2`}>
            <ShieldCheck className="size-3.5" aria-hidden />
            Verify the chain
          </Link>
          {links.length > 0 ? (
            <>
              <h3 className="mt-5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Related</h3>
              <ul className="mt-2 space-y-1.5 text-sm">
                {links.map((link) => (
                  <li key={`${link.label}:${link.href}`} className="min-w-0">
                    <span className="text-slate-500">{link.label}: </span>
                    <Link href={link.href} className="break-words text-brand-700 hover:underline">
                      {link.text}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {detail.scope ? (
            <p className="mt-3 text-xs text-slate-500">
              Task scope “{detail.scope.task}” of {detail.scope.nhiName}, now {detail.scope.status.toLowerCase()}.
            </p>
          ) : null}
        </div>
      </div>
      <div className="border-t border-slate-100 px-5 py-4">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Details, as recorded</h3>
        <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset">
          {JSON.stringify(event.details, null, 2)}
        </pre>
      </div>
    </Card>
  );
}

/** The address named an event that does not exist (a mistyped or future seq). */
export function MissingEvent({ seq, filters }: { seq: number; filters: AuditFilters }) {
  return (
    <Card className="mb-6">
      <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
        <p className="text-sm text-slate-600">There is no event #{seq} in the audit trail.</p>
        <Link href={auditHref({ ...filters, seq: undefined })} className={buttonClasses('ghost', 'sm')}>
          Close
        </Link>
      </div>
    </Card>
  );
}
