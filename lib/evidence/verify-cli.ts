import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  controlsCsv,
  EVENTS_CSV_HEADER,
  eventCsvRow,
  PACK_FILES,
  type EvidencePack,
  type PackFileName,
} from './pack-format';
import { verifyEvidencePack, type PackVerification } from './verify-pack';

/**
 * `npm run verify -- --evidence <pack.json>`: checks a pack offline, with no database and no server code. The CSV
 * files are found in `csvDir` by their names' endings (`…events.csv`, `…controls.csv`, as downloaded).
 */

export type EvidenceCliOptions = {
  evidence: string;
  csvDir?: string;
  /** The key Steward publishes: a PEM file or its keyId. */
  key?: string;
  /** Writes the pack's CSV forms here once it verifies. */
  writeCsv?: string;
  json?: boolean;
};

function csvFiles(dir: string): { files: Partial<Record<PackFileName, Buffer>>; notes: string[] } {
  const names = readdirSync(dir);
  const files: Partial<Record<PackFileName, Buffer>> = {};
  const notes: string[] = [];
  for (const name of PACK_FILES) {
    const matches = names.filter((file) => file === name || file.endsWith(`-${name}`));
    if (matches.length === 1) files[name] = readFileSync(join(dir, matches[0]));
    else if (matches.length === 0) notes.push(`No ${name} in ${dir}: not compared.`);
    else notes.push(`Several files in ${dir} end with ${name} (${matches.join(', ')}): not compared.`);
  }
  return { files, notes };
}

function trustedKeyOf(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  return existsSync(key) ? readFileSync(key, 'utf8') : key;
}

function writeCsvForms(pack: EvidencePack, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const forms: Record<PackFileName, string> = {
    'controls.csv': controlsCsv(pack.controls),
    'events.csv': EVENTS_CSV_HEADER + pack.events.map(eventCsvRow).join(''),
  };
  return PACK_FILES.map((name) => {
    const path = join(dir, name);
    writeFileSync(path, forms[name]);
    return path;
  });
}

function report(result: PackVerification, notes: string[], keyGiven: boolean): void {
  for (const check of result.checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.check}: ${check.detail}`);
  for (const note of notes) console.log(`note ${note}`);
  const { summary } = result;
  const covers = summary
    ? ` (${summary.events} events recorded ${summary.from} to ${summary.to}, checkpoint seq ${summary.checkpointSeq}, key ${summary.keyId})`
    : '';
  if (result.ok) console.log(`The evidence pack verifies${covers}.`);
  else console.error(`The evidence pack does NOT verify${covers}.`);
  if (result.ok && summary && !keyGiven) {
    console.log(
      'Compare the key above with the one Steward publishes (evidence page, /.well-known/steward-checkpoint-key), or pass --key.',
    );
  }
}

/** Verifies the pack and prints every check; the exit code is 0 when it verifies, 1 when it does not. */
export function verifyEvidenceFile(options: EvidenceCliOptions): number {
  const bytes = readFileSync(options.evidence);
  const { files, notes } = options.csvDir ? csvFiles(options.csvDir) : { files: {}, notes: [] };
  const result = verifyEvidencePack(bytes, { files, trustedKey: trustedKeyOf(options.key) });
  if (options.json) console.log(JSON.stringify(result));
  else report(result, notes, options.key !== undefined);
  if (result.ok && options.writeCsv) {
    const written = writeCsvForms(JSON.parse(bytes.toString('utf8')) as EvidencePack, options.writeCsv);
    if (!options.json) console.log(`Wrote ${written.join(' and ')}.`);
  }
  return result.ok ? 0 : 1;
}
