import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/session';
import { MAX_ATTEMPTS } from '@/lib/webhooks/deliver';
import { webhookOverview } from '@/lib/webhooks/settings';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/shell/settings-tabs';
import { SendTestEventButton, WebhookForm } from '@/components/settings/webhook-form';
import { WebhookDeliveries } from '@/components/settings/webhook-deliveries';
import { WebhookHeaders } from '@/components/settings/webhook-headers';
import { saveWebhookAction, sendTestEventAction } from './actions';

export const metadata: Metadata = { title: 'Webhook' };

export default async function WebhookPage() {
  const actor = await requirePagePermission('settings.manage');
  const { url, secretCreatedAt, deliveries, counts } = await webhookOverview(actor);
  return (
    <>
      <SettingsTabs role={actor.role} />
      <PageHeader
        title="Webhook"
        description="Steward posts a signed JSON event to this address for every new scope request and every decision on one, so approvers can be told where they already work. Failed deliveries are retried with backoff."
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Endpoint" description="Changes are recorded in the audit trail; the secret never is." />
          <div className="px-5 py-4">
            <WebhookForm url={url} secretCreatedAt={secretCreatedAt} save={saveWebhookAction} />
          </div>
        </Card>

        <Card>
          <CardHeader
            title="Recent deliveries"
            description={
              counts.failed > 0 || counts.pending > 0 ? (
                <span className="mt-1 flex flex-wrap gap-2">
                  {counts.failed > 0 ? <Badge tone="danger">{counts.failed} failed</Badge> : null}
                  {counts.pending > 0 ? <Badge tone="warning">{counts.pending} waiting</Badge> : null}
                </span>
              ) : (
                'The last 30, newest first.'
              )
            }
            action={<SendTestEventButton send={sendTestEventAction} disabled={!url} />}
          />
          <WebhookDeliveries deliveries={deliveries} maxAttempts={MAX_ATTEMPTS} now={new Date()} />
        </Card>

        <WebhookHeaders />
      </div>
    </>
  );
}
