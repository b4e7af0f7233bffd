#!/usr/bin/env node
// Fails when the generated schemas, the committed Prisma clients or the migrations are out of date with
// prisma/models.prisma. The migration check needs Prisma's schema engine; in CI it is required.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { FLAVORS, applyMigrations, runPrisma, scratchDatabase, schemaEngineAvailable } from './tooling.mjs';

const problems = [];

try {
  execFileSync('node', ['prisma/build-schemas.mjs', '--check'], { stdio: 'pipe' });
} catch (error) {
  problems.push(String(error.stderr).trim());
}

for (const flavor of FLAVORS) {
  const schema = readFileSync(`prisma/${flavor}/schema.prisma`, 'utf8');
  const client = readFileSync(`lib/db/generated/${flavor}/internal/class.ts`, 'utf8');
  const inline = client.match(/"inlineSchema": (".*"),\n/);
  if (!inline || JSON.parse(inline[1]) !== schema) {
    problems.push(`lib/db/generated/${flavor} is stale: run npm run db:generate`);
  }
}

if (schemaEngineAvailable()) {
  for (const flavor of FLAVORS) {
    const scratch = await scratchDatabase(flavor);
    try {
      applyMigrations(scratch.url);
      runPrisma(
        ['migrate', 'diff', '--from-config-datasource', '--to-schema', `prisma/${flavor}/schema.prisma`, '--exit-code'],
        scratch.url,
      );
      console.log(`${flavor}: migrations match the schema`);
    } catch (error) {
      const detail = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
      problems.push(
        `prisma/${flavor}/migrations do not match the schema: run npm run db:migration -- <name>\n${detail}`,
      );
    } finally {
      await scratch.drop();
    }
  }
} else if (process.env.CI) {
  problems.push('CI needs the migration check: set PRISMA_SCHEMA_ENGINE_BINARY (see .ci/run)');
} else {
  console.log('Skipped the migration check: Prisma schema engine not configured (see README).');
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log('Schemas and clients are up to date.');
