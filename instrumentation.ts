/** Next.js calls `register` once as a server starts, before the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startupRefusal } = await import('./lib/audit/startup-check');
  const refusal = await startupRefusal();
  if (refusal === null) return;
  console.error(`Steward refuses to start. ${refusal}`);
  process.exit(1);
}
