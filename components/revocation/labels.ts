import type { PersonRole } from '@/lib/revocation/impact';
import type { BulkTargetKind } from '@/lib/revocation/schemas';

export const TARGET_KINDS: Record<BulkTargetKind, { label: string; meaning: string; placeholder: string }> = {
  nhi: {
    label: 'Identity',
    meaning: 'Every grant of one NHI, and every credential that authenticates as it.',
    placeholder: 'Search identities by name or id',
  },
  human: {
    label: 'Person',
    meaning: 'Every credential that authenticates as the person, and every scope they initiated.',
    placeholder: 'Search people by name or email',
  },
  system: {
    label: 'Source system',
    meaning: 'Every grant of the NHIs of one source system, and every credential that authenticates as them.',
    placeholder: 'Search systems, e.g. github',
  },
  sponsor: {
    label: 'Sponsor',
    meaning: 'Every grant of the NHIs the person sponsors. Their own credentials stay.',
    placeholder: 'Search sponsors by name or email',
  },
};

export const PERSON_ROLES: Record<PersonRole, string> = {
  subject: 'Credential subject',
  initiator: 'Initiated scopes',
  sponsor: 'Sponsor',
};
