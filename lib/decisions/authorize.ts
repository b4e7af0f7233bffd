import 'server-only';
import { getDb, transaction, type Db, type Tx } from '../db';
import {
  appendAuditEvents,
  lockChainHead,
  type AppendedEvent,
  type AuditEventInput,
  type Principal,
} from '../audit/append';
import { AUDIT_ACTIONS } from '../audit/actions';
import { hashSecret } from '../auth/api-keys';
import { AppError } from '../errors';
import { decide, type Decision, type DecisionReason } from '../policy/decide';
import { loadTokenRecordById, loadTokenRecords, type TokenRecord } from '../policy/token-facts';
import { countUnknownTokens, type UnknownTokenVerdict } from './unknown-tokens';

/**
 * Runtime authorization, the hot path behind `/api/v1/authorize` and AuthZEN's evaluation endpoints. Each
 * decision reads the token's facts inside the transaction that chain-logs it, so a revocation that committed
 * first is always seen, and an allow is never recorded after it. Decisions that arrive while a transaction
 * is running wait and share the next one (group commit): one chain append for many decisions, and nobody is
 * answered before their decision is durable.
 */

export type AuthorizeRequest = {
  token: string;
  action: string;
  resource: string;
  context?: Record<string, unknown>;
  /** AuthZEN's subject.id: must name the token's NHI (its id or name). */
  subjectId?: string;
  /** A W3C traceparent when the caller sent one. */
  correlationId?: string;
  clientAddress: string;
  via: 'authorize' | 'authzen';
};

export type AuthorizeOutcome = {
  decision: 'allow' | 'deny';
  reason: DecisionReason;
  scopeId?: string;
  /** The chain event (its seq) that records the decision; absent only when nothing could be recorded. */
  eventId?: string;
  /** An unknown token from an address over its limit: denied, and neither recorded nor counted. */
  rateLimited?: true;
};

type Waiting = { requests: AuthorizeRequest[]; settle: (result: AuthorizeOutcome[]) => void };

/** Decisions per transaction at most: bounds the time a batch holds the chain. */
const MAX_BATCH_DECISIONS = 256;

const waiting: Waiting[] = [];
let flushing = false;

function rateLimited(): AppError {
  return new AppError(
    'RATE_LIMITED',
    'Too many requests with unknown task tokens from this address; wait a minute before trying again.',
    429,
  );
}

/**
 * Decides requests in order, each chain-logged. An unknown token from an address over its limit is denied
 * with `rateLimited` and not recorded, so one such item never costs the others in a batch their decisions.
 */
export async function authorizeMany(requests: AuthorizeRequest[]): Promise<AuthorizeOutcome[]> {
  if (requests.length === 0) return [];
  return new Promise<AuthorizeOutcome[]>((settle) => {
    waiting.push({ requests, settle });
    void flush();
  });
}

/** One decision; 429 when it carries an unknown token from an address over its limit. */
export async function authorize(request: AuthorizeRequest): Promise<AuthorizeOutcome> {
  const [outcome] = await authorizeMany([request]);
  if (outcome.rateLimited) throw rateLimited();
  return outcome;
}

function takeBatch(): Waiting[] {
  const batch: Waiting[] = [];
  let size = 0;
  while (waiting.length > 0 && (batch.length === 0 || size + waiting[0].requests.length <= MAX_BATCH_DECISIONS)) {
    const next = waiting.shift() as Waiting;
    size += next.requests.length;
    batch.push(next);
  }
  return batch;
}

async function flush(): Promise<void> {
  if (flushing) return;
  flushing = true;
  try {
    while (waiting.length > 0) {
      // Let the requests that arrived meanwhile queue up: a transaction on SQLite runs without yielding.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = takeBatch();
      const results = await decideAndRecord(batch.flatMap((entry) => entry.requests));
      let offset = 0;
      for (const entry of batch) {
        entry.settle(results.slice(offset, offset + entry.requests.length));
        offset += entry.requests.length;
      }
    }
  } finally {
    flushing = false;
  }
}

/**
 * Fail closed: when a shared transaction fails, each of its requests is decided again on its own, so one bad
 * request does not cost the others their answer; a request that still cannot be decided is denied with ERROR,
 * recorded if possible.
 */
async function decideAndRecord(requests: AuthorizeRequest[]): Promise<AuthorizeOutcome[]> {
  try {
    return await transaction((tx) => decideInTransaction(tx, requests, new Date()));
  } catch (error) {
    if (requests.length > 1) {
      const alone: AuthorizeOutcome[] = [];
      for (const request of requests) alone.push(...(await decideAndRecord([request])));
      return alone;
    }
    console.error('Runtime authorization failed; denying the request', error);
    return recordErrors(requests);
  }
}

async function recordErrors(requests: AuthorizeRequest[]): Promise<AuthorizeOutcome[]> {
  try {
    const appended = await transaction((tx) =>
      appendAuditEvents(
        tx,
        requests.map((request) => decisionEvent(request, null, { decision: 'deny', reason: 'ERROR' })),
      ),
    );
    return appended.map(({ seq }) => ({ decision: 'deny', reason: 'ERROR', eventId: String(seq) }));
  } catch (error) {
    console.error('Could not record the denial either', error);
    return requests.map(() => ({ decision: 'deny', reason: 'ERROR' }));
  }
}

function subjectMatches(request: AuthorizeRequest, record: TokenRecord): boolean {
  return request.subjectId === undefined || [record.nhi.id, record.nhi.name].includes(request.subjectId);
}

async function decideInTransaction(tx: Tx, requests: AuthorizeRequest[], now: Date): Promise<AuthorizeOutcome[]> {
  // The chain head's lock first: a revocation that took it before us has committed by the time we read.
  const head = await lockChainHead(tx);
  const hashes = requests.map((request) => hashSecret(request.token));
  const records = await loadTokenRecords(tx, hashes);
  const uses = new Map<string, number>();
  const decisions = requests.map((request, index): Decision & { record: TokenRecord | null } => {
    const found = records.get(hashes[index]) ?? null;
    const record = found && subjectMatches(request, found) ? found : null;
    if (record) record.facts.scope.useCount += uses.get(record.scopeId) ?? 0;
    const decision = decide(record?.facts ?? null, request, now);
    if (record) record.facts.scope.useCount -= uses.get(record.scopeId) ?? 0;
    if (record && decision.decision === 'allow') uses.set(record.scopeId, (uses.get(record.scopeId) ?? 0) + 1);
    return { ...decision, record };
  });
  const unknown = await countUnknownTokens(
    tx,
    requests.filter((_, index) => !decisions[index].record).map((request) => request.clientAddress),
    now,
  );
  await recordUses(tx, uses);
  return appendDecisions(tx, head, requests, decisions, unknown);
}

async function recordUses(tx: Tx, uses: Map<string, number>): Promise<void> {
  for (const [scopeId, count] of uses)
    await tx.scopeRequest.updateMany({
      where: { id: scopeId },
      data: { useCount: { increment: count } },
    });
}

async function appendDecisions(
  tx: Tx,
  head: AppendedEvent,
  requests: AuthorizeRequest[],
  decisions: (Decision & { record: TokenRecord | null })[],
  unknown: UnknownTokenVerdict,
): Promise<AuthorizeOutcome[]> {
  const events: AuditEventInput[] = [];
  const eventIndex: (number | null)[] = [];
  const results: AuthorizeOutcome[] = [];
  const firstOfWindow = new Map<string, number>();
  requests.forEach((request, index) => {
    const { record, ...decision } = decisions[index];
    if (!record) {
      const verdict = unknown.next(request.clientAddress);
      if (verdict.rateLimited) {
        results.push({ ...decision, rateLimited: true });
        eventIndex.push(null);
        return;
      }
      if (verdict.record) {
        firstOfWindow.set(verdict.clientKey, events.length);
        eventIndex.push(events.length);
        events.push(decisionEvent(request, null, decision, verdict.deniedEarlier));
      } else eventIndex.push(firstOfWindow.get(verdict.clientKey) ?? null);
      const recordedBefore = !verdict.record && verdict.eventSeq !== null ? { eventId: verdict.eventSeq } : {};
      results.push({ ...decision, ...recordedBefore });
      return;
    }
    eventIndex.push(events.length);
    events.push(decisionEvent(request, record, decision));
    results.push({ ...decision, scopeId: record.scopeId });
  });
  const appended = await appendAuditEvents(tx, events, head);
  await unknown.remember(
    [...firstOfWindow].map(([clientKey, index]) => ({ clientKey, eventSeq: appended[index].seq })),
  );
  return results.map((result, index) => {
    const at = eventIndex[index];
    return at === null ? result : { ...result, eventId: String(appended[at].seq) };
  });
}

function nhiPrincipal(record: TokenRecord): Principal {
  return { type: 'NHI', id: record.nhi.id, label: record.nhi.name };
}

function decisionEvent(
  request: AuthorizeRequest,
  record: TokenRecord | null,
  decision: Decision,
  deniedEarlier?: number,
): AuditEventInput {
  const caller: Principal = { type: 'UNKNOWN', label: `client ${request.clientAddress}` };
  const executor = record ? nhiPrincipal(record) : caller;
  const initiator: Principal = record?.initiator
    ? { type: 'HUMAN', id: record.initiator.id, label: record.initiator.email }
    : executor;
  return {
    action: AUDIT_ACTIONS.runtimeAuthorize,
    resource: request.resource,
    outcome: decision.decision === 'allow' ? 'SUCCESS' : 'DENIED',
    attribution: !record ? 'UNKNOWN' : record.initiator ? 'AGENT_DELEGATED' : 'AGENT_AUTONOMOUS',
    initiator,
    executor,
    credential: record ? { id: record.credentialId, kind: 'TASK_TOKEN', subjectType: 'NHI' } : null,
    scopeId: record?.scopeId ?? null,
    details: {
      decision: decision.decision,
      reason: decision.reason,
      requestedAction: request.action,
      via: request.via,
      ...(request.correlationId ? { correlationId: request.correlationId } : {}),
      ...(request.context ? { context: request.context } : {}),
      ...(record ? {} : { clientAddress: request.clientAddress }),
      ...(deniedEarlier ? { deniedEarlier } : {}),
    },
  };
}

/**
 * What the decision code answers now for a task token, by its id: the receipts of revocations use it to show
 * that each revoked token is refused. It reads and decides only; nothing is written.
 */
export async function recheckRevokedToken(taskTokenId: string, db?: Db | Tx): Promise<Decision> {
  const record = await loadTokenRecordById(db ?? (await getDb()), taskTokenId);
  // A request the scope allowed: its first action on its first resource.
  const probe = {
    action: record?.facts.scope.actions[0] ?? '',
    resource: record?.facts.scope.resources[0]?.replaceAll('*', 'x') ?? '',
  };
  return decide(record?.facts ?? null, probe, new Date());
}
