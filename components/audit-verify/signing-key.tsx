import Link from 'next/link';
import type { SignedCheckpoint } from '@/lib/audit/checkpoint-signature';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';

const number = new Intl.NumberFormat('en-US');

const REASONS: Record<SignedCheckpoint['reason'], string> = {
  schedule: 'on schedule',
  export: 'for an evidence export',
  manual: 'on request',
};

/** The newest signed checkpoint as the database holds it, before any verification. */
export function LatestCheckpoint({ checkpoint }: { checkpoint: SignedCheckpoint | null }) {
  if (!checkpoint) {
    return (
      <p className="text-sm text-slate-600">
        No checkpoint has been signed yet. Steward signs one every hour while events are appended, and one with every
        evidence export.
      </p>
    );
  }
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
      <dt className="text-slate-500">Covers the chain up to</dt>
      <dd className="font-medium text-slate-900 tabular-nums">seq {number.format(checkpoint.seq)}</dd>
      <dt className="text-slate-500">Signed</dt>
      <dd className="text-slate-900">
        <RelativeTime date={new Date(checkpoint.signedAt)} />{' '}
        <Badge tone="neutral">{REASONS[checkpoint.reason] ?? checkpoint.reason}</Badge>
      </dd>
      <dt className="text-slate-500">Chain hash</dt>
      <dd className="font-mono text-xs break-all text-slate-800">{checkpoint.hash}</dd>
      <dt className="text-slate-500">Key</dt>
      <dd className="font-mono text-xs break-all text-slate-800">{checkpoint.keyId}</dd>
    </dl>
  );
}

/** The public half of the signing key, for checking checkpoints and evidence packs without Steward. */
export function PublicKey({ keyId, pem }: { keyId: string; pem: string }) {
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600">
        Ed25519. Each checkpoint signs the RFC 8785 JSON of its seq, hash and time. The same key is published at{' '}
        <Link
          href="/.well-known/steward-checkpoint-key"
          className="font-medium text-brand-700 underline"
          prefetch={false}
        >
          /.well-known/steward-checkpoint-key
        </Link>
        .
      </p>
      <div>
        <p className="text-slate-500">Key id (SHA-256 of the public key, DER)</p>
        <p className="font-mono text-xs break-all text-slate-800">{keyId}</p>
      </div>
      <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset">
        {pem.trim()}
      </pre>
    </div>
  );
}
