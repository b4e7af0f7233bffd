import type { Metadata } from 'next';
import Link from 'next/link';
import { ArrowLeft } from 'lucide-react';
import { requirePagePermission } from '@/lib/auth/session';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { LOG_FORMATS } from '@/components/borrowed/log-formats';
import { UploadForm } from '@/components/borrowed/upload-form';
import { MAX_IMPORT_BYTES } from '@/lib/ingest/request';

export const metadata: Metadata = { title: 'Import logs' };

export default async function ImportLogsPage() {
  await requirePagePermission('events.import');
  return (
    <>
      <PageHeader
        title="Import audit logs"
        description="Steward reads who acted with which credential from your systems’ own logs, and finds the agents that act with a person’s."
        actions={
          <Link href="/borrowed" className={buttonClasses('secondary')}>
            <ArrowLeft className="size-4" aria-hidden />
            Borrowed credentials
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-3">
          <UploadForm formats={LOG_FORMATS} uploadUrl="/borrowed/import/upload" maxBytes={MAX_IMPORT_BYTES} />
        </div>
        <Card className="min-w-0 self-start lg:col-span-2">
          <CardHeader title="Larger and regular imports" />
          <div className="space-y-3 px-5 py-4 text-sm text-slate-600">
            <p>A collector sends logs as they are written, with an ingest key made under Settings → API keys:</p>
            <pre className="rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-slate-100">
              {
                'curl -X POST -H "Authorization: Bearer <ingest key>" \\\n  --data-binary @trail.json.gz \\\n  "$STEWARD/api/v1/events?format=cloudtrail"'
              }
            </pre>
            <p>On the server, a folder of files, with a progress bar, resumable:</p>
            <pre className="rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-slate-100">
              npm run ingest -- --format cloudtrail ./logs
            </pre>
            <p>Importing the same file twice adds nothing: each event is known by its source and its id there.</p>
          </div>
        </Card>
      </div>
    </>
  );
}
