import type { IngestFormat } from '@/lib/ingest/types';

export type LogFormat = { format: IngestFormat; label: string; description: string };

/** The log formats Steward reads, in the words of the people who export them. */
export const LOG_FORMATS: LogFormat[] = [
  {
    format: 'cloudtrail',
    label: 'AWS CloudTrail',
    description: 'A trail’s files as S3 stores them ({"Records":[…]}, often .json.gz), or one event a line.',
  },
  {
    format: 'okta',
    label: 'Okta System Log',
    description: 'Events from the System Log API or an export: a JSON array or one event a line.',
  },
  {
    format: 'github',
    label: 'GitHub audit log',
    description: 'An enterprise or organization audit log export, JSON or NDJSON, with api.request events.',
  },
  {
    format: 'entra',
    label: 'Microsoft Entra sign-ins',
    description:
      'Sign-in logs from diagnostic settings: interactive, non-interactive, service principal, managed identity.',
  },
  {
    format: 'gcp',
    label: 'Google Cloud audit logs',
    description: 'Cloud Audit Logs entries, as exported to a bucket or read with gcloud logging read --format=json.',
  },
  {
    format: 'native',
    label: 'Steward JSON',
    description: 'Steward’s own event shape, for collectors that normalize events before sending them.',
  },
];
