import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey, hashSecret } from '../../lib/auth/api-keys';
import { getDb, transaction } from '../../lib/db';
import { createPerson } from '../support/people';

async function createKeyAndToken() {
  const { prefix, keyHash } = generateApiKey('AUDIT');
  return transaction(async (tx) => {
    const key = await tx.apiKey.create({ data: { kind: 'AUDIT', name: `omit ${prefix}`, prefix, keyHash } });
    const nhi = await tx.nhi.create({
      data: { system: 'github', externalId: randomUUID(), name: 'omit-agent', kind: 'AI_AGENT' },
    });
    const scope = await tx.scopeRequest.create({
      data: {
        nhiId: nhi.id,
        task: 'omit',
        justification: 'omit',
        actions: '[]',
        resources: '[]',
        requestedTtlSeconds: 60,
        status: 'APPROVED',
      },
    });
    const credential = await tx.credential.create({
      data: {
        kind: 'TASK_TOKEN',
        name: 'omit token',
        system: 'steward',
        fingerprint: randomUUID(),
        subjectNhiId: nhi.id,
      },
    });
    const token = await tx.taskToken.create({
      data: {
        scopeRequestId: scope.id,
        credentialId: credential.id,
        tokenHash: hashSecret(randomUUID()),
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    return { keyId: key.id, tokenId: token.id, keyHash };
  });
}

describe('secret hashes are left out of query results', () => {
  it('omits password, key and token hashes unless a query asks for them by name', async () => {
    const person = await createPerson('ADMIN', { password: 'a long enough password' });
    const { keyId, tokenId, keyHash } = await createKeyAndToken();
    const db = await getDb();

    expect(await db.human.findFirst({ where: { id: person.humanId } })).not.toHaveProperty('passwordHash');
    expect(await db.apiKey.findFirst({ where: { id: keyId } })).not.toHaveProperty('keyHash');
    expect(await db.taskToken.findFirst({ where: { id: tokenId } })).not.toHaveProperty('tokenHash');
    const insideTransaction = await transaction((tx) => tx.apiKey.findMany({ where: { id: keyId } }));
    expect(insideTransaction[0]).not.toHaveProperty('keyHash');

    const withHash = await db.apiKey.findFirstOrThrow({ where: { id: keyId }, omit: { keyHash: false } });
    expect(withHash.keyHash).toBe(keyHash);
    const withPassword = await db.human.findFirstOrThrow({
      where: { id: person.humanId },
      omit: { passwordHash: false },
    });
    expect(withPassword.passwordHash).toMatch(/^\$argon2id\$/);
  });
});
