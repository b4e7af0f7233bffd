import type { ReactNode } from 'react';
import type { NhiDetail } from '@/lib/inventory/detail';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { SeverityBadge } from './severity-badge';
import { FindingStatusBadge } from './status-badge';

type Finding = NhiDetail['findings'][number];

function FindingItem({ finding, action }: { finding: Finding; action?: ReactNode }) {
  return (
    <li className="px-5 py-4" data-testid={`finding-${finding.id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={finding.severity} />
        <FindingStatusBadge status={finding.status} />
        <span className="text-xs text-slate-500">
          Detected <RelativeTime date={finding.detectedAt} />
        </span>
        {action ? <span className="ml-auto">{action}</span> : null}
      </div>
      <h3 className="mt-2 text-sm font-semibold break-words text-slate-900">{finding.title}</h3>
      <p className="mt-1 text-sm break-words text-slate-600">{finding.rationale}</p>
      {finding.acceptedReason ? (
        <p className="mt-1 text-xs text-amber-800">Accepted: {finding.acceptedReason}</p>
      ) : null}
      {finding.controls.length > 0 ? (
        <ul className="mt-3 flex flex-wrap gap-2" aria-label="Framework controls">
          {finding.controls.map((control) => (
            <li
              key={control.id}
              className="rounded-md bg-slate-50 px-2 py-1 text-xs text-slate-600 ring-1 ring-slate-200 ring-inset"
              title={`${control.framework}: ${control.title}`}
            >
              <span className="font-semibold text-slate-800">{control.id}</span> · {control.framework} · {control.title}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** `actionFor` adds a control to a finding, e.g. accepting the risk, for those who may. */
export function NhiFindings({
  findings,
  actionFor,
}: {
  findings: Finding[];
  actionFor?: (finding: Finding) => ReactNode;
}) {
  const open = findings.filter((finding) => finding.status === 'OPEN').length;
  return (
    <Card>
      <CardHeader title="Findings" description={open > 0 ? `${open} open, the most severe first` : 'Nothing open'} />
      {findings.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">Steward found no risk on this identity or its credentials.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {findings.map((finding) => (
            <FindingItem key={finding.id} finding={finding} action={actionFor?.(finding)} />
          ))}
        </ul>
      )}
    </Card>
  );
}
