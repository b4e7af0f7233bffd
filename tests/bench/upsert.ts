import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/db';
import { generateApiKey } from '../../lib/auth/api-keys';

/** The identity upsert of the machine API, timed over HTTP: one identity per call, as a sync job sends them. */

export type UpsertTiming = {
  name: string;
  concurrency: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
};

/** An admin key written straight to the database the app will serve. */
export async function createAdminKey(db: Db): Promise<string> {
  const { secret, prefix, keyHash } = generateApiKey('ADMIN');
  await db.apiKey.create({ data: { kind: 'ADMIN', name: 'bench upserts', prefix, keyHash } });
  return secret;
}

function percentile(sorted: number[], fraction: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] * 10) / 10;
}

async function upsertOnce(baseUrl: string, key: string, externalId: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/identities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ system: 'bench', externalId, name: `sync ${externalId}`, kind: 'SERVICE_ACCOUNT' }),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`upsert answered ${response.status}`);
  return performance.now() - started;
}

/** `requests` new identities, `concurrency` calls in flight at a time, after 20 warm-up calls. */
export async function timeUpserts(
  baseUrl: string,
  key: string,
  concurrency: number,
  requests: number,
): Promise<UpsertTiming> {
  const run = randomUUID().slice(0, 8);
  for (let index = 0; index < 20; index += 1) await upsertOnce(baseUrl, key, `warm-${run}-${index}`);
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests) {
      const index = next;
      next += 1;
      durations.push(await upsertOnce(baseUrl, key, `${run}-${index}`));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    name: `identity upsert, concurrency ${concurrency}`,
    concurrency,
    requests,
    requestsPerSecond: Math.round(requests / seconds),
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
  };
}
