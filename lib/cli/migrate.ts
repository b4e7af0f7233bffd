import { migrateDatabase } from '../db/migrate';
import { databaseUrl, flavorOf } from '../db/flavor';

async function main(): Promise<void> {
  const url = databaseUrl();
  const applied = await migrateDatabase(url);
  const flavor = flavorOf(url);
  console.log(
    applied.length > 0
      ? `Applied ${applied.length} migration(s) to the ${flavor} database: ${applied.join(', ')}`
      : `The ${flavor} database is up to date.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
