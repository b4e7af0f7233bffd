import { createReadStream, existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { refreshBorrowedCases } from '../borrowed/refresh';
import { disconnectDb } from '../db';
import { databaseUrl, flavorOf, sqliteFilePath } from '../db/flavor';
import { storeImport, type ImportSummary } from '../ingest/store';
import { INGEST_FORMATS, type IngestFormat } from '../ingest/types';

/**
 * `npm run ingest -- --format cloudtrail <file or folder> …`: imports log files into the audit chain. Each file
 * commits on its own and is written to a state file once it has, so a run that was interrupted skips the files
 * it finished when started again (and imports are idempotent, so nothing is ever counted twice). Detection runs
 * once at the end. Exit 1 when a file could not be read.
 */

const LOG_FILE = /\.(json|ndjson|jsonl)(\.gz)?$|\.gz$/i;
const STATE_FILE_NAME = '.steward-ingest-state.json';
const REJECTIONS_SHOWN_PER_FILE = 20;

type FileState = { size: number; mtimeMs: number; format: IngestFormat } & Omit<ImportSummary, 'rejected'> & {
    rejected: number;
  };
type State = { version: 1; files: Record<string, FileState> };

type LogFile = { path: string; size: number; mtimeMs: number };

function logFilesUnder(path: string, found: LogFile[] = []): LogFile[] {
  const stats = statSync(path);
  if (stats.isDirectory()) {
    for (const entry of readdirSync(path).sort()) {
      const child = join(path, entry);
      if (statSync(child).isDirectory() || LOG_FILE.test(entry)) logFilesUnder(child, found);
    }
  } else found.push({ path: resolve(path), size: stats.size, mtimeMs: stats.mtimeMs });
  return found;
}

function defaultStatePath(): string {
  const url = databaseUrl();
  if (flavorOf(url) === 'sqlite') return join(dirname(resolve(sqliteFilePath(url))), STATE_FILE_NAME);
  return resolve(STATE_FILE_NAME);
}

function readState(path: string): State {
  if (!existsSync(path)) return { version: 1, files: {} };
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as State;
    return state.version === 1 && typeof state.files === 'object' ? state : { version: 1, files: {} };
  } catch {
    return { version: 1, files: {} };
  }
}

function writeState(path: string, state: State): void {
  const partial = `${path}.partial`;
  writeFileSync(partial, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(partial, path);
}

/** A file's bytes, counted for the progress bar; a failure to read is remembered, so it is told from bad data. */
class FileBytes implements AsyncIterable<Uint8Array> {
  readFailure: Error | null = null;

  constructor(
    private readonly path: string,
    private readonly onBytes: (count: number) => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    try {
      for await (const chunk of createReadStream(this.path)) {
        this.onBytes((chunk as Buffer).length);
        yield chunk as Buffer;
      }
    } catch (error) {
      this.readFailure = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  }
}

async function main(): Promise<void> {
  const options = new Command('ingest')
    .description('Import audit-log files (a file or a folder, searched recursively) into Steward.')
    .addOption(new Option('--format <format>', 'the log format').choices([...INGEST_FORMATS]).makeOptionMandatory())
    .option('--state <file>', `where finished files are recorded (default: ${STATE_FILE_NAME} beside the database)`)
    .option('--label <label>', 'who the audit trail names as running the import', 'cli:ingest')
    .argument('<paths...>', 'files (.json, .ndjson, .jsonl, .gz) or folders')
    .parse();
  const { format, label, state: stateOption } = options.opts<{ format: IngestFormat; label: string; state?: string }>();
  const statePath = resolve(stateOption ?? defaultStatePath());
  const state = readState(statePath);

  let unreadable = 0;
  const files: LogFile[] = [];
  for (const path of options.args) {
    try {
      files.push(...logFilesUnder(path));
    } catch (error) {
      unreadable += 1;
      console.error(`${path}: cannot be read (${error instanceof Error ? error.message : error})`);
    }
  }
  const logFiles = files.filter((file) => file.path !== statePath);
  const pending = logFiles.filter((file) => {
    const done = state.files[file.path];
    return !(done && done.size === file.size && done.mtimeMs === file.mtimeMs && done.format === format);
  });
  const skipped = logFiles.length - pending.length;
  if (skipped > 0) console.log(`${skipped} file(s) already imported (${statePath}): skipped.`);

  const interactive = process.stdout.isTTY;
  const bar = new SingleBar(
    {
      format: 'Importing [{bar}] {percentage}% | {value}/{total} MB | {file}',
      hideCursor: true,
      formatValue: (value, _options, type) =>
        type === 'value' || type === 'total' ? (value / 1024 / 1024).toFixed(1) : String(value),
    },
    Presets.shades_classic,
  );
  const totalBytes = pending.reduce((sum, file) => sum + file.size, 0);
  if (interactive && pending.length > 0) bar.start(Math.max(1, totalBytes), 0, { file: '' });
  let done = 0;
  const totals = { accepted: 0, duplicates: 0, rejected: 0 };
  const rejections: string[] = [];
  const started = performance.now();

  for (const file of pending) {
    const fileStart = done;
    const bytes = new FileBytes(file.path, (count) => {
      done += count;
      if (interactive) bar.update(done, { file: file.path.split('/').at(-1) ?? '' });
    });
    try {
      const summary = await storeImport(
        { principal: { type: 'SYSTEM', label }, attribution: 'AGENT_AUTONOMOUS' },
        format,
        bytes,
      );
      totals.accepted += summary.accepted;
      totals.duplicates += summary.duplicates;
      totals.rejected += summary.rejected.length;
      for (const rejected of summary.rejected.slice(0, REJECTIONS_SHOWN_PER_FILE))
        rejections.push(`${file.path}:${rejected.line}: ${rejected.error}`);
      if (summary.rejected.length > REJECTIONS_SHOWN_PER_FILE)
        rejections.push(
          `${file.path}: … and ${summary.rejected.length - REJECTIONS_SHOWN_PER_FILE} more rejected records`,
        );
      state.files[file.path] = {
        size: file.size,
        mtimeMs: file.mtimeMs,
        format,
        accepted: summary.accepted,
        duplicates: summary.duplicates,
        rejected: summary.rejected.length,
      };
      writeState(statePath, state);
    } catch (error) {
      if (!bytes.readFailure) throw error;
      unreadable += 1;
      rejections.push(`${file.path}: cannot be read (${bytes.readFailure.message}); nothing of it was imported`);
      done = fileStart + file.size;
    }
  }
  if (interactive && pending.length > 0) bar.stop();

  const seconds = (performance.now() - started) / 1000;
  for (const line of rejections) console.error(line);
  console.log(JSON.stringify(totals));
  console.log(
    `${pending.length} file(s) in ${seconds.toFixed(1)} s: ${totals.accepted} accepted, ${totals.duplicates} duplicates, ${totals.rejected} rejected` +
      (unreadable > 0 ? `, ${unreadable} unreadable` : '') +
      '.',
  );
  if (totals.accepted > 0) {
    const cases = await refreshBorrowedCases();
    console.log(
      `Borrowed credentials: ${cases.cases} case(s), ${cases.flagged} flagged (${cases.opened} new, ${cases.reopened} reopened).`,
    );
  }
  await disconnectDb();
  if (unreadable > 0) process.exitCode = 1;
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await disconnectDb().catch(() => undefined);
  process.exit(1);
});
