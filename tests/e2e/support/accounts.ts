/**
 * The people the end-to-end fixture knows: the seeder writes them to the database, the OpenID Connect
 * provider harness knows the single sign-on ones, and the specs sign in as them. No lib/ imports here:
 * the specs run outside Next and must not pull in server-only code.
 */

export type Role = 'ADMIN' | 'SECURITY' | 'SPONSOR' | 'AUDITOR';

export const PASSWORD = 'correct horse battery staple';

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Admin',
  SECURITY: 'Security',
  SPONSOR: 'Sponsor',
  AUDITOR: 'Auditor',
};

/** The sidebar links each role sees, in order. */
export const NAVIGATION: Record<Role, readonly string[]> = {
  ADMIN: ['Overview', 'Inventory', 'Borrowed credentials', 'Approvals', 'Audit', 'Evidence', 'Settings'],
  SECURITY: ['Overview', 'Inventory', 'Borrowed credentials', 'Approvals', 'Audit', 'Evidence', 'Settings'],
  SPONSOR: ['Overview', 'Inventory', 'Borrowed credentials', 'Approvals'],
  AUDITOR: ['Overview', 'Inventory', 'Borrowed credentials', 'Audit', 'Evidence'],
};

export type Person = { email: string; name: string };
export type SeededPerson = Person & { role: Role; password: string | null };

/** One account per role, each signing in with PASSWORD. */
export const ROLE_ACCOUNTS: Record<Role, SeededPerson> = {
  ADMIN: { email: 'admin@e2e.example', name: 'Ada Admin', role: 'ADMIN', password: PASSWORD },
  SECURITY: { email: 'security@e2e.example', name: 'Sol Security', role: 'SECURITY', password: PASSWORD },
  SPONSOR: { email: 'sponsor@e2e.example', name: 'Pat Sponsor', role: 'SPONSOR', password: PASSWORD },
  AUDITOR: { email: 'auditor@e2e.example', name: 'Avery Auditor', role: 'AUDITOR', password: PASSWORD },
};

/** An auditor whose role the role-change test changes, so no other test depends on it. */
export const CHANGELING: SeededPerson = {
  email: 'changeling@e2e.example',
  name: 'Casey Changeling',
  role: 'AUDITOR',
  password: PASSWORD,
};

/** Has a dashboard role but no password: signs in only through single sign-on. */
export const SSO_USER: SeededPerson = {
  email: 'sso.user@e2e.example',
  name: 'Sasha Single-Sign-On',
  role: 'SECURITY',
  password: null,
};

/** Known to Steward with a role, but the identity provider has not verified their email: refused. */
export const UNVERIFIED_SSO_USER: SeededPerson = {
  email: 'unverified.sso@e2e.example',
  name: 'Uma Unverified',
  role: 'SECURITY',
  password: null,
};

/** Known to the identity provider only, never to Steward's database. */
export const STRANGER: Person = { email: 'stranger@e2e.example', name: 'Stevie Stranger' };

export const SEEDED_PEOPLE: readonly SeededPerson[] = [
  ...Object.values(ROLE_ACCOUNTS),
  CHANGELING,
  SSO_USER,
  UNVERIFIED_SSO_USER,
];

export type IdpAccount = Person & { emailVerified: boolean };

/** The accounts of the identity provider, by login name. */
export const IDP_ACCOUNTS: readonly IdpAccount[] = [
  { ...SSO_USER, emailVerified: true },
  { ...STRANGER, emailVerified: true },
  { ...UNVERIFIED_SSO_USER, emailVerified: false },
];

/** Identities in the fixture: two production AI agents the sponsor sponsors, and an orphaned service account. */
export const INVENTORY = [
  {
    name: 'billing-reconciler-agent',
    kind: 'AI_AGENT',
    system: 'github',
    externalId: 'app-101',
    environment: 'production',
    sponsored: true,
  },
  {
    name: 'support-triage-agent',
    kind: 'AI_AGENT',
    system: 'slack',
    externalId: 'B0123',
    environment: 'production',
    sponsored: true,
  },
  {
    name: 'nightly-export',
    kind: 'SERVICE_ACCOUNT',
    system: 'aws',
    externalId: 'arn:aws:iam::111122223333:role/nightly-export',
    environment: 'staging',
    sponsored: false,
  },
] as const;
