import { Command } from 'commander';
import { disconnectDb } from '../db';
import { sweepExpiredScopes } from '../scopes/expiry';

/** `npm run sweep`: marks expired task scopes and their tokens now, as the server does once a minute. */
async function main(): Promise<void> {
  new Command('sweep').description('Mark expired task scopes and task tokens as EXPIRED, audited.').parse();
  const swept = await sweepExpiredScopes();
  console.log(`Expired ${swept.scopes} scopes and ${swept.tokens} task tokens.`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
