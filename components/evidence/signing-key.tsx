import Link from 'next/link';
import type { SignedCheckpoint } from '@/lib/audit/checkpoint-signature';
import { Card, CardHeader } from '@/components/ui/card';

/** The public key that verifies checkpoints and packs, and the newest signed checkpoint. */
export function SigningKey({
  keyId,
  pem,
  checkpoint,
}: {
  keyId: string;
  pem: string;
  checkpoint: SignedCheckpoint | null;
}) {
  return (
    <Card className="min-w-0">
      <CardHeader
        title="Signing key"
        description="Checkpoints and evidence packs are signed with this Ed25519 key. Compare its keyId with the one in a pack."
        action={
          <Link href="/audit/verify" className="text-sm text-brand-700 underline-offset-2 hover:underline">
            Verify the chain
          </Link>
        }
      />
      <dl className="space-y-3 px-5 py-4 text-sm">
        <div>
          <dt className="font-medium text-slate-700">keyId (SHA-256 of the public key)</dt>
          <dd className="mt-0.5 font-mono text-xs break-all text-slate-900">{keyId}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Latest checkpoint</dt>
          <dd className="mt-0.5 text-slate-900">
            {checkpoint ? (
              <>
                seq {checkpoint.seq.toLocaleString('en-US')}, signed{' '}
                <time dateTime={checkpoint.signedAt}>{checkpoint.signedAt.replace('T', ' ').slice(0, 19)} UTC</time> (
                {checkpoint.reason})
              </>
            ) : (
              'None yet: one is made on the next schedule or export.'
            )}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Public key (PEM)</dt>
          <dd className="mt-1">
            <pre className="rounded-md break-all whitespace-pre-wrap bg-slate-50 p-3 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset">
              {pem.trim()}
            </pre>
            <p className="mt-1 text-xs text-slate-500">
              Also at{' '}
              <a
                href="/.well-known/steward-checkpoint-key"
                className="text-brand-700 underline-offset-2 hover:underline"
              >
                /.well-known/steward-checkpoint-key
              </a>
              .
            </p>
          </dd>
        </div>
      </dl>
    </Card>
  );
}
