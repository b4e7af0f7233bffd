#!/usr/bin/env node
// Writes prisma/sqlite/schema.prisma and prisma/postgres/schema.prisma from prisma/models.prisma.
// With --check it writes nothing and exits 1 when either generated schema is out of date.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const prismaDir = dirname(fileURLToPath(import.meta.url));
export const FLAVORS = ['sqlite', 'postgres'];

function header(flavor) {
  const provider = flavor === 'sqlite' ? 'sqlite' : 'postgresql';
  return `// Generated from prisma/models.prisma by prisma/build-schemas.mjs. Do not edit.

generator client {
  provider     = "prisma-client"
  output       = "../../lib/db/generated/${flavor}"
  moduleFormat = "esm"
}

datasource db {
  provider = "${provider}"
}
`;
}

export function schemaFor(flavor) {
  const models = readFileSync(join(prismaDir, 'models.prisma'), 'utf8');
  return `${header(flavor)}\n${models}`;
}

function main() {
  const check = process.argv.includes('--check');
  let stale = [];
  for (const flavor of FLAVORS) {
    const path = join(prismaDir, flavor, 'schema.prisma');
    const wanted = schemaFor(flavor);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = '';
    }
    if (current === wanted) continue;
    if (check) {
      stale.push(path);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, wanted);
      console.log(`wrote ${path}`);
    }
  }
  if (stale.length > 0) {
    console.error(`Out of date (run npm run db:schemas): ${stale.join(', ')}`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
