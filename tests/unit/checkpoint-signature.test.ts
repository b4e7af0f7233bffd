import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import {
  checkpointMessage,
  publicKeyId,
  signCheckpointMessage,
  verifyCheckpointSignature,
  type SignedCheckpoint,
} from '../../lib/audit/checkpoint-signature';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}

const position = { seq: 4711, hash: 'ab'.repeat(32), signedAt: '2026-12-02T11:00:00.000Z' };

function signed(key = keyPair()): { checkpoint: SignedCheckpoint; publicKeyPem: string } {
  return {
    checkpoint: {
      ...position,
      reason: 'schedule',
      keyId: publicKeyId(key.publicKeyPem),
      signature: signCheckpointMessage(position, key.privateKey),
    },
    publicKeyPem: key.publicKeyPem,
  };
}

describe('checkpoint signatures', () => {
  it('signs the RFC 8785 canonical JSON of hash, seq and signedAt', () => {
    expect(checkpointMessage({ signedAt: position.signedAt, seq: position.seq, hash: position.hash })).toBe(
      `{"hash":"${position.hash}","seq":4711,"signedAt":"2026-12-02T11:00:00.000Z"}`,
    );
    expect(checkpointMessage(position)).toBe(canonicalize(position));
  });

  it('names a key by the SHA-256 of its SPKI DER form', () => {
    const { publicKeyPem } = keyPair();
    const keyId = publicKeyId(publicKeyPem);
    expect(keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKeyId(createPublicKey(publicKeyPem))).toBe(keyId);
  });

  it('verifies a checkpoint under the key that signed it', () => {
    const { checkpoint, publicKeyPem } = signed();
    expect(verifyCheckpointSignature(checkpoint, publicKeyPem)).toBe(true);
    // The reason is not signed: it says why the statement was made, not what it states.
    expect(verifyCheckpointSignature({ ...checkpoint, reason: 'manual' }, publicKeyPem)).toBe(true);
  });

  it('refuses any change to a signed field', () => {
    const { checkpoint, publicKeyPem } = signed();
    expect(verifyCheckpointSignature({ ...checkpoint, seq: checkpoint.seq + 1 }, publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature({ ...checkpoint, hash: 'cd'.repeat(32) }, publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature({ ...checkpoint, signedAt: '2026-12-02T11:00:00.001Z' }, publicKeyPem)).toBe(
      false,
    );
    const signature = Buffer.from(checkpoint.signature, 'base64');
    signature[10] ^= 1;
    expect(verifyCheckpointSignature({ ...checkpoint, signature: signature.toString('base64') }, publicKeyPem)).toBe(
      false,
    );
  });

  it('refuses a signature made with another key, whatever keyId it claims', () => {
    const { publicKeyPem } = keyPair();
    const other = signed();
    expect(verifyCheckpointSignature(other.checkpoint, publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature({ ...other.checkpoint, keyId: publicKeyId(publicKeyPem) }, publicKeyPem)).toBe(
      false,
    );
  });

  it('refuses a right signature whose keyId names another key', () => {
    const { checkpoint, publicKeyPem } = signed();
    expect(verifyCheckpointSignature({ ...checkpoint, keyId: 'f'.repeat(64) }, publicKeyPem)).toBe(false);
  });

  it('answers false, never throws, for malformed input', () => {
    const { checkpoint, publicKeyPem } = signed();
    expect(verifyCheckpointSignature(checkpoint, 'not a key')).toBe(false);
    expect(verifyCheckpointSignature({ ...checkpoint, signature: '***' }, publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature({ ...checkpoint, signature: '' }, publicKeyPem)).toBe(false);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(verifyCheckpointSignature(checkpoint, rsa as string)).toBe(false);
  });
});
