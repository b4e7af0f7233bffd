import 'server-only';
import type { Db } from '../db';
import { databaseUrl } from '../db/flavor';
import { ChainVerifier, type VerificationResult } from './chain';
import { openChainReader, type ChainReader } from './chain-reader';

/**
 * Events per page. Each page is read and hashed in one go, then the event loop gets a turn, so requests are
 * served while a long verification runs: a page takes a few milliseconds.
 */
const PAGE_SIZE = 1_000;

export async function readChainHead(db: Db): Promise<{ seq: number; hash: string }> {
  const head = await db.auditChainHead.findUnique({ where: { id: 1 } });
  if (!head) throw new Error('The audit chain head is missing: the database was not migrated.');
  return { seq: head.seq, hash: head.hash };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function verifyWith(
  reader: ChainReader,
  onProgress?: (checked: number, total: number) => void,
): Promise<VerificationResult> {
  const { head, lastSeq } = await reader.snapshot();
  const verifier = new ChainVerifier();
  let after = 0;
  let checked = 0;
  while (after < head.seq) {
    const page = await reader.page(after, head.seq, PAGE_SIZE);
    for (const event of page) if (!verifier.pushStored(event)) break;
    checked += page.length;
    onProgress?.(checked, head.seq);
    if (verifier.broken || page.length < PAGE_SIZE) break;
    after = page[page.length - 1].seq;
    await yieldToEventLoop();
  }
  const result = verifier.finish(head);
  // Head and events commit together, so in one snapshot a stored event past the head was written outside the chain.
  if (result.ok && lastSeq > head.seq) return { ok: false, checked: result.checked, firstBrokenSeq: head.seq + 1 };
  return result;
}

/**
 * Recomputes every hash from the genesis up to the chain head, page by page in seq order, and compares the end
 * with the head. It reads one committed state of the configured database (DATABASE_URL) on a connection of its
 * own, so events appended meanwhile are neither read nor mistaken for tampering. `onProgress` receives the
 * number of events checked so far and the head's seq.
 */
export async function verifyAuditChain(
  onProgress?: (checked: number, total: number) => void,
): Promise<VerificationResult> {
  const reader = await openChainReader(databaseUrl());
  try {
    return await verifyWith(reader, onProgress);
  } finally {
    await reader.close();
  }
}
