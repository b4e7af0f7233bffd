#!/usr/bin/env node
// Creates a migration named by the argument for both databases, from the difference between the existing
// migrations and the current schema: `npm run db:migration -- add_owners`.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FLAVORS, applyMigrations, runPrisma, scratchDatabase } from './tooling.mjs';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration -- <snake_case_name>');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

for (const flavor of FLAVORS) {
  const scratch = await scratchDatabase(flavor);
  try {
    applyMigrations(scratch.url);
    const dir = join('prisma', flavor, 'migrations', `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'migration.sql');
    runPrisma(
      [
        'migrate',
        'diff',
        '--from-config-datasource',
        '--to-schema',
        `prisma/${flavor}/schema.prisma`,
        '--script',
        '-o',
        file,
      ],
      scratch.url,
    );
    const sql = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE)\b/.test(sql)) {
      rmSync(dir, { recursive: true, force: true });
      console.log(`${flavor}: no changes`);
    } else {
      console.log(`${flavor}: wrote ${file}`);
    }
  } finally {
    await scratch.drop();
  }
}
