import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import type { VerificationResult } from '../audit/chain';
import { verifyEvidenceFile } from '../evidence/verify-cli';

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

type Options = { json?: boolean; evidence?: string; csvDir?: string; key?: string; writeCsv?: string };

/** The audit chain in the configured database, and the triggers that keep it append-only: the exit code. */
async function verifyDatabase(json: boolean): Promise<number> {
  // Imported here, so that checking an evidence pack never loads a database driver.
  const [{ missingAppendOnlyTriggers, unprotectedTrailMessage }, { verifyAuditChain }, { disconnectDb, getDb }] =
    await Promise.all([import('../audit/append-only'), import('../audit/verify'), import('../db')]);
  const missingTriggers = await missingAppendOnlyTriggers(await getDb());
  const bar = new SingleBar(
    { format: 'Verifying [{bar}] {percentage}% | {value}/{total} events', hideCursor: true },
    Presets.shades_classic,
  );
  const started = performance.now();
  if (!json && process.stdout.isTTY) bar.start(1, 0);
  const result = await verifyAuditChain((checked, total) => {
    if (!json && process.stdout.isTTY) {
      bar.setTotal(Math.max(1, total));
      bar.update(checked);
    }
  });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  if (json) {
    console.log(JSON.stringify(result));
  } else {
    report(result, seconds);
  }
  if (missingTriggers.length > 0) console.error(unprotectedTrailMessage(missingTriggers));
  await disconnectDb();
  return result.ok && missingTriggers.length === 0 ? 0 : 1;
}

/**
 * `npm run verify`: recomputes the whole audit chain, measures it against the latest signed checkpoint, names the
 * first broken seq and what is wrong there, and checks that the database still refuses to change the trail. Exit 1
 * when the chain is broken or the append-only triggers are missing.
 * `npm run verify -- --evidence <pack.json>` checks an evidence pack offline instead: exit 1 when it does not verify.
 */
async function main(): Promise<void> {
  const command = new Command('verify')
    .description(
      'Verify the hash chain of the audit trail in the configured database (DATABASE_URL), or an evidence pack offline.',
    )
    .option('--json', 'print the result as JSON only')
    .option('--evidence <pack>', 'verify this evidence pack file offline, without the database')
    .option(
      '--csv-dir <dir>',
      "with --evidence: compare the …events.csv and …controls.csv there with the pack's digests",
    )
    .option(
      '--key <pem-file-or-keyId>',
      'with --evidence: the public key Steward publishes, to compare with the pack’s',
    )
    .option('--write-csv <dir>', "with --evidence: write the pack's CSV forms there once it verifies")
    .parse();
  const options = command.opts<Options>();
  if (options.evidence !== undefined) {
    process.exitCode = verifyEvidenceFile({
      evidence: options.evidence,
      csvDir: options.csvDir,
      key: options.key,
      writeCsv: options.writeCsv,
      json: options.json,
    });
    return;
  }
  if (options.csvDir !== undefined || options.key !== undefined || options.writeCsv !== undefined) {
    command.error('--csv-dir, --key and --write-csv go with --evidence <pack>.');
  }
  process.exitCode = await verifyDatabase(Boolean(options.json));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
