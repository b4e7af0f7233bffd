import 'server-only';
import type { Db } from '../db';
import { ChainVerifier, type VerificationResult } from './chain';

const PAGE_SIZE = 5_000;

export async function readChainHead(db: Db): Promise<{ seq: number; hash: string }> {
  const head = await db.auditChainHead.findUnique({ where: { id: 1 } });
  if (!head) throw new Error('The audit chain head is missing: the database was not migrated.');
  return { seq: head.seq, hash: head.hash };
}

/**
 * Recomputes every hash from the genesis, page by page in seq order, and compares the end with the chain
 * head. `onProgress` receives the number of events checked so far.
 */
export async function verifyAuditChain(
  db: Db,
  onProgress?: (checked: number, total: number) => void,
): Promise<VerificationResult> {
  const head = await readChainHead(db);
  const verifier = new ChainVerifier();
  let after = 0;
  let checked = 0;
  for (;;) {
    const page = await db.auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: 'asc' },
      take: PAGE_SIZE,
    });
    for (const event of page) if (!verifier.push(event)) break;
    checked += page.length;
    onProgress?.(checked, head.seq);
    if (verifier.broken || page.length < PAGE_SIZE) break;
    after = page[page.length - 1].seq;
  }
  return verifier.finish(head);
}
