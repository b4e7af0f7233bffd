import type { Metadata } from 'next';
import { checkpointPublicKey, latestCheckpoint } from '@/lib/audit/checkpoint';
import { requirePagePermission } from '@/lib/auth/session';
import { FRAMEWORK_ORDER } from '@/lib/evidence/control-rules';
import { liveControls } from '@/lib/evidence/controls';
import { defaultRange } from '@/lib/evidence/range';
import { PageHeader } from '@/components/ui/page-header';
import { ControlGroups, statusSummary } from '@/components/evidence/control-groups';
import { ExportForm } from '@/components/evidence/export-form';
import { SigningKey } from '@/components/evidence/signing-key';

export const metadata: Metadata = { title: 'Evidence' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayParam(value: string | string[] | undefined, fallback: string): string {
  return typeof value === 'string' && DAY.test(value) ? value : fallback;
}

export default async function EvidencePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePagePermission('evidence.export');
  const params = await searchParams;
  const [{ controls, facts }, checkpoint] = await Promise.all([liveControls(actor), latestCheckpoint()]);
  const key = checkpointPublicKey();
  const range = defaultRange(new Date());
  const error = typeof params.error === 'string' ? params.error.slice(0, 300) : undefined;
  return (
    <>
      <PageHeader
        title="Evidence"
        description="The controls of five frameworks with their status computed from Steward's data right now, and evidence packs an auditor verifies without trusting Steward."
      />
      <p className="mb-6 text-sm text-slate-700">
        <span className="font-medium">{controls.length} controls:</span> {statusSummary(controls)}. Activity figures
        cover the last {facts.windowDays} days (since {facts.since}).
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <ExportForm
          action="/evidence/download"
          from={dayParam(params.from, range.from)}
          to={dayParam(params.to, range.to)}
          error={error}
        />
        <SigningKey keyId={key.keyId} pem={key.pem} checkpoint={checkpoint} />
      </div>
      <div className="mt-6">
        <ControlGroups frameworks={FRAMEWORK_ORDER} controls={controls} />
      </div>
    </>
  );
}
