/**
 * Migrates a fresh SQLite database and writes the end-to-end fixture's people into it.
 *
 *   DATABASE_URL=file:/tmp/x/steward.db node --conditions=react-server --import tsx tests/e2e/support/seed.ts
 *
 * Run from the project root (the migrations are read from prisma/). Global setup runs it as a child process.
 */
import { existsSync } from 'node:fs';
import { migrateDatabase } from '../../../lib/db/migrate';
import { disconnectDb, getDb } from '../../../lib/db';
import { hashPassword } from '../../../lib/auth/passwords';
import { recomputeFindings } from '../../../lib/findings/recompute';
import { INVENTORY, ROLE_ACCOUNTS, SEEDED_PEOPLE } from './accounts';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? '';
  if (!url.startsWith('file:')) throw new Error('DATABASE_URL must be a file: URL of a fresh SQLite database.');
  if (existsSync(url.slice('file:'.length)))
    throw new Error(`${url} already exists: the seeder only fills a fresh database.`);

  const applied = await migrateDatabase(url);
  const db = await getDb();
  try {
    for (const person of SEEDED_PEOPLE) {
      await db.human.create({
        data: {
          email: person.email,
          name: person.name,
          role: person.role,
          status: 'ACTIVE',
          passwordHash: person.password === null ? null : await hashPassword(person.password),
        },
      });
    }
    const sponsor = await db.human.findUniqueOrThrow({ where: { email: ROLE_ACCOUNTS.SPONSOR.email } });
    const nhis = [];
    for (const { sponsored, ...nhi } of INVENTORY) {
      nhis.push(await db.nhi.create({ data: { ...nhi, sponsorId: sponsored ? sponsor.id : null } }));
    }
    await recomputeFindings(db, { nhiIds: nhis.map((nhi) => nhi.id) });
  } finally {
    await disconnectDb();
  }
  console.log(`Applied ${applied.length} migration(s) and seeded ${SEEDED_PEOPLE.length} people into ${url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
