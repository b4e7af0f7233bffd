import { rmSync } from 'node:fs';
import { stopProcess } from './support/processes';
import { takeServers } from './support/servers';

/** Stops `next start` and the OpenID Connect provider, then removes the temporary database. */
export default async function globalTeardown(): Promise<void> {
  const servers = takeServers();
  if (!servers) return;
  for (const server of [...servers.started].reverse()) await stopProcess(server);
  rmSync(servers.dataDir, { recursive: true, force: true });
}
