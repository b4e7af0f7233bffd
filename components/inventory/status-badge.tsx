import type {
  AuditOutcome,
  CredentialStatus,
  FindingStatus,
  HumanStatus,
  NhiStatus,
  ScopeStatus,
} from '@/lib/db/generated/sqlite/enums';
import { Badge, type Tone } from '@/components/ui/badge';
import { formatRelative } from '@/components/ui/relative-time';
import { CREDENTIAL_STATUS_LABELS, NHI_STATUS_LABELS, SCOPE_STATUS_LABELS } from './labels';

const NHI_STATUS_TONES: Record<NhiStatus, Tone> = {
  ACTIVE: 'success',
  SUSPENDED: 'warning',
  DECOMMISSIONED: 'neutral',
  DISCOVERED: 'info',
};

const CREDENTIAL_STATUS_TONES: Record<CredentialStatus, Tone> = {
  ACTIVE: 'success',
  EXPIRED: 'neutral',
  REVOKED: 'danger',
};

const SCOPE_STATUS_TONES: Record<ScopeStatus, Tone> = {
  PENDING: 'warning',
  APPROVED: 'success',
  DENIED: 'danger',
  COMPLETED: 'neutral',
  EXPIRED: 'neutral',
  REVOKED: 'danger',
};

const OUTCOME_TONES: Record<AuditOutcome, Tone> = { SUCCESS: 'success', FAILURE: 'warning', DENIED: 'danger' };

const FINDING_STATUS: Record<FindingStatus, { label: string; tone: Tone }> = {
  OPEN: { label: 'Open', tone: 'danger' },
  ACCEPTED: { label: 'Accepted', tone: 'warning' },
  RESOLVED: { label: 'Resolved', tone: 'success' },
};

export function NhiStatusBadge({ status }: { status: NhiStatus }) {
  return <Badge tone={NHI_STATUS_TONES[status]}>{NHI_STATUS_LABELS[status]}</Badge>;
}

export function CredentialStatusBadge({ status }: { status: CredentialStatus }) {
  return <Badge tone={CREDENTIAL_STATUS_TONES[status]}>{CREDENTIAL_STATUS_LABELS[status]}</Badge>;
}

export function ScopeStatusBadge({ status }: { status: ScopeStatus }) {
  return <Badge tone={SCOPE_STATUS_TONES[status]}>{SCOPE_STATUS_LABELS[status]}</Badge>;
}

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  return <Badge tone={OUTCOME_TONES[outcome]}>{outcome.charAt(0) + outcome.slice(1).toLowerCase()}</Badge>;
}

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  const { label, tone } = FINDING_STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

export function HumanStatusBadge({ status }: { status: HumanStatus }) {
  return status === 'ACTIVE' ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Offboarded</Badge>;
}

/** Standing (never expires: amber, the thing to get rid of) or short-lived, at a glance. */
export function ExpiryBadge({ expiresAt, now = new Date() }: { expiresAt: Date | null; now?: Date }) {
  if (!expiresAt) return <Badge tone="warning">Standing</Badge>;
  const exact = expiresAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const past = expiresAt <= now;
  return (
    <time dateTime={expiresAt.toISOString()} title={exact}>
      <Badge tone={past ? 'neutral' : 'success'}>
        {past ? 'Expired' : 'Expires'} {formatRelative(expiresAt, now)}
      </Badge>
    </time>
  );
}
