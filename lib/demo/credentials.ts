import type { Credential } from '../db/generated/sqlite/client';
import type { CredentialKind } from '../db/generated/sqlite/enums';
import { credentialSearchText, nameKey } from '../inventory/search-text';
import type { Identities, Identity, IdentityFlavor } from './identities';
import type { People, Person } from './people';
import { DAY_MS, HOUR_MS, type Random } from './random';

/** How long a credential lives once issued: null is standing (no expiry). */
type Lifetime = (random: Random) => number | null;

type CredentialSpec = {
  kind: CredentialKind;
  name: (identity: Identity, random: Random, issuedAt: Date) => string;
  lifetime: Lifetime;
};

export type CredentialSet = {
  all: Credential[];
  /** The NHI's own credentials it authenticates with, oldest first; empty when its system issues only ephemeral ones. */
  ownByNhi: Map<string, Credential[]>;
  borrowed: Credential[];
};

export const AUDIT_WINDOW_DAYS = 90;

const standing: Lifetime = () => null;
const days =
  (min: number, max = min): Lifetime =>
  (random) =>
    random.int(min, max) * DAY_MS;
const hours =
  (min: number, max = min): Lifetime =>
  (random) =>
    random.int(min, max) * HOUR_MS;
const mostlyStanding =
  (expiring: Lifetime, standingShare: number): Lifetime =>
  (random) =>
    random.chance(standingShare) ? null : expiring(random);

const awsKeyId = (random: Random, prefix: 'AKIA' | 'ASIA') =>
  `${prefix}${random.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;

const SPECS = {
  awsAccessKey: {
    kind: 'ACCESS_KEY',
    name: (_, random) => `access key ${awsKeyId(random, 'AKIA')}`,
    lifetime: standing,
  },
  awsStsSession: {
    kind: 'ACCESS_KEY',
    name: (_, random) => `STS session ${awsKeyId(random, 'ASIA')}`,
    lifetime: hours(1, 12),
  },
  awsConsolePassword: { kind: 'PASSWORD', name: () => 'console password', lifetime: standing },
  rolesAnywhereCertificate: {
    kind: 'CERTIFICATE',
    name: (identity) => `IAM Roles Anywhere certificate CN=${identity.row.name}`,
    lifetime: days(365),
  },
  gcpKey: { kind: 'ACCESS_KEY', name: (_, random) => `user-managed key ${random.hex(40)}`, lifetime: standing },
  gcpAccessToken: { kind: 'OAUTH_GRANT', name: () => 'OAuth access token (impersonation)', lifetime: hours(1) },
  githubAppKey: {
    kind: 'CERTIFICATE',
    name: (_, random) => `app private key SHA256:${random.base62(43)}`,
    lifetime: standing,
  },
  githubInstallationToken: {
    kind: 'API_KEY',
    name: (_, random) => `installation token ghs_…${random.base62(4)}`,
    lifetime: hours(1),
  },
  githubMachinePat: {
    kind: 'PERSONAL_ACCESS_TOKEN',
    name: (_, random) => `classic PAT "${random.pick(['ci-release', 'npm-publish', 'sync'])}" ghp_…${random.base62(4)}`,
    lifetime: standing,
  },
  githubSshKey: { kind: 'SSH_KEY', name: (identity) => `SSH key ${identity.row.name} (ED25519)`, lifetime: standing },
  deployKey: {
    kind: 'SSH_KEY',
    name: (identity) => `deploy key "${identity.repo}-deploy" (ED25519)`,
    lifetime: standing,
  },
  ciRegistryToken: {
    kind: 'API_KEY',
    name: (_, random) =>
      `repository secret ${random.pick(['NPM_TOKEN', 'DOCKERHUB_TOKEN', 'SENTRY_AUTH_TOKEN', 'SONAR_TOKEN'])}`,
    lifetime: mostlyStanding(days(365), 0.7),
  },
  oktaApiToken: { kind: 'API_KEY', name: (identity) => `SSWS API token "${identity.row.name}"`, lifetime: standing },
  oktaSigningKey: {
    kind: 'CERTIFICATE',
    name: (_, random) => `private_key_jwt signing key kid=${random.base62(10)}`,
    lifetime: mostlyStanding(days(730), 0.5),
  },
  oktaClientToken: { kind: 'OAUTH_GRANT', name: () => 'client-credentials access token', lifetime: hours(1) },
  entraSecret: {
    kind: 'API_KEY',
    name: (_, random, issuedAt) =>
      `client secret "${random.pick(['prod', 'terraform', 'rotated', 'initial', 'ci'])}-${issuedAt.getUTCFullYear()}"`,
    lifetime: mostlyStanding(days(180, 730), 0.12),
  },
  entraCertificate: {
    kind: 'CERTIFICATE',
    name: (_, random) => `certificate thumbprint ${random.chars('0123456789ABCDEF', 40)}`,
    lifetime: days(365, 730),
  },
  slackBotToken: { kind: 'API_KEY', name: (_, random) => `bot token xoxb-…${random.base62(4)}`, lifetime: standing },
  slackUserGrant: {
    kind: 'OAUTH_GRANT',
    name: () => 'app OAuth grant (chat:write, channels:history)',
    lifetime: standing,
  },
  salesforceRefreshToken: { kind: 'OAUTH_GRANT', name: () => 'connected app refresh token', lifetime: standing },
  salesforcePassword: {
    kind: 'PASSWORD',
    name: () => 'integration user password + security token',
    lifetime: mostlyStanding(days(365), 0.6),
  },
  mtlsCertificate: {
    kind: 'CERTIFICATE',
    name: (identity) => `mTLS client certificate CN=${identity.row.name}`,
    lifetime: days(90),
  },
  databasePassword: {
    kind: 'PASSWORD',
    name: (identity) => `database password ${identity.row.name}`,
    lifetime: standing,
  },
  agentPlatformKey: {
    kind: 'API_KEY',
    name: (_, random) => `agent platform key ak_…${random.base62(4)}`,
    lifetime: standing,
  },
  modelProviderKey: {
    kind: 'API_KEY',
    name: (_, random) => `LLM provider API key sk-…${random.base62(4)}`,
    lifetime: standing,
  },
  bastionSshKey: {
    kind: 'SSH_KEY',
    name: (identity) => `SSH key ${identity.row.name}@bastion (RSA 4096)`,
    lifetime: standing,
  },
} satisfies Record<string, CredentialSpec>;

/**
 * What each kind of identity authenticates with. `own` is the credential its audit events carry (absent
 * when the system issues only ephemeral credentials, like an IAM role's STS sessions); `extras` are the
 * other credentials the inventory knows about.
 */
const FLAVOR_CREDENTIALS: Readonly<
  Record<IdentityFlavor, { own: readonly CredentialSpec[]; extras: readonly CredentialSpec[] }>
> = {
  'iam-user': { own: [SPECS.awsAccessKey], extras: [SPECS.awsAccessKey, SPECS.awsConsolePassword] },
  'iam-role': { own: [], extras: [SPECS.awsStsSession, SPECS.awsStsSession, SPECS.rolesAnywhereCertificate] },
  'gcp-service-account': { own: [SPECS.gcpKey], extras: [SPECS.gcpKey, SPECS.gcpAccessToken] },
  'github-app': { own: [SPECS.githubAppKey], extras: [SPECS.githubInstallationToken, SPECS.githubAppKey] },
  'github-machine-user': { own: [SPECS.githubSshKey], extras: [SPECS.githubMachinePat] },
  'github-workflow': { own: [SPECS.deployKey], extras: [SPECS.ciRegistryToken] },
  'okta-service-app': { own: [SPECS.oktaApiToken, SPECS.oktaSigningKey], extras: [SPECS.oktaClientToken] },
  'entra-service-principal': { own: [SPECS.entraSecret, SPECS.entraCertificate], extras: [SPECS.entraSecret] },
  'slack-app': { own: [SPECS.slackBotToken], extras: [SPECS.slackUserGrant] },
  'salesforce-integration-user': { own: [], extras: [SPECS.salesforcePassword, SPECS.salesforceRefreshToken] },
  'salesforce-connected-app': { own: [], extras: [SPECS.salesforceRefreshToken] },
  'kubernetes-service-account': { own: [SPECS.mtlsCertificate], extras: [SPECS.databasePassword] },
  'database-user': { own: [], extras: [SPECS.databasePassword] },
  'agent-runtime': { own: [SPECS.agentPlatformKey], extras: [SPECS.bastionSshKey] },
};

const ROTATION_REASON = 'Rotated: replaced by a new key';
const DECOMMISSION_REASON = 'Identity decommissioned';

type Context = { random: Random; now: Date; windowStart: Date; people: People; fingerprints: Set<string> };

function fingerprint(context: Context): string {
  for (;;) {
    const candidate = `sha256:${context.random.hex(64)}`;
    if (!context.fingerprints.has(candidate)) {
      context.fingerprints.add(candidate);
      return candidate;
    }
  }
}

function statusAt(now: Date, expiresAt: Date | null, revokedAt: Date | null): Credential['status'] {
  if (revokedAt) return 'REVOKED';
  return expiresAt && expiresAt <= now ? 'EXPIRED' : 'ACTIVE';
}

type Draft = Pick<
  Credential,
  | 'kind'
  | 'name'
  | 'issuedAt'
  | 'expiresAt'
  | 'lastUsedAt'
  | 'lastRotatedAt'
  | 'revokedAt'
  | 'revokedById'
  | 'revocationReason'
>;

/** The row with the text that inventory search matches. */
export function searchable(credential: Omit<Credential, 'searchText' | 'nameKey'>): Credential {
  return { ...credential, searchText: credentialSearchText(credential), nameKey: nameKey(credential.name) };
}

function nhiCredential(context: Context, identity: Identity, draft: Draft): Credential {
  return searchable({
    id: context.random.id(),
    ...draft,
    system: identity.row.system,
    fingerprint: fingerprint(context),
    environment: identity.row.environment,
    status: statusAt(context.now, draft.expiresAt, draft.revokedAt),
    subjectHumanId: null,
    subjectNhiId: identity.row.id,
    holderNhiId: identity.row.id,
    createdAt: draft.issuedAt,
    updatedAt: draft.revokedAt ?? draft.lastRotatedAt ?? draft.issuedAt,
  });
}

function revoker(context: Context, identity: Identity): Person {
  const sponsor = context.people.all.find((person) => person.row.id === identity.row.sponsorId);
  const candidates = [
    context.people.demo.security,
    context.people.demo.admin,
    ...(sponsor?.row.status === 'ACTIVE' ? [sponsor] : []),
  ];
  return context.random.pick(candidates);
}

/** Older keys are more common than fresh ones: issue ages lean towards `maxAgeDays`. */
function issueTime(random: Random, from: Date, until: Date, maxAgeDays: number): Date {
  const earliest = Math.max(from.getTime(), until.getTime() - maxAgeDays * DAY_MS);
  const latest = until.getTime() - DAY_MS;
  if (latest <= earliest) return new Date(earliest);
  return new Date(latest - Math.sqrt(random.next()) * (latest - earliest));
}

/**
 * The identity's own credential over time: the current one and, when it is younger than the audit window,
 * the ones it rotated out, so that every moment the identity was active is covered by exactly one key.
 */
function ownCredentials(context: Context, identity: Identity, spec: CredentialSpec): Credential[] {
  const { random, now } = context;
  const end = identity.activeUntil ?? now;
  const chain: Credential[] = [];
  let until = end;
  let successorIssuedAt: Date | null = null;
  for (let generation = 0; generation < 4; generation += 1) {
    const lifetime = spec.lifetime(random);
    const maxAge = lifetime === null ? 1_095 : Math.max(1, lifetime / DAY_MS - 1);
    const issuedAt = issueTime(random, identity.activeFrom, until, maxAge);
    const expiresAt = lifetime === null ? null : new Date(issuedAt.getTime() + lifetime);
    const overlap = random.int(1, 72) * HOUR_MS;
    const rotatedOutAt = successorIssuedAt
      ? new Date(Math.min(successorIssuedAt.getTime() + overlap, expiresAt?.getTime() ?? Infinity))
      : null;
    const rotatedByExpiry =
      rotatedOutAt !== null && expiresAt !== null && rotatedOutAt.getTime() === expiresAt.getTime();
    const revokedAt = rotatedOutAt && !rotatedByExpiry ? rotatedOutAt : null;
    chain.unshift(
      nhiCredential(context, identity, {
        kind: spec.kind,
        name: spec.name(identity, random, issuedAt),
        issuedAt,
        expiresAt,
        lastUsedAt: new Date(
          Math.min(rotatedOutAt?.getTime() ?? end.getTime(), end.getTime()) - random.int(1, 240) * 60_000,
        ),
        lastRotatedAt: null,
        revokedAt,
        revokedById: revokedAt ? revoker(context, identity).row.id : null,
        revocationReason: revokedAt ? ROTATION_REASON : null,
      }),
    );
    const coversFrom = Math.max(context.windowStart.getTime(), identity.activeFrom.getTime());
    if (issuedAt.getTime() <= coversFrom) break;
    successorIssuedAt = issuedAt;
    until = issuedAt;
  }
  markCurrentAsRotated(chain);
  return chain;
}

/** The newest key of a rotated chain records when it replaced its predecessor. */
function markCurrentAsRotated(chain: Credential[]): void {
  const current = chain[chain.length - 1];
  if (chain.length > 1) current.lastRotatedAt = current.issuedAt;
}

function extraCredential(context: Context, identity: Identity, spec: CredentialSpec): Credential {
  const { random, now } = context;
  const lifetime = spec.lifetime(random);
  const end = identity.activeUntil ?? now;
  const issuedAt =
    lifetime !== null && lifetime < DAY_MS
      ? random.daysBefore(end, 0.05, 30)
      : issueTime(random, identity.activeFrom, end, 1_095);
  const expiresAt = lifetime === null ? null : new Date(issuedAt.getTime() + lifetime);
  const revoked = random.chance(0.08);
  const revokedAt = revoked ? random.dateBetween(issuedAt, expiresAt && expiresAt < end ? expiresAt : end) : null;
  const lastUsedAt = random.chance(0.15)
    ? null
    : random.dateBetween(issuedAt, revokedAt ?? (expiresAt && expiresAt < end ? expiresAt : end));
  return nhiCredential(context, identity, {
    kind: spec.kind,
    name: spec.name(identity, random, issuedAt),
    issuedAt,
    expiresAt,
    lastUsedAt,
    lastRotatedAt: lifetime === null && random.chance(0.2) ? random.dateBetween(issuedAt, end) : null,
    revokedAt,
    revokedById: revokedAt ? revoker(context, identity).row.id : null,
    revocationReason: revokedAt
      ? random.pick([
          'Leaked in a CI log',
          'No longer used',
          'Replaced by workload identity federation',
          'Owner request',
        ])
      : null,
  });
}

/** A decommissioned identity's credentials were revoked shortly after it stopped. */
function revokeForDecommission(context: Context, identity: Identity, credentials: Credential[]): void {
  if (identity.row.status !== 'DECOMMISSIONED' || !identity.activeUntil) return;
  const by = revoker(context, identity).row.id;
  for (const credential of credentials) {
    if (credential.status !== 'ACTIVE') continue;
    const revokedAt = new Date(
      Math.min(identity.activeUntil.getTime() + context.random.int(1, 14) * DAY_MS, context.now.getTime() - HOUR_MS),
    );
    Object.assign(credential, {
      status: 'REVOKED',
      revokedAt,
      revokedById: by,
      revocationReason: DECOMMISSION_REASON,
      updatedAt: revokedAt,
    });
  }
}

function identityCredentials(context: Context, identity: Identity): { own: Credential[]; extras: Credential[] } {
  const { random } = context;
  const profile = FLAVOR_CREDENTIALS[identity.flavor];
  const shadow = identity.row.status === 'DISCOVERED';
  const own = profile.own.length > 0 && !shadow ? ownCredentials(context, identity, random.pick(profile.own)) : [];
  const extraCount = shadow ? random.int(0, 1) : random.int(1, 4);
  const pool = identity.agent ? [...profile.extras, SPECS.modelProviderKey] : profile.extras;
  const extras = Array.from({ length: extraCount }, () => extraCredential(context, identity, random.pick(pool)));
  revokeForDecommission(context, identity, [...own, ...extras]);
  return { own, extras };
}

export function createCredentialContext(random: Random, now: Date, people: People): Context {
  return {
    random,
    now,
    windowStart: new Date(now.getTime() - AUDIT_WINDOW_DAYS * DAY_MS),
    people,
    fingerprints: new Set(),
  };
}

/** Every NHI's credentials, plus the human credentials agents borrowed. */
export function generateCredentials(context: Context, identities: Identities): CredentialSet {
  const ownByNhi = new Map<string, Credential[]>();
  const all: Credential[] = [];
  for (const identity of identities.all) {
    const { own, extras } = identityCredentials(context, identity);
    if (own.length > 0) ownByNhi.set(identity.row.id, own);
    all.push(...own, ...extras);
  }
  const borrowed = generateBorrowedCredentials(context, identities);
  all.push(...borrowed);
  return { all, ownByNhi, borrowed };
}

type BorrowedSpec = {
  kind: CredentialKind;
  system: 'github' | 'okta' | 'entra' | 'gcp';
  name: (email: string, random: Random) => string;
};

const BORROWED_SPECS: readonly BorrowedSpec[] = [
  {
    kind: 'PERSONAL_ACCESS_TOKEN',
    system: 'github',
    name: (email, random) =>
      `GitHub PAT "${random.pick(['agent-experiments', 'local-scripts', 'bulk-triage', 'review-bot-tmp', 'automation'])}" of ${email}`,
  },
  { kind: 'PERSONAL_ACCESS_TOKEN', system: 'github', name: (email) => `fine-grained PAT of ${email}` },
  { kind: 'SESSION_COOKIE', system: 'okta', name: (email) => `Okta session cookie (sid) of ${email}` },
  { kind: 'PASSWORD', system: 'okta', name: (email) => `Okta password of ${email}` },
  { kind: 'OAUTH_GRANT', system: 'entra', name: (email) => `Microsoft Graph delegated refresh token of ${email}` },
  { kind: 'SESSION_COOKIE', system: 'entra', name: (email) => `ESTSAUTHPERSISTENT cookie of ${email}` },
  { kind: 'PASSWORD', system: 'entra', name: (email) => `Entra ID password of ${email}` },
  { kind: 'OAUTH_GRANT', system: 'gcp', name: (email) => `gcloud application-default credentials of ${email}` },
];

const BORROWED_TOTAL = 40;
/** Borrowed credentials that stay in use for the whole audit window: the trail always has some to show. */
const BORROWED_STEADY = 14;
const BORROWED_REVOKED = 8;
const BORROWED_EXPIRED = 4;

function borrowedHolders(context: Context, identities: Identities): Identity[] {
  const { random, windowStart } = context;
  const agents = identities.all.filter((identity) => identity.row.kind === 'AI_AGENT');
  const steady = agents.filter(
    (agent) =>
      agent.row.status === 'ACTIVE' &&
      !agent.activeUntil &&
      agent.activeFrom < windowStart &&
      agent !== identities.demoAgent,
  );
  const shadows = agents.filter((agent) => agent.row.status === 'DISCOVERED');
  const steadyHolders = random.sample(steady, BORROWED_STEADY);
  const others = random.sample(
    [...steady.filter((agent) => !steadyHolders.includes(agent)), ...shadows],
    BORROWED_TOTAL - BORROWED_STEADY,
  );
  return [...steadyHolders, ...others];
}

function borrowedSubject(context: Context, index: number): Person {
  const { random, people } = context;
  const offboarded = people.all.filter((person) => person.row.status === 'OFFBOARDED');
  const engineers = people.all.filter(
    (person) => person.row.status === 'ACTIVE' && !person.seat.demoAccount && person.seat.department !== 'Executive',
  );
  return index % 5 === 2 ? random.pick(offboarded) : random.pick(engineers);
}

/** Which borrowed credentials were already dealt with: some revoked by security, some lapsed. */
function borrowedFate(index: number): 'active' | 'revoked' | 'expired' {
  if (index < BORROWED_STEADY) return 'active';
  const rest = index - BORROWED_STEADY;
  if (rest < BORROWED_REVOKED) return 'revoked';
  return rest < BORROWED_REVOKED + BORROWED_EXPIRED ? 'expired' : 'active';
}

type BorrowedFate = ReturnType<typeof borrowedFate>;

function borrowedLifetime(context: Context, holder: Identity, fate: BorrowedFate) {
  const { random, now, windowStart } = context;
  if (fate === 'expired') {
    const issuedAt = random.daysBefore(now, 70, 200);
    return { issuedAt, expiresAt: new Date(issuedAt.getTime() + random.int(25, 60) * DAY_MS), revokedAt: null };
  }
  const issuedAt =
    fate === 'active' && holder.activeFrom < windowStart
      ? random.daysBefore(windowStart, 1, 600)
      : random.dateBetween(new Date(holder.activeFrom.getTime() - 30 * DAY_MS), new Date(now.getTime() - 5 * DAY_MS));
  const revokedAt =
    fate === 'revoked'
      ? random.dateBetween(
          new Date(Math.max(issuedAt.getTime() + DAY_MS, now.getTime() - 60 * DAY_MS)),
          new Date(now.getTime() - 2 * DAY_MS),
        )
      : null;
  return { issuedAt, expiresAt: null, revokedAt };
}

function borrowedCredential(context: Context, holder: Identity, subject: Person, fate: BorrowedFate): Credential {
  const { random, now } = context;
  const spec = random.pick(
    fate === 'expired' ? BORROWED_SPECS.filter((candidate) => candidate.kind !== 'PASSWORD') : BORROWED_SPECS,
  );
  const { issuedAt, expiresAt, revokedAt } = borrowedLifetime(context, holder, fate);
  const lastUsedAt = revokedAt ?? expiresAt ?? now;
  return searchable({
    id: random.id(),
    kind: spec.kind,
    name: spec.name(subject.row.email, random),
    system: spec.system,
    fingerprint: fingerprint(context),
    environment: 'production',
    status: statusAt(now, expiresAt, revokedAt),
    subjectHumanId: subject.row.id,
    subjectNhiId: null,
    holderNhiId: holder.row.id,
    issuedAt,
    expiresAt,
    lastUsedAt: new Date(lastUsedAt.getTime() - random.int(5, 600) * 60_000),
    lastRotatedAt: null,
    revokedAt,
    revokedById: revokedAt ? context.people.demo.security.row.id : null,
    revocationReason: revokedAt ? 'Borrowed human credential: agent moved to task-scoped credentials' : null,
    createdAt: issuedAt,
    updatedAt: revokedAt ?? issuedAt,
  });
}

function generateBorrowedCredentials(context: Context, identities: Identities): Credential[] {
  return borrowedHolders(context, identities).map((holder, index) =>
    borrowedCredential(context, holder, borrowedSubject(context, index), borrowedFate(index)),
  );
}
