import type { Metadata } from 'next';
import Link from 'next/link';
import { ArrowLeft } from 'lucide-react';
import { can } from '@/lib/auth/actor';
import { requirePagePermission } from '@/lib/auth/session';
import { MAX_SUPPRESSION_DAYS } from '@/lib/borrowed/schemas';
import { listSuppressions } from '@/lib/borrowed/suppressions';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { SuppressionForm } from '@/components/borrowed/suppression-form';
import { SuppressionList } from '@/components/borrowed/suppression-list';
import { createSuppressionAction, liftSuppressionAction } from './actions';

export const metadata: Metadata = { title: 'Suppressions' };

export default async function SuppressionsPage() {
  const actor = await requirePagePermission('borrowed.read');
  const suppressions = await listSuppressions(actor);
  const mayChange = can(actor, 'borrowed.remediate');
  return (
    <>
      <PageHeader
        title="Suppressions"
        description="Rules for look-alikes Steward should leave alone: each has a reason, an end date and an author, and each change is in the audit trail."
        actions={
          <Link href="/borrowed" className={buttonClasses('secondary')}>
            <ArrowLeft className="size-4" aria-hidden />
            Borrowed credentials
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-3">
          <SuppressionList suppressions={suppressions} liftAction={mayChange ? liftSuppressionAction : null} />
        </div>
        {mayChange ? (
          <div className="min-w-0 lg:col-span-2">
            <SuppressionForm action={createSuppressionAction} maxDays={MAX_SUPPRESSION_DAYS} />
          </div>
        ) : null}
      </div>
    </>
  );
}
