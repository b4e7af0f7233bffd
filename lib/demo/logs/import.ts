import 'server-only';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { importEventsAsOperator, type ImportSummary } from '../../ingest/import';
import { INGEST_FORMATS, type IngestFormat } from '../../ingest/types';
import { DEMO_LOGS_FOLDER } from './index';
import { retimedDemoLogFile, wholeDaysUntil } from './retime';

export type DemoLogImport = { folder: string; format: IngestFormat; files: string[]; summary: ImportSummary };

const LOG_FILE = /\.(json|ndjson)(\.gz)?$/;

/** The demo log files of one format, `demo/logs/<format>/…`, in name order. */
function demoLogFiles(root: string, format: IngestFormat): string[] {
  const folder = join(root, DEMO_LOGS_FOLDER, format);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => LOG_FILE.test(name))
    .sort()
    .map((name) => join(folder, name));
}

async function* retimedFiles(format: IngestFormat, paths: string[], days: number): AsyncGenerator<Uint8Array> {
  for (const path of paths) yield* retimedDemoLogFile(format, createReadStream(path), days);
}

/**
 * Imports the demo's own log files through the same path as any import, moved forward by whole days so that the
 * logs end on the day the demo runs: one import per format, so that detection runs once per format. A folder of
 * gzipped files goes in gzipped, as CloudTrail delivers them.
 */
export async function importDemoLogs(
  options: { root?: string; now?: Date; onFormat?: (done: DemoLogImport) => void } = {},
): Promise<DemoLogImport[]> {
  const root = options.root ?? process.cwd();
  const days = wholeDaysUntil(options.now ?? new Date());
  const imported: DemoLogImport[] = [];
  for (const format of INGEST_FORMATS) {
    const files = demoLogFiles(root, format);
    if (files.length === 0) continue;
    const records = retimedFiles(format, files, days);
    const chunks = files.every((path) => path.endsWith('.gz')) ? Readable.from(records).pipe(createGzip()) : records;
    const folder = join(DEMO_LOGS_FOLDER, format);
    const summary = await importEventsAsOperator(`demo logs ${folder}`, format, chunks);
    const done = { folder, format, files: files.map((path) => path.slice(root.length + 1)), summary };
    options.onFormat?.(done);
    imported.push(done);
  }
  return imported;
}
