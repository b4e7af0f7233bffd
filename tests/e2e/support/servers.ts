import type { Started } from './processes';

/**
 * The servers global setup started. Global setup and global teardown run in the same runner process, so
 * the handles are kept on globalThis (safe even if the two hooks load this module separately).
 */
export type Servers = { started: Started[]; dataDir: string };

const KEY = Symbol.for('steward.e2e.servers');
type Holder = { [KEY]?: Servers };

export function rememberServers(servers: Servers): void {
  (globalThis as Holder)[KEY] = servers;
}

export function takeServers(): Servers | undefined {
  const holder = globalThis as Holder;
  const servers = holder[KEY];
  delete holder[KEY];
  return servers;
}
