import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * Pure rules of signed checkpoints, with no database and no server-only code: the server signs with them, and
 * the offline verifier and evidence packs check with them.
 */

export type CheckpointReason = 'schedule' | 'export' | 'manual';

/** A signed statement that the audit chain held `hash` at `seq` when it was signed. */
export type SignedCheckpoint = {
  seq: number;
  hash: string;
  signedAt: string;
  reason: CheckpointReason;
  keyId: string;
  signature: string;
};

export type CheckpointPosition = { seq: number; hash: string; signedAt: string };

export const CHECKPOINT_ALGORITHM = 'Ed25519';

/** The signed bytes: the RFC 8785 canonical JSON of {hash, seq, signedAt}, UTF-8. */
export function checkpointMessage(position: CheckpointPosition): string {
  return canonicalize({ hash: position.hash, seq: position.seq, signedAt: position.signedAt }) as string;
}

/** The key's fingerprint: SHA-256 of its public key's SPKI DER form, hex. */
export function publicKeyId(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** The Ed25519 signature of the checkpoint message, base64. */
export function signCheckpointMessage(position: CheckpointPosition, privateKey: KeyObject): string {
  return sign(null, Buffer.from(checkpointMessage(position), 'utf8'), privateKey).toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * True when `checkpoint.signature` is an Ed25519 signature of its message under `publicKeyPem` and its keyId
 * names that key. Anything malformed (key, signature, fields) is false, never an exception.
 */
export function verifyCheckpointSignature(checkpoint: SignedCheckpoint, publicKeyPem: string): boolean {
  try {
    const publicKey = createPublicKey(publicKeyPem);
    if (publicKey.asymmetricKeyType !== 'ed25519') return false;
    if (checkpoint.keyId !== publicKeyId(publicKey)) return false;
    if (typeof checkpoint.signature !== 'string' || !BASE64.test(checkpoint.signature)) return false;
    if (!Number.isSafeInteger(checkpoint.seq) || typeof checkpoint.hash !== 'string') return false;
    if (typeof checkpoint.signedAt !== 'string') return false;
    const message = Buffer.from(checkpointMessage(checkpoint), 'utf8');
    return verify(null, message, publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}
