import { disconnectDb } from '../db';
import { refreshAllFindings } from '../findings/refresh-all';

/** `npm run findings`: recomputes every finding in the configured database. */
refreshAllFindings()
  .then(async (result) => {
    console.log(
      `Findings recomputed in ${result.seconds} s: ${result.opened} opened, ${result.updated} still open or accepted, ${result.resolved} resolved.`,
    );
    await disconnectDb();
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
