import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { can, type HumanActor } from '@/lib/auth/actor';
import { requirePagePermission } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { previewDecommission } from '@/lib/identities/manage';
import { getNhiDetail, type NhiDetail } from '@/lib/inventory/detail';
import { Badge } from '@/components/ui/badge';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { NhiHeader } from '@/components/inventory/nhi-header';
import { NhiAccountability, NhiOverview } from '@/components/inventory/nhi-overview';
import { NhiCredentials } from '@/components/inventory/nhi-credentials';
import { NhiEvents } from '@/components/inventory/nhi-events';
import { NhiFindings } from '@/components/inventory/nhi-findings';
import { NhiScopes } from '@/components/inventory/nhi-scopes';
import { NHI_KIND_LABELS } from '@/components/inventory/labels';
import { NhiStatusBadge } from '@/components/inventory/status-badge';
import { NhiActions } from '@/components/inventory-edit/nhi-actions';
import { AcceptFinding } from '@/components/inventory-edit/accept-finding';
import { AssignSponsor } from '@/components/inventory-edit/assign-sponsor';
import { DecommissionImpact } from '@/components/inventory-edit/decommission-impact';
import { acceptFindingAction, reopenFindingAction } from '../../findings-actions';
import {
  assignSponsorAction,
  decommissionNhiAction,
  reactivateNhiAction,
  searchPeopleAction,
  suspendNhiAction,
} from '../actions';

export const metadata: Metadata = { title: 'Identity' };

type Finding = NhiDetail['findings'][number];

/** The detail, or Next's 404 page for an unknown NHI and for one outside a sponsor's scope alike. */
async function detailOr404(...args: Parameters<typeof getNhiDetail>) {
  try {
    return await getNhiDetail(...args);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}

/** For those who may decommission: what it would revoke, read when the page is drawn. */
async function decommissionImpactOf(actor: HumanActor, nhi: NhiDetail['nhi']) {
  if (!can(actor, 'inventory.manage') || nhi.status === 'DECOMMISSIONED') return undefined;
  return <DecommissionImpact impact={await previewDecommission(actor, { nhiId: nhi.id })} />;
}

function FindingAction({ actor, finding }: { actor: HumanActor; finding: Finding }) {
  if (!can(actor, 'inventory.manage')) return null;
  if (finding.status === 'OPEN')
    return <AcceptFinding findingId={finding.id} title={finding.title} accept={acceptFindingAction} />;
  if (finding.status !== 'ACCEPTED') return null;
  return (
    <ConfirmAction
      action={reopenFindingAction}
      fields={{ findingId: finding.id }}
      triggerLabel="Reopen"
      title="Reopen this finding?"
      description={`“${finding.title}” counts as open again until it is resolved or its risk is accepted anew.`}
      confirmLabel="Reopen"
      variant="secondary"
    />
  );
}

export default async function NhiDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission('inventory.read');
  const { id } = await params;
  const { nhi, credentials, scopes, events, findings } = await detailOr404(actor, id);
  const borrowed = credentials.rows.filter((credential) => credential.borrowed && credential.status === 'ACTIVE');
  const canManage = can(actor, 'inventory.manage');
  return (
    <>
      <NhiHeader
        name={nhi.name}
        actions={
          <NhiActions
            nhi={nhi}
            actions={{
              suspend: suspendNhiAction,
              reactivate: reactivateNhiAction,
              decommission: decommissionNhiAction,
            }}
            canEdit={can(actor, 'inventory.edit_sponsored')}
            canManage={canManage}
            canLiftSuspension={can(actor, 'inventory.lift_suspension')}
            decommissionImpact={await decommissionImpactOf(actor, nhi)}
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
        <NhiAccountability
          nhi={nhi}
          sponsorAction={
            canManage && nhi.status !== 'DECOMMISSIONED' ? (
              <AssignSponsor
                nhi={nhi}
                hasSponsor={nhi.sponsor?.status === 'ACTIVE'}
                assign={assignSponsorAction}
                searchPeople={searchPeopleAction}
              />
            ) : null
          }
        />
      </div>
      <div className="mt-6 space-y-6">
        <NhiFindings findings={findings} actionFor={(finding) => <FindingAction actor={actor} finding={finding} />} />
        {/* Whoever reads this page and may revoke reaches its credentials: a sponsor sees only their own NHIs. */}
        <NhiCredentials credentials={credentials} mayRevoke={can(actor, 'credential.revoke')} />
        <NhiScopes scopes={scopes} />
        <NhiEvents events={events} />
      </div>
    </>
  );
}
