import type { ReactNode } from 'react';
import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card';
import { CONFIDENCE, credentialKindLabel, sourceLabel } from './labels';
import { PersonName } from './case-table';
import { utcDateTime } from './time';
import type { CaseDetail } from './types';

const numberFormat = new Intl.NumberFormat('en-US');

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="py-2.5 sm:grid sm:grid-cols-[8rem_1fr] sm:gap-3">
      <dt className="text-sm text-slate-500">{term}</dt>
      <dd className="min-w-0 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** Who the credential belongs to, which credential it is, and what used it. */
export function CaseParties({ entry }: { entry: CaseDetail }) {
  const { human, credential, agents } = entry;
  return (
    <Card>
      <CardHeader title="Whose credential, used by what" />
      <dl className="divide-y divide-slate-100 px-5">
        <Item term="Person">
          <PersonName human={human} />
          {human.email && human.email !== human.label ? (
            <span className="block text-xs text-slate-500">{human.email}</span>
          ) : null}
          {human.id ? null : (
            <span className="block text-xs text-amber-700">
              Not in Steward’s directory yet: the case links to them once the directory knows them.
            </span>
          )}
          {human.externalIds.length > 0 ? (
            <ul className="mt-1 space-y-0.5">
              {human.externalIds.map((externalId) => (
                <li key={externalId} className="font-mono text-xs break-all text-slate-600">
                  {externalId}
                </li>
              ))}
            </ul>
          ) : null}
        </Item>
        <Item term="Credential">
          {credential.id ? (
            <Link
              href={`/inventory/credentials/${credential.id}`}
              className="font-medium hover:text-brand-700 hover:underline"
            >
              {credentialKindLabel(credential.kind)}
            </Link>
          ) : (
            <span className="font-medium">{credentialKindLabel(credential.kind)}</span>
          )}
          <span className="block font-mono text-xs break-all text-slate-600">{credential.externalId}</span>
          {credential.fingerprint ? (
            <span className="block font-mono text-xs break-all text-slate-500" title="Fingerprint">
              {credential.fingerprint}
            </span>
          ) : null}
          {credential.id ? null : <span className="block text-xs text-slate-500">Not in the inventory</span>}
        </Item>
        <Item term={agents.length === 1 ? 'Used by' : `Used by (${agents.length})`}>
          {agents.length === 0 ? (
            <span className="text-slate-500">Automation the logs do not name</span>
          ) : (
            <ul className="space-y-1.5">
              {agents.map((agent) => (
                <li key={`${agent.id ?? ''}:${agent.label}:${agent.userAgent ?? ''}`}>
                  {agent.id ? (
                    <Link href={`/inventory/identities/${agent.id}`} className="hover:text-brand-700 hover:underline">
                      {agent.label}
                    </Link>
                  ) : (
                    agent.label
                  )}
                  {agent.userAgent && agent.userAgent !== agent.label ? (
                    <span className="block font-mono text-xs break-all text-slate-500">{agent.userAgent}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Item>
        <Item term="Seen">
          {utcDateTime(entry.firstSeen)} to {utcDateTime(entry.lastSeen)}
          <span className="block text-xs text-slate-500">
            {numberFormat.format(entry.eventCount)} events, {numberFormat.format(entry.interactiveEventCount)} of them
            the person’s own interactive use · {entry.sources.map(sourceLabel).join(', ')}
          </span>
        </Item>
      </dl>
    </Card>
  );
}

/** Why Steward believes a machine used a person's credential, in the words detection gave. */
export function CaseReasons({ entry }: { entry: CaseDetail }) {
  return (
    <Card>
      <CardHeader title="Why Steward flagged it" description={CONFIDENCE[entry.confidence].meaning} />
      <ul className="space-y-2 px-5 py-4">
        {entry.reasons.map((reason) => (
          <li key={reason.code} className="flex gap-2 text-sm text-slate-800">
            <span className="mt-1.5 size-1.5 shrink-0 rounded-full bg-rose-500" aria-hidden />
            <span>{reason.message}</span>
          </li>
        ))}
      </ul>
      {entry.suppression ? (
        <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
          Suppressed until {utcDateTime(entry.suppression.expiresAt)}: {entry.suppression.reason}
        </p>
      ) : null}
    </Card>
  );
}
