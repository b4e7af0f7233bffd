import type { Tone } from '@/components/ui/badge';
import type { CaseConfidence, CaseStatus } from './types';

export { CASE_STATUSES, CONFIDENCES as CASE_CONFIDENCES } from '@/lib/borrowed/schemas';

export const CASE_STATUS: Record<CaseStatus, { label: string; tone: Tone; meaning: string }> = {
  OPEN: { label: 'Open', tone: 'danger', meaning: 'Nobody has taken it yet.' },
  ASSIGNED: { label: 'Assigned', tone: 'warning', meaning: 'Someone answers for moving the agent off it.' },
  MIGRATING: {
    label: 'Migrating',
    tone: 'info',
    meaning: 'The agent is moving to credentials of its own; the person’s credential is still alive.',
  },
  RESOLVED: {
    label: 'Resolved',
    tone: 'success',
    meaning: 'The credential was revoked or rotated and no borrowed use was seen after that.',
  },
};

export const CONFIDENCE: Record<CaseConfidence, { label: string; tone: Tone; meaning: string }> = {
  high: { label: 'High', tone: 'danger', meaning: 'The evidence leaves little doubt that a machine used it.' },
  medium: { label: 'Medium', tone: 'warning', meaning: 'Several signs point to a machine; worth a look.' },
  low: {
    label: 'Low',
    tone: 'neutral',
    meaning: 'Informational: what a person could plausibly do themselves. Never counts as a flag.',
  },
};

/** The normalized credential types of imported logs, as a person names them. */
const CREDENTIAL_KIND_LABELS: Record<string, string> = {
  long_lived_access_key: 'Long-lived access key',
  session: 'Session',
  api_token: 'API token',
  personal_access_token: 'Personal access token',
  oauth_token: 'OAuth token',
  app_token: 'App token',
  password: 'Password',
  session_cookie: 'Session cookie',
  workload_identity: 'Workload identity',
  managed_identity: 'Managed identity',
  certificate: 'Certificate',
  client_secret: 'Client secret',
  unknown: 'Credential',
};

export function credentialKindLabel(kind: string): string {
  const known = CREDENTIAL_KIND_LABELS[kind];
  if (known) return known;
  const words = kind.replaceAll('_', ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The systems that write the logs Steward reads, by the name an event's `source` carries. */
const SOURCE_LABELS: Record<string, string> = {
  aws: 'AWS CloudTrail',
  okta: 'Okta',
  github: 'GitHub',
  entra: 'Microsoft Entra',
  gcp: 'Google Cloud',
};

export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}
