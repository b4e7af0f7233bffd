import type { ReactNode } from 'react';
import type { BulkImpact } from '@/lib/revocation/impact';
import { Badge } from '@/components/ui/badge';
import { CREDENTIAL_KIND_LABELS, NHI_KIND_LABELS } from '@/components/inventory/labels';
import { utcDateTime } from '@/components/borrowed/time';
import { PERSON_ROLES } from './labels';

const LIST_LIMIT = 50;

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Section<T extends { id: string }>({
  title,
  empty,
  items,
  render,
}: {
  title: string;
  empty: string;
  items: T[];
  render: (item: T) => ReactNode;
}) {
  const hidden = items.length - LIST_LIMIT;
  return (
    <section>
      <h3 className="text-sm font-semibold text-slate-900">
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="mt-0.5 text-sm text-slate-500">{empty}</p>
      ) : (
        <ul aria-label={title} className="mt-2 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {items.slice(0, LIST_LIMIT).map(render)}
          {hidden > 0 ? <li className="px-3 py-2 text-sm text-slate-500">and {hidden} more</li> : null}
        </ul>
      )}
    </section>
  );
}

function Row({ name, detail, children }: { name: string; detail: string; children?: ReactNode }) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-3 py-2">
      <div className="min-w-40 flex-1">
        <p className="truncate text-sm font-medium text-slate-900" title={name}>
          {name}
        </p>
        <p className="truncate text-xs text-slate-500">{detail}</p>
      </div>
      {children ? <div className="flex flex-wrap gap-1">{children}</div> : null}
    </li>
  );
}

/** What the revocation will end, exactly as the action will check it before it runs. */
export function ImpactPanel({ impact }: { impact: BulkImpact }) {
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        <Count label="Scopes" value={impact.scopes.length} testId="impact-scopes" />
        <Count label="Task tokens" value={impact.tokens.length} testId="impact-tokens" />
        <Count label="Other credentials" value={impact.credentials.length} testId="impact-credentials" />
        <Count label="Identities" value={impact.nhis.length} testId="impact-nhis" />
        <Count label="People" value={impact.people.length} testId="impact-people" />
      </dl>
      {impact.pendingRequests > 0 ? (
        <p className="text-sm text-slate-600">
          {impact.pendingRequests} pending {impact.pendingRequests === 1 ? 'request is' : 'requests are'} not a grant
          yet and {impact.pendingRequests === 1 ? 'stays' : 'stay'} in the approvals queue: deny{' '}
          {impact.pendingRequests === 1 ? 'it' : 'them'} there.
        </p>
      ) : null}
      <Section
        title="Approved scopes to revoke"
        empty="No approved scope."
        items={impact.scopes}
        render={(scope) => (
          <Row
            key={scope.id}
            name={scope.task}
            detail={`${scope.nhi.name} · asked by ${scope.initiator?.email ?? 'no one (autonomous)'}${scope.expiresAt ? ` · until ${utcDateTime(scope.expiresAt)}` : ''}`}
          >
            {scope.taskToken?.active ? (
              <Badge tone="warning">Token in use</Badge>
            ) : (
              <Badge>{scope.taskToken ? 'Token ended' : 'No token fetched'}</Badge>
            )}
          </Row>
        )}
      />
      <Section
        title="Other credentials to revoke"
        empty="No other active credential."
        items={impact.credentials}
        render={(credential) => (
          <Row
            key={credential.id}
            name={credential.name}
            detail={`${CREDENTIAL_KIND_LABELS[credential.kind]} · ${credential.system} · as ${credential.subject}`}
          >
            {credential.holderNhi ? <Badge tone="warning">Borrowed by {credential.holderNhi.name}</Badge> : null}
          </Row>
        )}
      />
      <Section
        title="Identities affected"
        empty="No identity."
        items={impact.nhis}
        render={(nhi) => <Row key={nhi.id} name={nhi.name} detail={`${NHI_KIND_LABELS[nhi.kind]} · ${nhi.system}`} />}
      />
      <Section
        title="People affected"
        empty="No one."
        items={impact.people}
        render={(person) => (
          <Row
            key={person.id}
            name={person.name}
            detail={person.status === 'OFFBOARDED' ? `${person.email} · offboarded` : person.email}
          >
            {person.roles.map((role) => (
              <Badge key={role}>{PERSON_ROLES[role]}</Badge>
            ))}
          </Row>
        )}
      />
    </div>
  );
}
