import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'prettier';
import { DEMO_LOGS_FOLDER, demoLogFileBytes, demoLogsReadme, generateDemoLogs } from './index';

/**
 * Writes the demo logs again: `node --import tsx lib/demo/logs/write.ts` from the repository root. JSON files and
 * the README are laid out as Prettier would, so that the repository's format check passes over them.
 */
async function main(): Promise<void> {
  const logs = generateDemoLogs();
  const folder = join(process.cwd(), DEMO_LOGS_FOLDER);
  rmSync(folder, { recursive: true, force: true });
  for (const file of logs.files) {
    const path = join(folder, file.path);
    mkdirSync(dirname(path), { recursive: true });
    const compact = demoLogFileBytes(file);
    const bytes = file.path.endsWith('.json')
      ? Buffer.from(await format(compact.toString('utf8'), { filepath: path }))
      : compact;
    writeFileSync(path, bytes);
    console.log(`${file.path}: ${file.entries.length} records, ${bytes.length} bytes`);
  }
  const readme = join(folder, 'README.md');
  writeFileSync(readme, await format(demoLogsReadme(logs), { filepath: readme }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
