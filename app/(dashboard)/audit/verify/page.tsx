import type { Metadata } from 'next';
import { checkpointOverview } from '@/lib/audit/checkpoint';
import { can } from '@/lib/auth/actor';
import { requirePagePermission } from '@/lib/auth/session';
import { ChainVerification } from '@/components/audit-verify/chain-verification';
import { LatestCheckpoint, PublicKey } from '@/components/audit-verify/signing-key';
import { Card, CardHeader } from '@/components/ui/card';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { PageHeader } from '@/components/ui/page-header';
import { checkpointAction } from './actions';

export const metadata: Metadata = { title: 'Chain verification' };

export default async function ChainVerificationPage() {
  const actor = await requirePagePermission('audit.verify');
  const { latest, publicKey } = await checkpointOverview(actor);
  return (
    <>
      <PageHeader
        title="Chain verification"
        description="Recompute the audit trail's hash chain and check it against the newest signed checkpoint: a changed, removed or inserted event breaks the chain, and a rewrite of the whole table with recomputed hashes no longer matches the signature."
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Verify now" />
          <div className="px-5 py-4">
            <ChainVerification />
          </div>
        </Card>
        <Card>
          <CardHeader
            title="Newest signed checkpoint"
            description="A signed statement that the chain held this hash at this seq, itself appended to the chain."
            action={
              can(actor, 'events.import') ? (
                <ConfirmAction
                  action={checkpointAction}
                  fields={{}}
                  triggerLabel="Sign a checkpoint now"
                  title="Sign a checkpoint now?"
                  description="Steward signs the chain's current head with its key and appends the checkpoint to the audit trail, recorded as yours. Nothing else changes."
                  confirmLabel="Sign checkpoint"
                />
              ) : null
            }
          />
          <div className="px-5 py-4">
            <LatestCheckpoint checkpoint={latest} />
          </div>
        </Card>
        <Card>
          <CardHeader title="Public key" description="What anyone needs to check a checkpoint's signature." />
          <div className="px-5 py-4">
            <PublicKey keyId={publicKey.keyId} pem={publicKey.pem} />
          </div>
        </Card>
      </div>
    </>
  );
}
