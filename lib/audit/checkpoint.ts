import 'server-only';
import { z } from 'zod';
import { requirePermission, type Actor } from '../auth/actor';
import { getDb, type Db, type Tx } from '../db';
import { personUseCase, systemJob, type UseCaseContext } from '../use-case';
import { AUDIT_ACTIONS } from './actions';
import {
  CHECKPOINT_ALGORITHM,
  signCheckpointMessage,
  verifyCheckpointSignature,
  type CheckpointReason,
  type SignedCheckpoint,
} from './checkpoint-signature';
import { checkpointSigningKey, rememberCheckpoint, rememberedCheckpoint } from './signing-key';

export type { CheckpointReason, SignedCheckpoint } from './checkpoint-signature';

type CheckpointRow = { seq: number; hash: string; signedAt: Date; reason: string; keyId: string; signature: string };

function toSignedCheckpoint(row: CheckpointRow): SignedCheckpoint {
  return {
    seq: row.seq,
    hash: row.hash,
    signedAt: row.signedAt.toISOString(),
    reason: row.reason as CheckpointReason,
    keyId: row.keyId,
    signature: row.signature,
  };
}

/**
 * Signs the current chain head and appends the audit.checkpoint event, in the caller's transaction: a
 * runAudited context (personUseCase, keyUseCase, systemJob), which already holds the chain's lock, so the head
 * cannot move between reading and signing. The checkpoint's own event comes after the signed seq.
 */
export async function checkpointInTransaction<P>(
  context: UseCaseContext<P>,
  reason: CheckpointReason,
): Promise<SignedCheckpoint> {
  const head = await context.tx.auditChainHead.findUnique({ where: { id: 1 } });
  if (!head) throw new Error('The audit chain head is missing: the database was not migrated.');
  const key = checkpointSigningKey();
  const position = { seq: head.seq, hash: head.hash, signedAt: new Date().toISOString() };
  const checkpoint: SignedCheckpoint = {
    ...position,
    reason,
    keyId: key.keyId,
    signature: signCheckpointMessage(position, key.privateKey),
  };
  await context.tx.auditCheckpoint.create({ data: { ...checkpoint, signedAt: new Date(checkpoint.signedAt) } });
  context.audit(AUDIT_ACTIONS.chainCheckpointed, `checkpoint:${checkpoint.seq}`, checkpoint);
  return checkpoint;
}

/** A checkpoint of its own, made by Steward itself, remembered beside the key once it has committed. */
export async function createCheckpoint(reason: CheckpointReason): Promise<SignedCheckpoint> {
  const checkpoint = await systemJob('audit checkpoint', (context) => checkpointInTransaction(context, reason));
  rememberCheckpoint(checkpoint);
  return checkpoint;
}

const makeManualCheckpoint = personUseCase({
  // Adding a signed statement to the trail is the security team's to do, as adding imported events is:
  // auditors read and verify, and change nothing, not even by appending.
  permission: 'events.import',
  input: z.object({}),
  run: (context) => checkpointInTransaction(context, 'manual'),
});

/** A checkpoint someone asked for in the dashboard, recorded as theirs. */
export async function checkpointNow(actor: Actor): Promise<SignedCheckpoint> {
  const checkpoint = await makeManualCheckpoint(actor, {});
  rememberCheckpoint(checkpoint);
  return checkpoint;
}

/** The newest checkpoint in the database (on the transaction's view when given one). */
export async function latestCheckpoint(db?: Db | Tx): Promise<SignedCheckpoint | null> {
  const client = db ?? (await getDb());
  const row = await client.auditCheckpoint.findFirst({ orderBy: { seq: 'desc' } });
  return row ? toSignedCheckpoint(row) : null;
}

/** Every checkpoint in the database, oldest first. */
export async function allCheckpoints(db: Db): Promise<SignedCheckpoint[]> {
  return (await db.auditCheckpoint.findMany({ orderBy: { seq: 'asc' } })).map(toSignedCheckpoint);
}

/** The public half of the signing key, SPKI PEM, and its fingerprint. */
export function checkpointPublicKey(): { pem: string; keyId: string; algorithm: typeof CHECKPOINT_ALGORITHM } {
  const key = checkpointSigningKey();
  return { pem: key.publicKeyPem, keyId: key.keyId, algorithm: CHECKPOINT_ALGORITHM };
}

/**
 * Remembers the database's newest checkpoint beside the key when it is newer than the one remembered, its
 * signature holds and the chain still has its hash at its seq: checkpoints made inside other transactions
 * (exports) reach the file this way.
 */
export async function rememberLatestCheckpoint(db?: Db): Promise<void> {
  const client = db ?? (await getDb());
  const latest = await latestCheckpoint(client);
  if (!latest) return;
  const remembered = rememberedCheckpoint();
  if (remembered && remembered.seq >= latest.seq) return;
  if (!verifyCheckpointSignature(latest, checkpointSigningKey().publicKeyPem)) return;
  const event = await client.auditEvent.findUnique({ where: { seq: latest.seq }, select: { hash: true } });
  if (event?.hash === latest.hash) rememberCheckpoint(latest);
}

/** What the chain verification page shows beside the verification: the newest checkpoint and the public key. */
export async function checkpointOverview(actor: Actor) {
  requirePermission(actor, 'audit.verify');
  return { latest: await latestCheckpoint(), publicKey: checkpointPublicKey() };
}

/** Whether events were appended after the newest checkpoint and its own event. */
async function chainMovedSinceCheckpoint(db: Db | Tx): Promise<boolean> {
  const [head, latest] = await Promise.all([db.auditChainHead.findUnique({ where: { id: 1 } }), latestCheckpoint(db)]);
  if (!head || head.seq === 0) return false;
  return !latest || head.seq > latest.seq + 1;
}

/** One scheduled round: a checkpoint when the chain moved since the last one, else nothing is written. */
export async function scheduledCheckpoint(): Promise<SignedCheckpoint | null> {
  const db = await getDb();
  await rememberLatestCheckpoint(db);
  // A read first: the audited transaction would take the chain's write lock for nothing most rounds.
  if (!(await chainMovedSinceCheckpoint(db))) return null;
  const checkpoint = await systemJob('audit checkpoint', async (context) =>
    (await chainMovedSinceCheckpoint(context.tx)) ? checkpointInTransaction(context, 'schedule') : null,
  );
  if (checkpoint) rememberCheckpoint(checkpoint);
  return checkpoint;
}

const DEFAULT_INTERVAL_MINUTES = 60;

function intervalMs(): number {
  const minutes = Number(process.env.STEWARD_CHECKPOINT_INTERVAL_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_INTERVAL_MINUTES) * 60_000;
}

let scheduled: NodeJS.Timeout | null = null;

/** The in-process schedule, on every instance: the check inside the transaction keeps two from signing twice. */
export function startCheckpointSchedule(): void {
  if (scheduled) return;
  scheduled = setInterval(() => {
    scheduledCheckpoint().catch((error: unknown) => console.error('Making a signed audit checkpoint failed', error));
  }, intervalMs());
  scheduled.unref();
}
