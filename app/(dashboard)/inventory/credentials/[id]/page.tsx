import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChevronLeft } from 'lucide-react';
import { can, type HumanActor } from '@/lib/auth/actor';
import { requirePagePermission } from '@/lib/auth/session';
import { getCredentialDetail } from '@/lib/credentials/detail';
import { previewCredentialRevocation } from '@/lib/credentials/manage';
import { AppError } from '@/lib/errors';
import { buttonClasses } from '@/components/ui/button';
import { CredentialOverview, CredentialTrail } from '@/components/credentials/credential-detail';
import { RevokeCredentialDialog, type RevocationPreview } from '@/components/credentials/revoke-credential-dialog';
import { CREDENTIAL_KIND_LABELS } from '@/components/inventory/labels';
import { CredentialStatusBadge } from '@/components/inventory/status-badge';
import { revokeCredentialAction } from '../actions';

export const metadata: Metadata = { title: 'Credential' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function detailOr404(actor: HumanActor, id: string) {
  try {
    return await getCredentialDetail(actor, id);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}

/**
 * What revoking would stop, when this person may revoke this credential now; else null. The same scoped read
 * the revocation runs decides it, so a sponsor is offered it exactly on the credentials of their own NHIs.
 */
async function revocationPreview(actor: HumanActor, credentialId: string): Promise<RevocationPreview | null> {
  if (!can(actor, 'credential.revoke')) return null;
  try {
    const credential = await previewCredentialRevocation(actor, { credentialId });
    if (credential.status !== 'ACTIVE') return null;
    return {
      id: credential.id,
      name: credential.name,
      kindLabel: CREDENTIAL_KIND_LABELS[credential.kind],
      subject: credential.subjectHuman
        ? { kind: 'person', label: `${credential.subjectHuman.name} (${credential.subjectHuman.email})` }
        : { kind: 'identity', label: credential.subjectNhi?.name ?? 'an identity no longer recorded' },
      holder: credential.holderNhi?.name ?? null,
    };
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

export default async function CredentialDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const actor = await requirePagePermission('inventory.read');
  const { id } = await params;
  const { credential, events } = await detailOr404(actor, id);
  const preview = credential.status === 'ACTIVE' ? await revocationPreview(actor, credential.id) : null;
  const href = `/inventory/credentials/${credential.id}`;
  const confirming = preview !== null && (await searchParams).revoke === '1';
  return (
    <>
      <div className="mb-6">
        <Link
          href="/inventory/credentials"
          className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800"
        >
          <ChevronLeft className="size-4" aria-hidden />
          Credentials
        </Link>
        <div className="mt-2 flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0 flex-1">
            <h1 className="text-xl font-semibold tracking-tight wrap-anywhere text-slate-900">{credential.name}</h1>
            <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-500">
              <span>
                {CREDENTIAL_KIND_LABELS[credential.kind]} in {credential.system}
              </span>
              <CredentialStatusBadge status={credential.status} />
            </div>
          </div>
          {preview ? (
            <Link href={`${href}?revoke=1`} scroll={false} className={buttonClasses('danger', 'sm')}>
              Revoke
            </Link>
          ) : null}
        </div>
      </div>
      <div className="space-y-6">
        <CredentialOverview credential={credential} />
        <CredentialTrail events={events} />
      </div>
      {/* Mounted for whoever may revoke, so that the receipt still shows once the credential is revoked. */}
      {can(actor, 'credential.revoke') ? (
        <RevokeCredentialDialog
          preview={confirming ? preview : null}
          closeHref={href}
          revoke={revokeCredentialAction}
        />
      ) : null}
    </>
  );
}
