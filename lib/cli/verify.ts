import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { missingAppendOnlyTriggers, unprotectedTrailMessage } from '../audit/append-only';
import type { VerificationResult } from '../audit/chain';
import { verifyAuditChain } from '../audit/verify';
import { disconnectDb, getDb } from '../db';

function report(result: VerificationResult, seconds: number): void {
  if (result.ok) {
    console.log(
      `The audit chain is intact: ${result.checked} events verified in ${seconds.toFixed(1)} s (${Math.round(result.checked / Math.max(seconds, 0.001))} events/s).`,
    );
  } else if (result.firstBrokenSeq !== undefined) {
    console.error(
      `The audit chain is BROKEN at seq ${result.firstBrokenSeq}: ${result.problem ?? 'the chain does not hold there'}. ${result.checked} events verified before it.`,
    );
  } else {
    console.error(`The audit chain does NOT verify: ${result.problem ?? 'unknown problem'}.`);
  }
  const { checkpoint } = result;
  if (!checkpoint) {
    console.log('No signed checkpoint yet: the chain was checked against itself only.');
  } else if (checkpoint.ok) {
    console.log(
      `Signed checkpoint at seq ${checkpoint.seq} (${checkpoint.signedAt}, key ${checkpoint.keyId}): its signature holds and the chain matches it.`,
    );
  } else {
    console.error(`Signed checkpoint at seq ${checkpoint.seq} (${checkpoint.signedAt}) FAILS: ${checkpoint.problem}.`);
  }
}

/**
 * `npm run verify`: recomputes the whole audit chain, measures it against the latest signed checkpoint, names the
 * first broken seq and what is wrong there, and checks that the database still refuses to change the trail. Exit 1 when the chain is broken or the append-only triggers are missing.
 */
async function main(): Promise<void> {
  const options = new Command('verify')
    .description('Verify the hash chain of the audit trail in the configured database (DATABASE_URL).')
    .option('--json', 'print the result as JSON only')
    .parse()
    .opts<{ json?: boolean }>();
  const missingTriggers = await missingAppendOnlyTriggers(await getDb());
  const bar = new SingleBar(
    { format: 'Verifying [{bar}] {percentage}% | {value}/{total} events', hideCursor: true },
    Presets.shades_classic,
  );
  const started = performance.now();
  if (!options.json && process.stdout.isTTY) bar.start(1, 0);
  const result = await verifyAuditChain((checked, total) => {
    if (!options.json && process.stdout.isTTY) {
      bar.setTotal(Math.max(1, total));
      bar.update(checked);
    }
  });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  if (options.json) {
    console.log(JSON.stringify(result));
  } else {
    report(result, seconds);
  }
  if (missingTriggers.length > 0) console.error(unprotectedTrailMessage(missingTriggers));
  await disconnectDb();
  process.exitCode = result.ok && missingTriggers.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
