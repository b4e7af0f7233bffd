import type { ApiKeyKind } from '@/lib/db/generated/sqlite/enums';

/** What each kind of key may do: exactly one kind of thing (see KEY_PERMISSIONS). */
export const KEY_KINDS: Record<ApiKeyKind, { label: string; description: string }> = {
  AGENT: {
    label: 'Agent',
    description: 'For one NHI: requests task scopes and fetches its task tokens once approved.',
  },
  INGEST: { label: 'Ingest', description: 'For a log collector: may only import events.' },
  ADMIN: { label: 'Admin', description: 'For an automation: may only create and update identities.' },
  AUDIT: { label: 'Audit', description: 'For an auditor’s automation: verifies the audit chain and exports evidence.' },
  GATEWAY: {
    label: 'Gateway',
    description: 'For a policy enforcement point: may only ask the AuthZEN evaluation endpoints for decisions.',
  },
};
