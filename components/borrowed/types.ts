/** The shapes the borrowed-credentials use cases return, as the pages hand them to these components. */

export type { CaseDetail, CaseSummary, EvidenceItem } from '@/lib/borrowed/list';
export type { CaseConfidence, CaseStatus } from '@/lib/borrowed/schemas';

export type BurnDownDay = { day: string; open: number; resolved: number };
