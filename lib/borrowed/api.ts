import 'server-only';
import type { Actor } from '../auth/actor';
import {
  caseReadScope,
  caseSummary,
  getBorrowedCase,
  jsonList,
  parseListQuery,
  readCasePage,
  suppressionsOf,
} from './list';
import type { CaseDetail, CaseSummary, EvidenceItem } from './list';

/** The machine API's view of borrowed-credential cases: the fields PRODUCT.md names, nothing more. */

/** How many evidence events each case carries in a list; the case's own URL has all of them. */
const LIST_EVIDENCE = 10;

type ApiEvidence = Pick<EvidenceItem, 'seq' | 'source' | 'sourceEventId' | 'occurredAt' | 'action'>;

export type ApiCase = {
  id: string;
  status: CaseSummary['status'];
  confidence: CaseSummary['confidence'];
  human: { id?: string; label: string; externalIds: string[] };
  credential: CaseSummary['credential'];
  agents: CaseSummary['agents'];
  sources: string[];
  firstSeen: string;
  lastSeen: string;
  eventCount: number;
  reasons: CaseSummary['reasons'];
  evidence: ApiEvidence[];
};

function apiCase(summary: CaseSummary, evidence: EvidenceItem[]): ApiCase {
  const { human } = summary;
  return {
    id: summary.id,
    status: summary.status,
    confidence: summary.confidence,
    human: { ...(human.id ? { id: human.id } : {}), label: human.label, externalIds: human.externalIds },
    credential: summary.credential,
    agents: summary.agents,
    sources: summary.sources,
    firstSeen: summary.firstSeen,
    lastSeen: summary.lastSeen,
    eventCount: summary.eventCount,
    reasons: summary.reasons,
    evidence: evidence.map(({ seq, source, sourceEventId, occurredAt, action }) => ({
      seq,
      source,
      sourceEventId,
      occurredAt,
      action,
    })),
  };
}

export async function borrowedCasesForApi(
  actor: Actor,
  query: unknown,
): Promise<{ cases: ApiCase[]; nextCursor?: string }> {
  caseReadScope(actor);
  const { rows, nextCursor } = await readCasePage(actor, parseListQuery(query));
  const suppressions = await suppressionsOf(rows);
  const cases = rows.map((row) =>
    apiCase(caseSummary(row, suppressions), jsonList<EvidenceItem>(row.evidence).slice(0, LIST_EVIDENCE)),
  );
  return nextCursor ? { cases, nextCursor } : { cases };
}

export async function borrowedCaseForApi(actor: Actor, id: string): Promise<ApiCase> {
  const detail: CaseDetail = await getBorrowedCase(actor, id);
  return apiCase(detail, detail.evidence);
}
