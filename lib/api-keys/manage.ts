import 'server-only';
import type { z } from 'zod';
import type { Tx } from '../db';
import { AUDIT_ACTIONS } from '../audit/actions';
import { generateApiKey } from '../auth/api-keys';
import { AppError, notFound } from '../errors';
import type { HumanActor } from '../auth/actor';
import { personUseCase, type UseCaseContext } from '../use-case';
import { createApiKeySchema, revokeApiKeySchema } from './schemas';

/**
 * Machine API keys, made and revoked by ADMIN or SECURITY. The secret leaves Steward once, in the answer to
 * its creation: only its SHA-256 and its first characters are stored, and neither goes into the audit trail
 * beyond the prefix.
 */

const DAY_MS = 86_400_000;

/** Everything about a key but its hash. */
const keySelect = {
  id: true,
  name: true,
  kind: true,
  prefix: true,
  nhiId: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

function nhiFieldError(message: string): AppError {
  return new AppError('INVALID_INPUT', message, 422, { fieldErrors: { nhiId: [message] } });
}

async function requireKeyableNhi(tx: Tx, nhiId: string): Promise<void> {
  const nhi = await tx.nhi.findUnique({ where: { id: nhiId }, select: { status: true } });
  if (!nhi) throw nhiFieldError('That identity is not in Steward.');
  if (nhi.status === 'DECOMMISSIONED') throw nhiFieldError('That identity was decommissioned: it gets no new keys.');
}

function keyDetails(key: { name: string; kind: string; prefix: string; nhiId: string | null }) {
  return { name: key.name, kind: key.kind, prefix: key.prefix, nhiId: key.nhiId };
}

/** Makes a key inside the caller's audited transaction and returns its secret: the only time anyone sees it. */
export async function insertApiKey(
  { tx, actor, audit }: UseCaseContext<HumanActor>,
  { name, kind, nhiId, expiresInDays }: z.output<typeof createApiKeySchema>,
) {
  const { secret, prefix, keyHash } = generateApiKey(kind);
  const expiresAt = new Date(Date.now() + expiresInDays * DAY_MS);
  if (nhiId) await requireKeyableNhi(tx, nhiId);
  const key = await tx.apiKey.create({
    data: { name, kind, prefix, keyHash, nhiId, expiresAt, createdById: actor.humanId },
    select: keySelect,
  });
  audit(AUDIT_ACTIONS.apiKeyCreated, `api_key:${key.id}`, { ...keyDetails(key), expiresAt: expiresAt.toISOString() });
  return { key, secret };
}

export const createApiKey = personUseCase({
  permission: 'apikey.manage',
  input: createApiKeySchema,
  run: (context, input) => insertApiKey(context, input),
});

/** From this commit on, the key authenticates nothing. Revoking a revoked key changes nothing. */
export const revokeApiKey = personUseCase({
  permission: 'apikey.manage',
  input: revokeApiKeySchema,
  run: async ({ tx, actor, audit }, { keyId }) => {
    const before = await tx.apiKey.findUnique({ where: { id: keyId }, select: keySelect });
    if (!before) throw notFound('That API key');
    if (before.revokedAt) return before;
    const revokedAt = new Date();
    await tx.apiKey.updateMany({
      where: { id: keyId, revokedAt: null },
      data: { revokedAt, revokedById: actor.humanId },
    });
    audit(AUDIT_ACTIONS.apiKeyRevoked, `api_key:${keyId}`, keyDetails(before));
    return tx.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: keySelect });
  },
});
