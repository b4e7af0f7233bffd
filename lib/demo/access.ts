import { createHash, createHmac } from 'node:crypto';
import type { ApiKey } from '../db/generated/sqlite/client';
import type { ApiKeyKind } from '../db/generated/sqlite/enums';
import { DEFAULT_SEED, DEMO_ACCOUNTS, DEMO_PASSWORD } from './catalog';
import type { Identity } from './identities';
import type { People } from './people';
import type { Random } from './random';

/** The demo's API keys. Their secrets derive from the seed alone, so they can be printed without the database. */
export const DEMO_API_KEYS: readonly { kind: ApiKeyKind; name: string; purpose: string }[] = [
  {
    kind: 'AGENT',
    name: 'pr-review-agent',
    purpose: 'the pr-review-agent NHI: request task scopes, fetch task tokens, call /authorize',
  },
  {
    kind: 'INGEST',
    name: 'log collector',
    purpose: 'POST /api/v1/events: import CloudTrail, Okta, GitHub, Entra, GCP or native logs',
  },
  { kind: 'ADMIN', name: 'inventory sync', purpose: 'POST /api/v1/identities: upsert NHIs from an inventory source' },
  { kind: 'AUDIT', name: 'evidence export', purpose: 'GET /api/v1/audit/verify and /api/v1/evidence' },
  {
    kind: 'GATEWAY',
    name: 'api gateway',
    purpose: 'POST /access/v1/evaluation(s): AuthZEN decisions for a policy enforcement point',
  },
];

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 32;
/** Bytes at or above this are skipped so that every base62 character is equally likely. */
const UNBIASED_BYTE_LIMIT = 62 * 4;
const PREFIX_LENGTH = 12;

/** `stw_<kind>_` and 32 base62 characters from HMAC-SHA256(seed, kind). */
export function demoApiKeySecret(kind: ApiKeyKind, seed = DEFAULT_SEED): string {
  let body = '';
  for (let block = 0; body.length < SECRET_LENGTH; block += 1) {
    const bytes = createHmac('sha256', String(seed)).update(`${kind}:${block}`).digest();
    for (const byte of bytes) if (byte < UNBIASED_BYTE_LIMIT && body.length < SECRET_LENGTH) body += BASE62[byte % 62];
  }
  return `stw_${kind.toLowerCase()}_${body}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function generateApiKeys(
  random: Random,
  now: Date,
  seed: number,
  people: People,
  demoAgent: Identity,
): ApiKey[] {
  return DEMO_API_KEYS.map(({ kind, name }) => {
    const secret = demoApiKeySecret(kind, seed);
    return {
      id: random.id(),
      kind,
      name,
      prefix: secret.slice(0, PREFIX_LENGTH),
      keyHash: sha256Hex(secret),
      nhiId: kind === 'AGENT' ? demoAgent.row.id : null,
      createdById: people.demo.admin.row.id,
      createdAt: random.daysBefore(now, 20, 40),
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
      revokedById: null,
    };
  });
}

/** What a newcomer needs to try the demo: the four sign-ins and the five API keys, one line each. */
export function demoAccessLines(seed = DEFAULT_SEED): string[] {
  const emailWidth = Math.max(...DEMO_ACCOUNTS.map((account) => account.email.length));
  const keyWidth = demoApiKeySecret('INGEST', seed).length + 1;
  return [
    `Demo sign-ins (password for all: ${DEMO_PASSWORD})`,
    ...DEMO_ACCOUNTS.map(
      (account) =>
        `  ${account.email.padEnd(emailWidth)}  ${account.role.padEnd(8)}  ${account.name}: ${account.purpose}`,
    ),
    'Demo API keys (send as Authorization: Bearer <key>)',
    ...DEMO_API_KEYS.map(
      ({ kind, purpose }) => `  ${demoApiKeySecret(kind, seed).padEnd(keyWidth)} ${kind.padEnd(7)}  ${purpose}`,
    ),
  ];
}

export function printDemoAccess(seed = DEFAULT_SEED): void {
  for (const line of demoAccessLines(seed)) console.log(line);
}
