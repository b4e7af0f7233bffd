import type { ReactNode } from 'react';
import { ArrowRight } from 'lucide-react';
import type { OffboardingImpact } from '@/lib/people/offboarding';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { CREDENTIAL_KIND_LABELS, NHI_KIND_LABELS, NHI_STATUS_LABELS } from '@/components/inventory/labels';

const LIST_LIMIT = 50;
export function roleLabel(role: string): string {
  return role.charAt(0) + role.slice(1).toLowerCase();
}

function Section({ title, summary, children }: { title: string; summary: ReactNode; children?: ReactNode }) {
  return (
    <section>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <p className="mt-0.5 text-sm text-slate-500">{summary}</p>
      {children}
    </section>
  );
}

function ImpactList<T extends { id: string }>({
  items,
  render,
  label,
}: {
  items: T[];
  render: (item: T) => ReactNode;
  label: string;
}) {
  if (items.length === 0) return null;
  const hidden = items.length - LIST_LIMIT;
  return (
    <ul aria-label={label} className="mt-2 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
      {items.slice(0, LIST_LIMIT).map(render)}
      {hidden > 0 ? <li className="px-3 py-2 text-sm text-slate-500">and {hidden} more</li> : null}
    </ul>
  );
}

function Item({ highlight, children }: { highlight?: boolean; children: ReactNode }) {
  return (
    <li
      className={cn(
        'flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-3 py-2',
        highlight && 'bg-amber-50',
      )}
    >
      {children}
    </li>
  );
}

function ItemName({ name, detail }: { name: string; detail: string }) {
  return (
    <div className="min-w-40 flex-1">
      <p className="truncate text-sm font-medium text-slate-900" title={name}>
        {name}
      </p>
      <p className="truncate text-xs text-slate-500">{detail}</p>
    </div>
  );
}

function CredentialsToRevoke({ credentials }: { credentials: OffboardingImpact['credentials'] }) {
  const borrowed = credentials.filter((credential) => credential.borrowed).length;
  const summary =
    credentials.length === 0
      ? 'No active credential authenticates as them.'
      : `Every active credential that authenticates as them is revoked${borrowed ? `, including ${borrowed} that an identity borrows` : ''}.`;
  return (
    <Section title={`Credentials to revoke (${credentials.length})`} summary={summary}>
      <ImpactList
        label="Credentials to revoke"
        items={credentials}
        render={(credential) => (
          <Item key={credential.id} highlight={credential.borrowed}>
            <ItemName
              name={credential.name}
              detail={`${CREDENTIAL_KIND_LABELS[credential.kind]} · ${credential.system}`}
            />
            {credential.holderNhi ? (
              <Badge tone="warning" className="max-w-full">
                <span className="truncate">Borrowed by {credential.holderNhi.name}</span>
              </Badge>
            ) : null}
          </Item>
        )}
      />
    </Section>
  );
}

function SponsoredNhis({ nhis, successor }: Pick<OffboardingImpact, 'nhis' | 'successor'>) {
  const summary =
    nhis.length === 0
      ? 'They sponsor no identity.'
      : successor
        ? `Their sponsorships pass to their manager, ${successor.name}.`
        : 'They have no active manager: these identities are left without a sponsor and flagged as orphaned.';
  return (
    <Section title={`Identities they sponsor (${nhis.length})`} summary={summary}>
      <ImpactList
        label="Identities they sponsor"
        items={nhis}
        render={(nhi) => (
          <Item key={nhi.id} highlight={!successor}>
            <ItemName name={nhi.name} detail={`${NHI_KIND_LABELS[nhi.kind]} · ${NHI_STATUS_LABELS[nhi.status]}`} />
            {successor ? (
              <span className="flex max-w-full items-center gap-1 text-xs text-slate-600">
                <ArrowRight className="size-3.5 shrink-0" aria-label="passes to" />
                <span className="truncate">{successor.name}</span>
              </span>
            ) : (
              <Badge tone="danger">{nhi.status === 'DECOMMISSIONED' ? 'No sponsor' : 'Orphaned'}</Badge>
            )}
          </Item>
        )}
      />
    </Section>
  );
}

/** What offboarding a person will do, as the preview computed it: the same impact the action checks. */
export function OffboardImpact({ impact }: { impact: OffboardingImpact }) {
  return (
    <div className="space-y-5">
      <Section
        title="Dashboard access"
        summary={
          impact.endsDashboardAccess
            ? `Their ${roleLabel(impact.person.role ?? '')} access to Steward ends at once.`
            : 'They cannot sign in to Steward: nothing changes here.'
        }
      />
      <CredentialsToRevoke credentials={impact.credentials} />
      <SponsoredNhis nhis={impact.nhis} successor={impact.successor} />
    </div>
  );
}
