#!/usr/bin/env node
// Rebuilds both schemas from prisma/models.prisma and regenerates both Prisma clients (committed under
// lib/db/generated so that installing Steward never needs Prisma's schema engine).
import { execFileSync } from 'node:child_process';
import { FLAVORS, runPrisma } from './tooling.mjs';

execFileSync('node', ['prisma/build-schemas.mjs'], { stdio: 'inherit' });
for (const flavor of FLAVORS) {
  runPrisma(
    ['generate', '--schema', `prisma/${flavor}/schema.prisma`],
    process.env.DATABASE_URL ?? 'file:/tmp/unused.db',
  );
  console.log(`generated lib/db/generated/${flavor}`);
}
