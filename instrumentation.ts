/** Next.js calls `register` once as a server starts, before the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { refuseToStartIfUnprotected } = await import('./lib/audit/startup-check');
  await refuseToStartIfUnprotected();
  const { startExpirySweeper } = await import('./lib/scopes/expiry');
  const { startWebhookDelivery } = await import('./lib/webhooks/deliver');
  const { startCheckpointSchedule } = await import('./lib/audit/checkpoint');
  const { startGovernanceSnapshots } = await import('./lib/metrics/snapshots');
  startExpirySweeper();
  startWebhookDelivery();
  startCheckpointSchedule();
  startGovernanceSnapshots();
}
