import { describe, expect, it } from 'vitest';
import { failureResponse } from '../../lib/adapters/route';
import { getDb } from '../../lib/db';
import { createNhi } from '../../lib/identities/manage';
import { createPerson } from '../support/people';

describe('two people creating the same identity at the same moment', () => {
  it('creates it once and tells the other with a 409, never a 500', async () => {
    const security = await createPerson('SECURITY');
    const input = {
      name: 'nightly-export',
      kind: 'SERVICE_ACCOUNT',
      system: 'aws',
      externalId: 'arn:aws:iam::1:role/nightly-export',
    };
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => createNhi(security, input)));
    const failures = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const failure of failures) expect(failureResponse(failure.reason).status).toBe(409);
    const db = await getDb();
    expect(await db.nhi.count({ where: { externalId: input.externalId } })).toBe(1);
  });
});
