import type {
  CredentialKind,
  CredentialStatus,
  NhiKind,
  NhiStatus,
  PrincipalType,
  ScopeStatus,
} from '@/lib/db/generated/sqlite/enums';

export const NHI_KIND_LABELS: Record<NhiKind, string> = {
  AI_AGENT: 'AI agent',
  SERVICE_ACCOUNT: 'Service account',
  WORKLOAD: 'Workload',
  INTEGRATION: 'Integration',
  BOT: 'Bot',
  CI_PIPELINE: 'CI pipeline',
};

export const NHI_STATUS_LABELS: Record<NhiStatus, string> = {
  ACTIVE: 'Active',
  SUSPENDED: 'Suspended',
  DECOMMISSIONED: 'Decommissioned',
  DISCOVERED: 'Discovered',
};

export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, string> = {
  PASSWORD: 'Password',
  SESSION_COOKIE: 'Session cookie',
  PERSONAL_ACCESS_TOKEN: 'Personal access token',
  OAUTH_GRANT: 'OAuth grant',
  API_KEY: 'API key',
  ACCESS_KEY: 'Access key',
  CERTIFICATE: 'Certificate',
  SSH_KEY: 'SSH key',
  TASK_TOKEN: 'Task token',
};

export const CREDENTIAL_STATUS_LABELS: Record<CredentialStatus, string> = {
  ACTIVE: 'Active',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
};

export const SCOPE_STATUS_LABELS: Record<ScopeStatus, string> = {
  PENDING: 'Pending',
  APPROVED: 'Approved',
  DENIED: 'Denied',
  COMPLETED: 'Completed',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
};

export const PRINCIPAL_TYPE_LABELS: Record<PrincipalType, string> = {
  HUMAN: 'Person',
  NHI: 'Non-human identity',
  SYSTEM: 'System',
  UNKNOWN: 'Unknown',
};
