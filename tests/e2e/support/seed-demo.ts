/**
 * Fills a fresh SQLite database with the demo organisation (as `npm run demo` does, with a shorter audit trail)
 * plus a few identities whose names, systems and sponsor are as long as real ones get: the data the layout
 * checks look at.
 *
 *   DATABASE_URL=file:/tmp/x/demo.db node --conditions=react-server --import tsx tests/e2e/support/seed-demo.ts
 */
import { existsSync } from 'node:fs';
import { migrateDatabase } from '../../../lib/db/migrate';
import { disconnectDb, getDb } from '../../../lib/db';
import { seedDemo } from '../../../lib/demo/seed';
import { humanSearchText, nameKey, nhiSearchText } from '../../../lib/inventory/search-text';
import { LONG_NAMED } from './long-names';

const DEMO_EVENTS = 4_000;

async function addLongNames(): Promise<void> {
  const db = await getDb();
  const sponsor = await db.human.create({
    data: {
      name: LONG_NAMED.sponsor,
      email: 'maximiliana.featherstonehaugh-worthington@acme.example',
      status: 'ACTIVE',
      searchText: humanSearchText({ name: LONG_NAMED.sponsor, email: 'maximiliana@acme.example' }),
      nameKey: nameKey(LONG_NAMED.sponsor),
    },
  });
  for (const [index, name] of LONG_NAMED.identities.entries()) {
    const nhi = { name, system: LONG_NAMED.system, externalId: `long-${index}`, description: null };
    await db.nhi.create({
      data: {
        ...nhi,
        kind: index % 2 === 0 ? 'AI_AGENT' : 'CI_PIPELINE',
        environment: 'production-eu-central-1',
        sponsorId: sponsor.id,
        searchText: nhiSearchText(nhi),
        nameKey: nameKey(name),
      },
    });
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? '';
  if (!url.startsWith('file:') || existsSync(url.slice('file:'.length))) {
    throw new Error('DATABASE_URL must be a file: URL of a database that does not exist yet.');
  }
  await migrateDatabase(url);
  try {
    const summary = await seedDemo({ events: DEMO_EVENTS });
    await addLongNames();
    console.log(`Seeded the demo: ${JSON.stringify(summary.counts)}`);
  } finally {
    await disconnectDb();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
