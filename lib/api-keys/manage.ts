import 'server-only';
import { transaction, type Tx } from '../db';
import { appendAuditEvent } from '../audit/append';
import { AUDIT_ACTIONS } from '../audit/actions';
import { generateApiKey } from '../auth/api-keys';
import { humanPrincipal, requireHuman, type Actor, type HumanActor } from '../auth/actor';
import { AppError, notFound } from '../errors';
import { parseInput } from '../validation';
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

function auditKey(
  tx: Tx,
  actor: HumanActor,
  action: string,
  key: { id: string; name: string; kind: string; prefix: string; nhiId: string | null },
  details: Record<string, unknown> = {},
) {
  return appendAuditEvent(tx, {
    action,
    attribution: 'HUMAN',
    initiator: humanPrincipal(actor),
    executor: humanPrincipal(actor),
    resource: `api_key:${key.id}`,
    details: { name: key.name, kind: key.kind, prefix: key.prefix, nhiId: key.nhiId, ...details },
  });
}

/** Creates a key and returns its secret: the only time anyone sees it. */
export async function createApiKey(actor: Actor, input: unknown) {
  const person = requireHuman(actor, 'apikey.manage');
  const { name, kind, nhiId, expiresInDays } = parseInput(createApiKeySchema, input);
  const { secret, prefix, keyHash } = generateApiKey(kind);
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * DAY_MS) : null;
  const key = await transaction(async (tx) => {
    if (nhiId) await requireKeyableNhi(tx, nhiId);
    const created = await tx.apiKey.create({
      data: { name, kind, prefix, keyHash, nhiId, expiresAt, createdById: person.humanId },
      select: keySelect,
    });
    await auditKey(tx, person, AUDIT_ACTIONS.apiKeyCreated, created, { expiresAt: expiresAt?.toISOString() ?? null });
    return created;
  });
  return { key, secret };
}

/** From this commit on, the key authenticates nothing. Revoking a revoked key changes nothing. */
export async function revokeApiKey(actor: Actor, input: unknown) {
  const person = requireHuman(actor, 'apikey.manage');
  const { keyId } = parseInput(revokeApiKeySchema, input);
  return transaction(async (tx) => {
    const before = await tx.apiKey.findUnique({ where: { id: keyId }, select: keySelect });
    if (!before) throw notFound('That API key');
    if (before.revokedAt) return before;
    const key = await tx.apiKey.update({
      where: { id: keyId },
      data: { revokedAt: new Date(), revokedById: person.humanId },
      select: keySelect,
    });
    await auditKey(tx, person, AUDIT_ACTIONS.apiKeyRevoked, key);
    return key;
  });
}
