import 'server-only';
import type { Db, Tx } from '../db';
import type { Prisma } from '../db/generated/sqlite/client';
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

const TOKEN_SELECT = {
  id: true,
  tokenHash: true,
  expiresAt: true,
  credentialId: true,
  credential: { select: { status: true } },
  scopeRequest: {
    select: {
      id: true,
      status: true,
      expiresAt: true,
      actions: true,
      resources: true,
      maxUses: true,
      useCount: true,
      initiator: { select: { id: true, email: true, status: true } },
      nhi: { select: { id: true, name: true, status: true, sponsor: { select: { status: true } } } },
    },
  },
} satisfies Prisma.TaskTokenSelect;

type TokenRow = Prisma.TaskTokenGetPayload<{ select: typeof TOKEN_SELECT }>;

function toRecord(row: TokenRow): TokenRecord {
  const { scopeRequest: scope } = row;
  return {
    tokenId: row.id,
    tokenHash: row.tokenHash,
    credentialId: row.credentialId,
    scopeId: scope.id,
    nhi: { id: scope.nhi.id, name: scope.nhi.name },
    initiator: scope.initiator ? { id: scope.initiator.id, email: scope.initiator.email } : null,
    facts: {
      expiresAt: row.expiresAt,
      credentialStatus: row.credential.status,
      scope: {
        status: scope.status,
        expiresAt: scope.expiresAt,
        actions: stringList(scope.actions),
        resources: stringList(scope.resources),
        maxUses: scope.maxUses,
        useCount: scope.useCount,
        initiatorStatus: scope.initiator?.status ?? null,
      },
      nhi: { status: scope.nhi.status, sponsorStatus: scope.nhi.sponsor?.status ?? null },
    },
  };
}

/** What the decisions need about these tokens (by hash), read fresh: one indexed query for the whole batch. */
export async function loadTokenRecords(db: Db | Tx, tokenHashes: string[]): Promise<Map<string, TokenRecord>> {
  const rows = await db.taskToken.findMany({
    where: { tokenHash: { in: [...new Set(tokenHashes)] } },
    select: TOKEN_SELECT,
  });
  return new Map(rows.map((row) => [row.tokenHash, toRecord(row)]));
}

export async function loadTokenRecordById(db: Db | Tx, tokenId: string): Promise<TokenRecord | null> {
  const row = await db.taskToken.findUnique({ where: { id: tokenId }, select: TOKEN_SELECT });
  return row ? toRecord(row) : null;
}

/** The facts behind one presented task token, or null when no such token was ever issued. */
export async function loadTokenFacts(db: Db | Tx, token: string): Promise<TokenFacts | null> {
  const hash = hashSecret(token);
  return (await loadTokenRecords(db, [hash])).get(hash)?.facts ?? null;
}
