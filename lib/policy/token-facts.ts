import 'server-only';
import type { Db, Tx } from '../db';
import { hashSecret } from '../auth/api-keys';
import type { TokenFacts } from './decide';

function stringList(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

/** What the decision needs about a task token, read fresh on every request: one indexed lookup by hash. */
export async function loadTokenFacts(db: Db | Tx, token: string): Promise<TokenFacts | null> {
  const row = await db.taskToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: {
      expiresAt: true,
      credential: { select: { status: true } },
      scopeRequest: {
        select: {
          status: true,
          expiresAt: true,
          actions: true,
          resources: true,
          nhi: { select: { status: true, sponsor: { select: { status: true } } } },
        },
      },
    },
  });
  if (!row) return null;
  const { scopeRequest: scope } = row;
  return {
    expiresAt: row.expiresAt,
    credentialStatus: row.credential.status,
    scope: {
      status: scope.status,
      expiresAt: scope.expiresAt,
      actions: stringList(scope.actions),
      resources: stringList(scope.resources),
    },
    nhi: { status: scope.nhi.status, sponsorStatus: scope.nhi.sponsor?.status ?? null },
  };
}
