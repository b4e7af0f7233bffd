import 'server-only';
import { databaseFlavor, type Db, type Tx } from '../db';
import { hashSecret } from '../auth/api-keys';
import type { TokenFacts } from './decide';

/** A task token as a decision and its audit event need it: the facts to decide on, and who stands behind it. */
export type TokenRecord = {
  facts: TokenFacts;
  tokenId: string;
  tokenHash: string;
  credentialId: string;
  scopeId: string;
  nhi: { id: string; name: string };
  initiator: { id: string; email: string } | null;
};

function stringList(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

type JoinedRow = {
  id: string;
  tokenHash: string;
  expiresAt: Date | string;
  credentialId: string;
  credentialStatus: TokenFacts['credentialStatus'];
  scopeId: string;
  scopeStatus: TokenFacts['scope']['status'];
  scopeExpiresAt: Date | string | null;
  actions: string;
  resources: string;
  maxUses: number | bigint | null;
  useCount: number | bigint;
  initiatorId: string | null;
  initiatorEmail: string | null;
  initiatorStatus: TokenFacts['scope']['initiatorStatus'];
  nhiId: string;
  nhiName: string;
  nhiStatus: TokenFacts['nhi']['status'];
  sponsorStatus: TokenFacts['nhi']['sponsorStatus'];
};

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));

function fromJoined(row: JoinedRow): TokenRecord {
  return {
    tokenId: row.id,
    tokenHash: row.tokenHash,
    credentialId: row.credentialId,
    scopeId: row.scopeId,
    nhi: { id: row.nhiId, name: row.nhiName },
    initiator: row.initiatorId ? { id: row.initiatorId, email: row.initiatorEmail ?? '' } : null,
    facts: {
      expiresAt: date(row.expiresAt),
      credentialStatus: row.credentialStatus,
      scope: {
        status: row.scopeStatus,
        expiresAt: row.scopeExpiresAt === null ? null : date(row.scopeExpiresAt),
        actions: stringList(row.actions),
        resources: stringList(row.resources),
        maxUses: row.maxUses === null ? null : Number(row.maxUses),
        useCount: Number(row.useCount),
        initiatorStatus: row.initiatorStatus,
      },
      nhi: { status: row.nhiStatus, sponsorStatus: row.sponsorStatus },
    },
  };
}

/**
 * What the decisions need about these tokens (by hash), read fresh: one query for the whole batch. Raw SQL on the
 * hot path: the query builder would send one query per relation.
 */
export async function loadTokenRecords(db: Db | Tx, tokenHashes: string[]): Promise<Map<string, TokenRecord>> {
  const rows = await selectTokens(db, 'tokenHash', [...new Set(tokenHashes)]);
  return new Map(rows.map((row) => [row.tokenHash, row]));
}

export async function loadTokenRecordById(db: Db | Tx, tokenId: string): Promise<TokenRecord | null> {
  const [row] = await selectTokens(db, 'id', [tokenId]);
  return row ?? null;
}

async function selectTokens(db: Db | Tx, column: 'id' | 'tokenHash', values: string[]): Promise<TokenRecord[]> {
  if (values.length === 0) return [];
  const postgres = databaseFlavor() === 'postgres';
  const placeholders = values.map((_, index) => (postgres ? `$${index + 1}` : '?')).join(', ');
  const rows = await db.$queryRawUnsafe<JoinedRow[]>(
    `SELECT t."id", t."tokenHash", t."expiresAt", t."credentialId", c."status" AS "credentialStatus",
       s."id" AS "scopeId", s."status" AS "scopeStatus", s."expiresAt" AS "scopeExpiresAt", s."actions",
       s."resources", s."maxUses", s."useCount", i."id" AS "initiatorId", i."email" AS "initiatorEmail",
       i."status" AS "initiatorStatus", n."id" AS "nhiId", n."name" AS "nhiName", n."status" AS "nhiStatus",
       p."status" AS "sponsorStatus"
     FROM "task_tokens" t
     JOIN "credentials" c ON c."id" = t."credentialId"
     JOIN "scope_requests" s ON s."id" = t."scopeRequestId"
     JOIN "nhis" n ON n."id" = s."nhiId"
     LEFT JOIN "humans" i ON i."id" = s."initiatorId"
     LEFT JOIN "humans" p ON p."id" = n."sponsorId"
     WHERE t."${column}" IN (${placeholders})`,
    ...values,
  );
  return rows.map(fromJoined);
}

/** The facts behind one presented task token, or null when no such token was ever issued. */
export async function loadTokenFacts(db: Db | Tx, token: string): Promise<TokenFacts | null> {
  const hash = hashSecret(token);
  return (await loadTokenRecords(db, [hash])).get(hash)?.facts ?? null;
}
