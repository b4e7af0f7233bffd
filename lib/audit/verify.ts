import 'server-only';
import { requirePermission, type Actor } from '../auth/actor';
import { getDb, type Db } from '../db';
import { databaseUrl } from '../db/flavor';
import { AUDIT_ACTIONS } from './actions';
import { ChainVerifier, type CheckpointCheck, type StoredEvent, type VerificationResult } from './chain';
import { openChainReader, type ChainReader } from './chain-reader';
import { allCheckpoints } from './checkpoint';
import { verifyCheckpointSignature, type SignedCheckpoint } from './checkpoint-signature';
import { checkpointKeyFile, existingSigningKey, rememberCheckpoint, rememberedCheckpoint } from './signing-key';

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

/** What the chain is measured against: the signed checkpoints known before its snapshot was taken. */
type SignedStatements = {
  publicKeyPem: string;
  keyId: string;
  /** Set when this server has no signing key, so nothing can be checked against it. */
  keyMissing?: string;
  /** The newest checkpoint in the database and the one remembered beside the key, newest first. */
  anchors: SignedCheckpoint[];
  rows: Map<number, SignedCheckpoint>;
  remembered: SignedCheckpoint | null;
};

/** A checkpoint as the chain's own audit.checkpoint event states it. */
type ChainCheckpoint = { eventSeq: number; statement: SignedCheckpoint | null };

/** What one pass over the chain saw, besides the chain's own verdict. */
type Observed = { hashes: Map<number, string>; chainCheckpoints: ChainCheckpoint[] };

function parseStatement(details: string): SignedCheckpoint | null {
  try {
    const parsed = JSON.parse(details) as Partial<SignedCheckpoint>;
    return typeof parsed.seq === 'number' && typeof parsed.hash === 'string' ? (parsed as SignedCheckpoint) : null;
  } catch {
    return null;
  }
}

/**
 * Records what the checkpoint checks need from one page of verified events: the hashes at the seqs a signed
 * statement names, and every audit.checkpoint event. Runs after the page's hashes, off the per-event path.
 */
function observe(verified: StoredEvent[], previous: StoredEvent[], wanted: Set<number>, observed: Observed): void {
  for (const event of verified) {
    if (wanted.has(event.seq)) observed.hashes.set(event.seq, event.hash);
    if (event.action !== AUDIT_ACTIONS.chainCheckpointed) continue;
    const statement = parseStatement(event.details);
    observed.chainCheckpoints.push({ eventSeq: event.seq, statement });
    if (!statement || observed.hashes.has(statement.seq)) continue;
    const signed = [...previous, ...verified].find((candidate) => candidate.seq === statement.seq);
    if (signed) observed.hashes.set(signed.seq, signed.hash);
    else wanted.add(statement.seq);
  }
}

function chainProblem(lastSeq: number, head: { seq: number }): string {
  return lastSeq === head.seq + 1
    ? `seq ${head.seq + 1} is stored past the chain head, outside the chain`
    : `seqs ${head.seq + 1} to ${lastSeq} are stored past the chain head, outside the chain`;
}

async function scanChain(
  reader: ChainReader,
  wanted: Set<number>,
  onProgress?: (checked: number, total: number) => void,
): Promise<{ result: VerificationResult; head: { seq: number }; observed: Observed }> {
  const { head, lastSeq } = await reader.snapshot();
  const verifier = new ChainVerifier();
  const observed: Observed = { hashes: new Map(), chainCheckpoints: [] };
  let previous: StoredEvent[] = [];
  let after = 0;
  let checked = 0;
  while (after < head.seq) {
    const page = await reader.page(after, head.seq, PAGE_SIZE);
    let verified = 0;
    for (const event of page) {
      if (!verifier.pushStored(event)) break;
      verified += 1;
    }
    observe(verified === page.length ? page : page.slice(0, verified), previous, wanted, observed);
    previous = page;
    checked += page.length;
    onProgress?.(checked, head.seq);
    if (verifier.broken || page.length < PAGE_SIZE) break;
    after = page[page.length - 1].seq;
    await yieldToEventLoop();
  }
  const result = verifier.finish(head);
  // Head and events commit together, so in one snapshot a stored event past the head was written outside the chain.
  if (result.ok && lastSeq > head.seq) {
    return {
      result: {
        ok: false,
        checked: result.checked,
        firstBrokenSeq: head.seq + 1,
        problem: chainProblem(lastSeq, head),
      },
      head,
      observed,
    };
  }
  // A signed seq far behind its audit.checkpoint event is read on its own (the same snapshot).
  const verifiedUpTo = result.ok ? head.seq : (result.firstBrokenSeq ?? 1) - 1;
  for (const seq of wanted) {
    if (observed.hashes.has(seq) || seq > verifiedUpTo || seq < 1) continue;
    const [event] = await reader.page(seq - 1, seq, 1);
    if (event) observed.hashes.set(seq, event.hash);
  }
  return { result, head, observed };
}

async function signedStatements(db: Db): Promise<SignedStatements | null> {
  const rows = await allCheckpoints(db);
  const remembered = rememberedCheckpoint();
  const newestRow = rows.at(-1) ?? null;
  if (!newestRow && !remembered) return null;
  const key = existingSigningKey();
  const anchors = [newestRow, remembered]
    .filter((anchor): anchor is SignedCheckpoint => anchor !== null)
    .sort((a, b) => b.seq - a.seq)
    .filter((anchor, index, all) => index === 0 || anchor.signature !== all[0].signature);
  return {
    publicKeyPem: key?.publicKeyPem ?? '',
    keyId: key?.keyId ?? '',
    ...(key
      ? {}
      : {
          keyMissing: `this server's signing key is missing (no STEWARD_CHECKPOINT_KEY, no file at ${checkpointKeyFile()})`,
        }),
    anchors,
    rows: new Map(rows.map((row) => [row.seq, row])),
    remembered,
  };
}

type Finding = { firstBrokenSeq?: number; problem: string };

function shortId(keyId: string): string {
  return keyId.slice(0, 16);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Measures the scanned chain against the signed statements: returns the checkpoint's check and what broke. */
function checkAgainstCheckpoints(
  signed: SignedStatements,
  head: { seq: number },
  chainResult: VerificationResult,
  observed: Observed,
): { checkpoint: CheckpointCheck; findings: Finding[] } {
  const verifiedUpTo = chainResult.ok ? head.seq : (chainResult.firstBrokenSeq ?? 1) - 1;
  const isCurrentKey = (statement: SignedCheckpoint) => statement.keyId === signed.keyId;
  const signatureHolds = (statement: SignedCheckpoint) =>
    isCurrentKey(statement) && verifyCheckpointSignature(statement, signed.publicKeyPem);
  const validChainStatements = observed.chainCheckpoints
    .flatMap(({ statement }) => (statement && isCurrentKey(statement) ? [statement] : []))
    .filter(signatureHolds);

  /** The newest seq below `seq` that a valid signature vouches for and the chain still matches. */
  const lastGoodBelow = (seq: number): number => {
    const candidates = [...validChainStatements, ...signed.rows.values(), ...signed.anchors]
      .filter((statement) => statement.seq < seq && observed.hashes.get(statement.seq) === statement.hash)
      .sort((a, b) => b.seq - a.seq);
    return candidates.find(signatureHolds)?.seq ?? 0;
  };

  const rewritten = (statement: SignedCheckpoint, what: string): Finding => {
    const lastGood = lastGoodBelow(statement.seq);
    const since =
      lastGood === 0
        ? 'no signed seq before it still matches'
        : `after seq ${lastGood}, the newest signed seq it still matches`;
    return {
      firstBrokenSeq: lastGood + 1,
      problem: `${what} signed seq ${statement.seq} with hash ${statement.hash.slice(0, 12)}… on ${statement.signedAt}, but the chain now has another hash there: it was rewritten (${since})`,
    };
  };

  const findings: Finding[] = [];
  const anchorProblems: string[] = [];
  /** A problem of an anchor: the checkpoint fails, and so does the chain when a seq is named or nothing else broke it. */
  const anchorFails = (problem: string, firstBrokenSeq?: number) => {
    anchorProblems.push(problem);
    findings.push(firstBrokenSeq === undefined ? { problem } : { firstBrokenSeq, problem });
  };
  signed.anchors.forEach((anchor, index) => {
    const where = anchor === signed.remembered ? 'the checkpoint remembered beside the key' : 'the newest checkpoint';
    if (signed.keyMissing) {
      if (index === 0) anchorFails(signed.keyMissing);
    } else if (!isCurrentKey(anchor)) {
      // After a key rotation, an older checkpoint signed by the previous key is vouched for by the newer one.
      if (index > 0) return;
      anchorFails(
        `${where} (seq ${anchor.seq}) is signed by another key (${shortId(anchor.keyId)}…), not this server's key (${shortId(signed.keyId)}…)`,
      );
    } else if (!verifyCheckpointSignature(anchor, signed.publicKeyPem)) {
      anchorFails(`the signature of ${where} (seq ${anchor.seq}) does not verify under this server's public key`);
    } else if (anchor.seq > head.seq) {
      anchorFails(
        `the chain ends at seq ${head.seq}, but ${where} signed it up to seq ${anchor.seq}: events were removed`,
        head.seq + 1,
      );
    } else if (anchor.seq > verifiedUpTo) {
      anchorProblems.push(`not reached: the chain breaks at seq ${verifiedUpTo + 1}, before seq ${anchor.seq}`);
    } else if (observed.hashes.get(anchor.seq) !== anchor.hash) {
      const finding = rewritten(anchor, capitalized(where));
      anchorFails(finding.problem, finding.firstBrokenSeq);
    } else if (
      chainResult.ok &&
      !observed.chainCheckpoints.some(
        ({ statement }) => statement?.seq === anchor.seq && statement.signature === anchor.signature,
      )
    ) {
      anchorFails(
        `the audit.checkpoint event of ${where} (seq ${anchor.seq}) is missing from the chain after seq ${anchor.seq}`,
        anchor.seq + 1,
      );
    } else if (anchor === signed.remembered && !signed.rows.has(anchor.seq)) {
      anchorFails(`${where} (seq ${anchor.seq}) is missing from the database's checkpoints: it was removed`);
    }
  });

  for (const { eventSeq, statement } of observed.chainCheckpoints) {
    if (!statement) {
      findings.push({
        firstBrokenSeq: eventSeq,
        problem: `the audit.checkpoint event at seq ${eventSeq} has no signed statement in its details`,
      });
      continue;
    }
    if (!isCurrentKey(statement)) continue;
    if (statement.seq >= eventSeq) {
      findings.push({
        firstBrokenSeq: eventSeq,
        problem: `the audit.checkpoint event at seq ${eventSeq} signs seq ${statement.seq}, at or after itself`,
      });
    } else if (!signatureHolds(statement)) {
      findings.push({
        firstBrokenSeq: eventSeq,
        problem: `the signature in the audit.checkpoint event at seq ${eventSeq} does not verify`,
      });
    } else if (observed.hashes.get(statement.seq) !== statement.hash) {
      findings.push(rewritten(statement, `The audit.checkpoint event at seq ${eventSeq}`));
    } else {
      const row = signed.rows.get(statement.seq);
      if (
        row &&
        (row.hash !== statement.hash || row.signature !== statement.signature || row.signedAt !== statement.signedAt)
      ) {
        findings.push({
          problem: `the stored checkpoint at seq ${statement.seq} differs from the chain's audit.checkpoint event at seq ${eventSeq}`,
        });
      }
    }
  }

  const newest = signed.anchors[0];
  return {
    checkpoint: {
      seq: newest.seq,
      signedAt: newest.signedAt,
      keyId: newest.keyId,
      ok: anchorProblems.length === 0,
      ...(anchorProblems.length > 0 ? { problem: anchorProblems[0] } : {}),
    },
    findings,
  };
}

/** The chain's verdict combined with the checkpoints': the earliest proven break wins. */
function combine(
  chainResult: VerificationResult,
  checkpoint: CheckpointCheck,
  findings: Finding[],
): VerificationResult {
  const breaks = [
    ...(chainResult.firstBrokenSeq !== undefined
      ? [{ firstBrokenSeq: chainResult.firstBrokenSeq, problem: chainResult.problem ?? '' }]
      : []),
    ...findings.filter((finding) => finding.firstBrokenSeq !== undefined),
  ].sort((a, b) => (a.firstBrokenSeq ?? 0) - (b.firstBrokenSeq ?? 0));
  const first = breaks[0];
  if (first?.firstBrokenSeq !== undefined) {
    return {
      ok: false,
      checked: Math.min(chainResult.checked, first.firstBrokenSeq - 1),
      firstBrokenSeq: first.firstBrokenSeq,
      problem: first.problem,
      checkpoint,
    };
  }
  if (findings.length > 0) return { ok: false, checked: chainResult.checked, problem: findings[0].problem, checkpoint };
  return { ...chainResult, checkpoint };
}

/**
 * Recomputes every hash from the genesis up to the chain head, page by page in seq order, and compares the end
 * with the head. It reads one committed state of the configured database (DATABASE_URL) on a connection of its
 * own, so events appended meanwhile are neither read nor mistaken for tampering. `onProgress` receives the
 * number of events checked so far and the head's seq.
 *
 * Then it measures the chain against the signed checkpoints: the newest in the database and the one remembered
 * beside the signing key must be signed by this server's key and match the chain's hash at their seq, and every
 * audit.checkpoint event in the chain must hold. A rewrite of the whole table with recomputed hashes breaks at or
 * before the signed seq; so does one that also removed the checkpoints, as long as the file beside the key stays.
 */
export async function verifyAuditChain(
  onProgress?: (checked: number, total: number) => void,
): Promise<VerificationResult> {
  // Read before the snapshot is taken: every checkpoint read then covers a seq that the snapshot holds.
  const signed = await signedStatements(await getDb());
  const wanted = new Set<number>(signed ? [...signed.rows.keys(), ...signed.anchors.map((anchor) => anchor.seq)] : []);
  const reader = await openChainReader(databaseUrl());
  let scanned: Awaited<ReturnType<typeof scanChain>>;
  try {
    scanned = await scanChain(reader, wanted, onProgress);
  } finally {
    await reader.close();
  }
  if (!signed) return scanned.result;
  const { checkpoint, findings } = checkAgainstCheckpoints(signed, scanned.head, scanned.result, scanned.observed);
  const result = combine(scanned.result, checkpoint, findings);
  const newestRow = [...signed.rows.values()].at(-1);
  if (result.ok && newestRow && newestRow.seq === checkpoint.seq) rememberCheckpoint(newestRow);
  return result;
}

/** Verification for a reader of the trail, reporting its progress (the dashboard's verification page). */
export async function verifyChainWithProgress(
  actor: Actor,
  onProgress: (checked: number, total: number) => void,
): Promise<VerificationResult> {
  requirePermission(actor, 'audit.verify');
  return verifyAuditChain(onProgress);
}
