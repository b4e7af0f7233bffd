import Link from 'next/link';
import { KeyRound } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** What the list says before any log shows a borrowed credential: where the logs come from and how to bring them in. */
export function NoCasesYet({ mayImport }: { mayImport: boolean }) {
  return (
    <EmptyState
      icon={KeyRound}
      title="No borrowed credential found yet"
      action={
        mayImport ? (
          <Link href="/borrowed/import" className={buttonClasses('primary')}>
            Import a log file
          </Link>
        ) : null
      }
    >
      <p>
        Steward finds agents that act with a person’s credential in audit logs: AWS CloudTrail, Okta System Log, GitHub
        audit log, Microsoft Entra sign-ins, Google Cloud audit logs, or Steward’s own JSON.
      </p>
      <ul className="mt-3 space-y-1.5 text-left">
        <li>
          <span className="font-medium text-slate-700">Upload a file</span> under Import logs (security team).
        </li>
        <li>
          <span className="font-medium text-slate-700">Send logs from a collector</span> to{' '}
          <code className="font-mono text-xs">POST /api/v1/events?format=cloudtrail</code> with an ingest key.
        </li>
        <li>
          <span className="font-medium text-slate-700">Import a folder on the server</span> with{' '}
          <code className="font-mono text-xs">npm run ingest -- --format cloudtrail &lt;folder&gt;</code>.
        </li>
      </ul>
    </EmptyState>
  );
}
