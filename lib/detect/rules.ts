import type {
  CredentialKind,
  FindingType,
  HumanStatus,
  NhiKind,
  NhiStatus,
  Severity,
} from '../db/generated/sqlite/enums';
import { environmentClass } from '../inventory/environments';
import type { ControlId } from './controls';

/**
 * Risk detection over the inventory and the credential usage seen in audit events. Pure: the same facts and
 * the same `now` give the same findings, so recomputation is safe to run at any time.
 */

export const DAY_MS = 86_400_000;
export const LONG_LIVED_AFTER_DAYS = 90;
export const STALE_AFTER_DAYS = 90;
export const USAGE_WINDOW_DAYS = 90;

export type NhiFacts = {
  id: string;
  name: string;
  kind: NhiKind;
  status: NhiStatus;
  createdAt: Date;
  lastSeenAt: Date | null;
  sponsor: { id: string; name: string; status: HumanStatus } | null;
};

export type UsageFacts = {
  executorKey: string;
  executorLabel: string | null;
  environment: string;
  eventCount: number;
  lastSeenAt: Date;
  lastEventSeq: number;
};

export type CredentialFacts = {
  id: string;
  name: string;
  kind: CredentialKind;
  status: 'ACTIVE' | 'EXPIRED' | 'REVOKED';
  issuedAt: Date;
  expiresAt: Date | null;
  lastRotatedAt: Date | null;
  subjectHuman: { id: string; email: string; status: HumanStatus } | null;
  subjectNhiId: string | null;
  holderNhi: { id: string; name: string } | null;
  usages: UsageFacts[];
};

export type DetectedFinding = {
  key: string;
  type: FindingType;
  severity: Severity;
  nhiId: string | null;
  credentialId: string | null;
  title: string;
  rationale: string;
  evidence: Record<string, unknown>;
  controls: ControlId[];
};

const CONTROLS_BY_TYPE: Record<FindingType, ControlId[]> = {
  ORPHANED: ['NHI1', 'GOVERN 2.1', 'IA.L2-3.5.6'],
  LONG_LIVED_SECRET: ['NHI7', 'PR.AA-01'],
  STALE: ['NHI1', 'IA.L2-3.5.6'],
  BORROWED_HUMAN_CREDENTIAL: ['ASI03', 'NHI5', 'IA.L2-3.5.1', 'AU.L2-3.3.2', 'PR.AA-01', 'PR.AA-05'],
  SHARED_CREDENTIAL: ['NHI9'],
  ENVIRONMENT_MIX: ['NHI8'],
};

function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

function nhiFinding(
  type: FindingType,
  nhi: NhiFacts,
  fields: Pick<DetectedFinding, 'severity' | 'title' | 'rationale' | 'evidence'>,
): DetectedFinding {
  return {
    key: `${type}:nhi:${nhi.id}`,
    type,
    nhiId: nhi.id,
    credentialId: null,
    controls: CONTROLS_BY_TYPE[type],
    ...fields,
  };
}

function credentialFinding(
  type: FindingType,
  credential: CredentialFacts,
  fields: Pick<DetectedFinding, 'severity' | 'title' | 'rationale' | 'evidence'>,
): DetectedFinding {
  const nhiId = credential.holderNhi?.id ?? credential.subjectNhiId;
  return {
    key: `${type}:credential:${credential.id}`,
    type,
    nhiId,
    credentialId: credential.id,
    controls: CONTROLS_BY_TYPE[type],
    ...fields,
  };
}

export function detectOrphaned(nhi: NhiFacts): DetectedFinding | null {
  if (nhi.status === 'DECOMMISSIONED' || nhi.sponsor?.status === 'ACTIVE') return null;
  const why = nhi.sponsor ? `its sponsor ${nhi.sponsor.name} was offboarded` : 'it has no sponsor';
  return nhiFinding('ORPHANED', nhi, {
    severity: nhi.kind === 'AI_AGENT' ? 'HIGH' : 'MEDIUM',
    title: `${nhi.name} has no accountable sponsor`,
    rationale: `No active person is accountable for ${nhi.name}: ${why}. Nobody reviews its access or would notice its misuse (OWASP NHI1 Improper Offboarding; NIST AI RMF GOVERN 2.1; CMMC IA.L2-3.5.6).`,
    evidence: { sponsorId: nhi.sponsor?.id ?? null, sponsorStatus: nhi.sponsor?.status ?? null, nhiStatus: nhi.status },
  });
}

export function detectStale(nhi: NhiFacts, now: Date): DetectedFinding | null {
  if (nhi.status !== 'ACTIVE') return null;
  const since = nhi.lastSeenAt ?? nhi.createdAt;
  const idle = daysBetween(since, now);
  if (idle < STALE_AFTER_DAYS) return null;
  return nhiFinding('STALE', nhi, {
    severity: idle >= 2 * STALE_AFTER_DAYS ? 'MEDIUM' : 'LOW',
    title: `${nhi.name} unused for ${idle} days`,
    rationale: `${nhi.name} is active but was ${nhi.lastSeenAt ? 'last seen' : 'created'} ${idle} days ago. Identities nobody uses should be disabled (OWASP NHI1; CMMC IA.L2-3.5.6, disable inactive identifiers).`,
    evidence: {
      lastSeenAt: nhi.lastSeenAt?.toISOString() ?? null,
      createdAt: nhi.createdAt.toISOString(),
      idleDays: idle,
    },
  });
}

export function detectLongLived(credential: CredentialFacts, now: Date): DetectedFinding | null {
  if (credential.status !== 'ACTIVE' || credential.expiresAt !== null || credential.kind === 'TASK_TOKEN') return null;
  const since = credential.lastRotatedAt ?? credential.issuedAt;
  const age = daysBetween(since, now);
  if (age < LONG_LIVED_AFTER_DAYS) return null;
  const when = credential.lastRotatedAt
    ? `last rotated ${age} days ago`
    : `never rotated since it was issued ${age} days ago`;
  return credentialFinding('LONG_LIVED_SECRET', credential, {
    severity: age >= 365 ? 'HIGH' : 'MEDIUM',
    title: `${credential.name}: standing secret ${age} days old`,
    rationale: `A standing credential (no expiry) ${when}. Secrets that live long are the ones that leak (OWASP NHI7 Long-Lived Secrets; NIST CSF PR.AA-01): rotate it or replace it with a short-lived, task-scoped credential.`,
    evidence: {
      issuedAt: credential.issuedAt.toISOString(),
      lastRotatedAt: credential.lastRotatedAt?.toISOString() ?? null,
      ageDays: age,
    },
  });
}

export function detectBorrowed(credential: CredentialFacts): DetectedFinding | null {
  const { subjectHuman, holderNhi } = credential;
  if (credential.status !== 'ACTIVE' || !subjectHuman || !holderNhi) return null;
  const offboarded = subjectHuman.status !== 'ACTIVE';
  return credentialFinding('BORROWED_HUMAN_CREDENTIAL', credential, {
    severity: offboarded ? 'CRITICAL' : 'HIGH',
    title: `${holderNhi.name} acts with ${subjectHuman.email}'s ${credential.kind.toLowerCase().replaceAll('_', ' ')}`,
    rationale:
      `${holderNhi.name} authenticates as a person${offboarded ? ' who was offboarded' : ''}: every action it takes is recorded as ${subjectHuman.email}'s, ` +
      `so reviews, revocation and the audit trail cannot tell the agent from the person (OWASP ASI03 Identity and Privilege Abuse; OWASP NHI5; ` +
      `CMMC IA.L2-3.5.1 and AU.L2-3.3.2; NIST CSF PR.AA-01 and PR.AA-05). Sources that cite this risk as "NHI-01" or "NHI-03" use an older ` +
      `draft numbering of the OWASP NHI list; in the 2025 list it falls under NHI5 and, for the agent side, ASI03. Move the agent to a task-scoped credential of its own and revoke this one.`,
    evidence: {
      subjectHumanId: subjectHuman.id,
      subjectStatus: subjectHuman.status,
      holderNhiId: holderNhi.id,
      credentialKind: credential.kind,
    },
  });
}

function recentUsages(credential: CredentialFacts, now: Date): UsageFacts[] {
  return credential.usages.filter((usage) => daysBetween(usage.lastSeenAt, now) <= USAGE_WINDOW_DAYS);
}

export function detectShared(credential: CredentialFacts, now: Date): DetectedFinding | null {
  if (credential.status !== 'ACTIVE') return null;
  const executors = new Map<string, UsageFacts[]>();
  for (const usage of recentUsages(credential, now))
    executors.set(usage.executorKey, [...(executors.get(usage.executorKey) ?? []), usage]);
  if (executors.size < 2) return null;
  const names = [...executors.values()].map((usages) => usages[0].executorLabel ?? usages[0].executorKey);
  return credentialFinding('SHARED_CREDENTIAL', credential, {
    severity: executors.size >= 3 || credential.subjectHuman ? 'HIGH' : 'MEDIUM',
    title: `${credential.name} used by ${executors.size} different executors`,
    rationale: `One credential used by ${names.slice(0, 4).join(', ')}${names.length > 4 ? ' and others' : ''} in the last ${USAGE_WINDOW_DAYS} days: their actions cannot be told apart and revoking it stops all of them (OWASP NHI9 NHI Reuse).`,
    evidence: {
      executors: [...executors].map(([key, usages]) => ({
        executor: key,
        label: usages[0].executorLabel,
        events: usages.reduce((sum, usage) => sum + usage.eventCount, 0),
        lastEventSeq: Math.max(...usages.map((usage) => usage.lastEventSeq)),
      })),
    },
  });
}

export function detectEnvironmentMix(credential: CredentialFacts, now: Date): DetectedFinding | null {
  if (credential.status !== 'ACTIVE') return null;
  const usages = recentUsages(credential, now);
  const production = usages.filter((usage) => environmentClass(usage.environment) === 'production');
  const other = usages.filter((usage) => environmentClass(usage.environment) === 'non-production');
  if (production.length === 0 || other.length === 0) return null;
  const environments = [...new Set([...production, ...other].map((usage) => usage.environment))].sort();
  return credentialFinding('ENVIRONMENT_MIX', credential, {
    severity: 'HIGH',
    title: `${credential.name} used in production and in ${other[0].environment}`,
    rationale: `The same credential was used in ${environments.join(', ')} within ${USAGE_WINDOW_DAYS} days: a compromise of the weaker environment reaches production (OWASP NHI8 Environment Isolation).`,
    evidence: { environments, lastEventSeqs: [...production, ...other].map((usage) => usage.lastEventSeq) },
  });
}

export function detectNhiFindings(nhi: NhiFacts, now: Date): DetectedFinding[] {
  return [detectOrphaned(nhi), detectStale(nhi, now)].filter((finding): finding is DetectedFinding => finding !== null);
}

export function detectCredentialFindings(credential: CredentialFacts, now: Date): DetectedFinding[] {
  return [
    detectLongLived(credential, now),
    detectBorrowed(credential),
    detectShared(credential, now),
    detectEnvironmentMix(credential, now),
  ].filter((finding): finding is DetectedFinding => finding !== null);
}
