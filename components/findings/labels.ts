import type { FindingStatus, FindingType, Severity } from '@/lib/db/generated/sqlite/enums';

export const FINDING_TYPE_LABELS: Record<FindingType, string> = {
  ORPHANED: 'Orphaned',
  LONG_LIVED_SECRET: 'Long-lived secret',
  STALE: 'Stale',
  BORROWED_HUMAN_CREDENTIAL: 'Borrowed human credential',
  SHARED_CREDENTIAL: 'Shared credential',
  ENVIRONMENT_MIX: 'Environment mix',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  CRITICAL: 'Critical',
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
};

export const FINDING_STATUS_CHOICE_LABELS: Record<FindingStatus | 'all', string> = {
  OPEN: 'Open',
  ACCEPTED: 'Accepted',
  RESOLVED: 'Resolved',
  all: 'Any status',
};
