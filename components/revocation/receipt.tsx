import { CheckCircle2, TriangleAlert } from 'lucide-react';
import type { BulkRevocationReceipt } from '@/lib/revocation/bulk';
import type { ScopeImpact } from '@/lib/revocation/impact';
import type { TokenCheck } from '@/lib/revocation/recheck';
import { Badge } from '@/components/ui/badge';
import { utcDateTime } from '@/components/borrowed/time';

function Answer({ check }: { check: TokenCheck | undefined }) {
  if (!check) return <Badge tone="danger">No answer</Badge>;
  return (
    <Badge tone={check.decision === 'deny' ? 'success' : 'danger'} className="whitespace-nowrap">
      {check.decision === 'deny' ? 'Refused' : 'Allowed'} · {check.reason}
    </Badge>
  );
}

/** The receipt: what was revoked, and what the decision code answers for each revoked task token. */
export function RevocationReceipt({
  receipt,
  scopes,
}: {
  receipt: BulkRevocationReceipt;
  /** The previewed scopes, to name each token's task and identity. */
  scopes: ScopeImpact[];
}) {
  const { target } = receipt;
  const scopeById = new Map(scopes.map((scope) => [scope.id, scope]));
  const after = new Map(receipt.afterCommit.map((check) => [check.tokenId, check]));
  return (
    <div className="space-y-5" data-testid="revocation-receipt">
      <div
        role="status"
        className={
          receipt.proven
            ? 'flex gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200'
            : 'flex gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200'
        }
      >
        {receipt.proven ? (
          <CheckCircle2 className="mt-0.5 size-4 shrink-0" aria-hidden />
        ) : (
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        )}
        <p>
          {receipt.tokens === 0
            ? 'No task token had been fetched for these scopes, so there is none to ask about; a revoked scope hands out no token.'
            : receipt.proven
              ? `${receipt.tokens === 1 ? 'The revoked task token is' : `Each of the ${receipt.tokens} revoked task tokens is`} now refused by the decision code that serves /authorize.`
              : 'The decision code did not refuse every revoked token. Tell the Steward maintainers; the revocation itself is recorded.'}
        </p>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <div className="flex gap-1.5">
          <dt className="text-slate-500">Target</dt>
          <dd className="text-slate-900">
            {target.label} <span className="text-slate-500">({target.detail})</span>
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-slate-500">Revoked at</dt>
          <dd className="text-slate-900">{utcDateTime(receipt.revokedAt)}</dd>
        </div>
        <div className="flex gap-1.5 sm:col-span-2">
          <dt className="text-slate-500">Reason</dt>
          <dd className="wrap-anywhere text-slate-900">{receipt.reason}</dd>
        </div>
        <div className="flex gap-1.5 sm:col-span-2">
          <dt className="text-slate-500">Revoked</dt>
          <dd className="text-slate-900" data-testid="receipt-counts">
            {receipt.scopes} {receipt.scopes === 1 ? 'scope' : 'scopes'}, {receipt.tokens} task{' '}
            {receipt.tokens === 1 ? 'token' : 'tokens'}, {receipt.credentials} other{' '}
            {receipt.credentials === 1 ? 'credential' : 'credentials'}
          </dd>
        </div>
      </dl>
      {receipt.recorded.length > 0 ? (
        <div className="overflow-x-auto rounded-md ring-1 ring-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">What the decision code answers for each revoked task token</caption>
            <thead className="bg-slate-50 text-xs text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Task token
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Recorded in the audit event
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Asked again after commit
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {receipt.recorded.map((check) => (
                <tr key={check.tokenId} data-testid="receipt-token">
                  <td className="px-3 py-2">
                    <p className="font-medium text-slate-900">{scopeById.get(check.scopeId)?.task ?? check.scopeId}</p>
                    <p className="text-xs text-slate-500">
                      {scopeById.get(check.scopeId)?.nhi.name} ·{' '}
                      <span className="font-mono break-all">
                        token {check.tokenId} · scope {check.scopeId}
                      </span>
                    </p>
                  </td>
                  <td className="px-3 py-2">
                    <Answer check={check} />
                  </td>
                  <td className="px-3 py-2">
                    <Answer check={after.get(check.tokenId)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="text-xs text-slate-500">
        The first answer was given inside the revocation’s transaction, over the rows it committed, and is stored in the
        audit trail as this revocation’s receipt (action revocation.bulk, resource {target.resource}). The second was
        asked after the commit, the way every decision reads a token.
      </p>
    </div>
  );
}
