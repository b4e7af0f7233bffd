import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { getNhiDetail } from '@/lib/inventory/detail';
import { Badge } from '@/components/ui/badge';
import { NhiHeader } from '@/components/inventory/nhi-header';
import { NhiAccountability, NhiOverview } from '@/components/inventory/nhi-overview';
import { NhiCredentials } from '@/components/inventory/nhi-credentials';
import { NhiEvents } from '@/components/inventory/nhi-events';
import { NhiFindings } from '@/components/inventory/nhi-findings';
import { NhiScopes } from '@/components/inventory/nhi-scopes';
import { NHI_KIND_LABELS } from '@/components/inventory/labels';
import { NhiStatusBadge } from '@/components/inventory/status-badge';
import { can } from '@/lib/auth/actor';
import { NhiActions } from '@/components/inventory-edit/nhi-actions';
import { AcceptFinding } from '@/components/inventory-edit/accept-finding';

export const metadata: Metadata = { title: 'Identity' };

/** The detail, or Next's 404 page for an unknown NHI and for one outside a sponsor's scope alike. */
async function detailOr404(...args: Parameters<typeof getNhiDetail>) {
  try {
    return await getNhiDetail(...args);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}

export default async function NhiDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission('inventory.read');
  const { id } = await params;
  const { nhi, credentials, scopes, events, findings } = await detailOr404(actor, id);
  const borrowed = credentials.rows.filter((credential) => credential.borrowed && credential.status === 'ACTIVE');
  return (
    <>
      <NhiHeader
        name={nhi.name}
        actions={
          <NhiActions
            nhi={nhi}
            canEdit={can(actor, 'inventory.edit_sponsored')}
            canManage={can(actor, 'inventory.manage')}
          />
        }
        subtitle={
          <>
            <span>
              {NHI_KIND_LABELS[nhi.kind]} in {nhi.system}
            </span>
            <NhiStatusBadge status={nhi.status} />
            {borrowed.length > 0 ? (
              <Badge tone="danger">
                {borrowed.length} borrowed human credential{borrowed.length === 1 ? '' : 's'}
              </Badge>
            ) : null}
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <NhiOverview nhi={nhi} />
        <NhiAccountability nhi={nhi} />
      </div>
      <div className="mt-6 space-y-6">
        <NhiFindings
          findings={findings}
          actionFor={(finding) =>
            can(actor, 'inventory.manage') && finding.status === 'OPEN' ? (
              <AcceptFinding findingId={finding.id} title={finding.title} />
            ) : null
          }
        />
        <NhiCredentials credentials={credentials} />
        <NhiScopes scopes={scopes} />
        <NhiEvents events={events} />
      </div>
    </>
  );
}
