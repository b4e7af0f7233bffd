import { auditHref } from '../audit/explorer-filters';
import { CONTROLS, type ControlId } from '../detect/controls';
import type { ControlResult, ControlStatus, EvidenceLink } from './pack-format';

/**
 * The framework controls of PRODUCT.md and how each one's status follows from figures Steward keeps (lib/evidence/
 * controls.ts gathers them with counts and daily rollups). Pure: the same figures always give the same statuses.
 * A control Steward cannot judge from what it sees is `not_applicable`, and its rationale says what is not seen.
 */

export const FRAMEWORKS = {
  nhi: 'OWASP NHI Top 10 (2025)',
  asi: 'OWASP Top 10 for Agentic Applications (2026)',
  csf: 'NIST CSF 2.0',
  airmf: 'NIST AI RMF 1.0',
  cmmc: 'CMMC 2.0 L2 / NIST SP 800-171',
} as const;

export const FRAMEWORK_ORDER = Object.values(FRAMEWORKS);

type Framework = (typeof FRAMEWORKS)[keyof typeof FRAMEWORKS];

/** Open and accepted findings of one type. */
export type FindingCounts = { open: number; accepted: number };

export type ControlFacts = {
  /** Activity figures cover the last `windowDays` UTC days, from `since` on. */
  windowDays: number;
  since: string;
  nhis: {
    total: number;
    aiAgents: number;
    discovered: number;
    orphanedActive: number;
    agentsWithoutSponsor: number;
    suspended: number;
    decommissioned: number;
  };
  credentials: {
    active: number;
    standing: number;
    taskTokens: number;
    taskTokensPastExpiry: number;
    offboardedSubject: number;
    borrowedDeclared: number;
    unbound: number;
    weakHeldByNhi: number;
    decommissionedHolder: number;
    revoked: number;
    humanUseOfNhi: number;
  };
  offboardedPeople: number;
  findings: {
    orphaned: FindingCounts;
    longLived: FindingCounts;
    stale: FindingCounts;
    borrowed: FindingCounts;
    shared: FindingCounts;
    environmentMix: FindingCounts;
  };
  borrowedCases: { unresolved: number; resolved: number };
  scopes: {
    pending: number;
    active: number;
    activeWithOffboardedInitiator: number;
    selfApproved: number;
    highRiskWithoutSecurity: number;
    highRiskApproved: number;
  };
  reviews: { overdueItems: number; decidedItems: number };
  activity: {
    events: number;
    borrowed: number;
    unknownAttribution: number;
    unknownParty: number;
  };
  decisions: { allow: number; deny: number; outOfScope: number; badToken: number; errors: number };
  chain: {
    headSeq: number;
    firstRecordedAt: string | null;
    missingTriggers: string[];
    checkpoint: { seq: number; signedAt: string } | null;
  };
};

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

function share(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const percent = (part / whole) * 100;
  return `${percent < 0.1 && part > 0 ? '<0.1' : percent.toFixed(percent < 10 ? 1 : 0)}%`;
}

const link = (label: string, href: string): EvidenceLink => ({ label, href });

function query(path: string, params: Record<string, string>): string {
  return `${path}?${new URLSearchParams(params).toString()}`;
}

const LINKS = {
  findings: (control: ControlId) => link('Open findings for this control', query('/inventory/findings', { control })),
  offboardedPeople: link('Offboarded people', query('/inventory/people', { status: 'offboarded' })),
  orphaned: link('Orphaned identities', query('/inventory', { orphaned: '1' })),
  agents: link('AI agents', query('/inventory', { kind: 'AI_AGENT' })),
  discovered: link('Discovered identities to triage', query('/inventory', { status: 'DISCOVERED' })),
  decommissioned: link('Decommissioned identities', query('/inventory', { status: 'DECOMMISSIONED' })),
  suspended: link('Suspended identities', query('/inventory', { status: 'SUSPENDED' })),
  standing: link('Standing credentials', query('/inventory/credentials', { standing: '1', status: 'ACTIVE' })),
  borrowedCredentials: link('Borrowed human credentials', query('/inventory/credentials', { borrowed: '1' })),
  passwords: link('Passwords', query('/inventory/credentials', { kind: 'PASSWORD', status: 'ACTIVE' })),
  cookies: link('Session cookies', query('/inventory/credentials', { kind: 'SESSION_COOKIE', status: 'ACTIVE' })),
  taskTokens: link('Task tokens', query('/inventory/credentials', { kind: 'TASK_TOKEN' })),
  credentials: link('Credentials', '/inventory/credentials'),
  inventory: link('Inventory', '/inventory'),
  cases: link('Borrowed-credential cases', '/borrowed'),
  approvals: link('Approval queue', '/approvals'),
  grants: link('Active grants', '/approvals/grants'),
  borrowedEvents: (since: string) =>
    link('Events with borrowed credentials', auditHref({ attribution: 'AGENT_BORROWED', from: since })),
  unknownEvents: (since: string) =>
    link('Events of unknown attribution', auditHref({ attribution: 'UNKNOWN', from: since })),
  delegatedEvents: (since: string) =>
    link('Agent actions under approved scopes', auditHref({ attribution: 'AGENT_DELEGATED', from: since })),
  decisions: (since: string) => link('Runtime decisions', auditHref({ action: 'runtime.authorize', from: since })),
  denials: (since: string) =>
    link('Denied runtime decisions', auditHref({ action: 'runtime.authorize', outcome: 'DENIED', from: since })),
  approvalsTrail: (since: string) => link('Scope approvals', auditHref({ action: 'scope.approve', from: since })),
  revocations: link('Revocations', auditHref({ action: 'credential.revoke' })),
  stewardEvents: link('Changes made in Steward', auditHref({ source: 'steward' })),
  checkpoints: link('Signed checkpoints', auditHref({ action: 'audit.checkpoint' })),
  trail: link('Audit trail', '/audit'),
  verify: link('Verify the chain', '/audit/verify'),
} as const;

type Judgement = { status: ControlStatus; rationale: string; evidence: EvidenceLink[] };

type ControlRule = { id: string; framework: Framework; title: string; judge: (facts: ControlFacts) => Judgement };

const met = (rationale: string, evidence: EvidenceLink[]): Judgement => ({ status: 'met', rationale, evidence });
const gap = (rationale: string, evidence: EvidenceLink[]): Judgement => ({ status: 'gap', rationale, evidence });
const notApplicable = (rationale: string, evidence: EvidenceLink[] = []): Judgement => ({
  status: 'not_applicable',
  rationale,
  evidence,
});

/** Joins the problems found, or gives the reassurance when there are none. */
function verdict(problems: (string | false)[], fine: string, evidence: EvidenceLink[]): Judgement {
  const found = problems.filter((problem): problem is string => Boolean(problem));
  return found.length > 0 ? gap(`${found.join('; ')}.`, evidence) : met(fine, evidence);
}

function acceptedNote(counts: FindingCounts): string {
  return counts.accepted > 0 ? ` ${plural(counts.accepted, 'finding')} accepted as a known risk.` : '';
}

function offboardingProblems(facts: ControlFacts): (string | false)[] {
  const { credentials, scopes } = facts;
  return [
    credentials.offboardedSubject > 0 &&
      `${plural(credentials.offboardedSubject, 'credential')} whose subject is an offboarded person ${credentials.offboardedSubject === 1 ? 'is' : 'are'} still active`,
    scopes.activeWithOffboardedInitiator > 0 &&
      `${plural(scopes.activeWithOffboardedInitiator, 'approved task scope')} initiated by an offboarded person ${scopes.activeWithOffboardedInitiator === 1 ? 'is' : 'are'} still live`,
    credentials.decommissionedHolder > 0 &&
      `${plural(credentials.decommissionedHolder, 'credential')} of decommissioned identities still active`,
  ];
}

function borrowedProblems(facts: ControlFacts): (string | false)[] {
  return [
    facts.borrowedCases.unresolved > 0 &&
      `${plural(facts.borrowedCases.unresolved, 'flagged borrowed-credential case')} not resolved`,
    facts.credentials.borrowedDeclared > 0 &&
      `${plural(facts.credentials.borrowedDeclared, 'active human credential')} held by an NHI in the inventory`,
  ];
}

function sponsorProblems(facts: ControlFacts): (string | false)[] {
  return [
    facts.nhis.agentsWithoutSponsor > 0 && `${plural(facts.nhis.agentsWithoutSponsor, 'AI agent')} without a sponsor`,
    facts.nhis.orphanedActive > 0 &&
      `${plural(facts.nhis.orphanedActive, 'active identity', 'active identities')} orphaned (no active sponsor)`,
  ];
}

function oversightProblems(facts: ControlFacts): (string | false)[] {
  return [
    facts.scopes.selfApproved > 0 &&
      `${plural(facts.scopes.selfApproved, 'scope approval')} by the person who initiated the task`,
    facts.scopes.highRiskWithoutSecurity > 0 &&
      `${plural(facts.scopes.highRiskWithoutSecurity, 'high-risk scope')} granted without the second approval by Security`,
  ];
}

function attributionProblems(facts: ControlFacts): (string | false)[] {
  const { activity, windowDays } = facts;
  return [
    activity.borrowed > 0 &&
      `${plural(activity.borrowed, 'event')} in the last ${windowDays} days (${share(activity.borrowed, activity.events)}) were done by agents with a person's credential, so they name the wrong actor`,
    activity.unknownParty > 0 &&
      `${plural(activity.unknownParty, 'event')} in the last ${windowDays} days (${share(activity.unknownParty, activity.events)}) name no known initiator or executor`,
  ];
}

function activitySummary(facts: ControlFacts): string {
  return `${plural(facts.activity.events, 'event')} recorded in the last ${facts.windowDays} days`;
}

function checkpointText(facts: ControlFacts): string {
  const { checkpoint } = facts.chain;
  return checkpoint
    ? `the latest signed checkpoint covers seq ${checkpoint.seq.toLocaleString('en-US')} (signed ${checkpoint.signedAt})`
    : 'no signed checkpoint has been made yet';
}

function decisionsSummary(facts: ControlFacts): string {
  const { decisions, windowDays } = facts;
  return `${plural(decisions.allow + decisions.deny, 'runtime decision')} in the last ${windowDays} days: ${decisions.allow.toLocaleString('en-US')} allowed, ${decisions.deny.toLocaleString('en-US')} denied (${plural(decisions.outOfScope, 'request')} outside the approved scope, ${plural(decisions.badToken, 'request')} with an unknown, expired or revoked token)`;
}

const RULES: ControlRule[] = [
  {
    id: 'NHI1',
    framework: FRAMEWORKS.nhi,
    title: 'Improper Offboarding',
    judge: (facts) =>
      verdict(
        [
          ...offboardingProblems(facts),
          facts.findings.orphaned.open > 0 &&
            `${plural(facts.findings.orphaned.open, 'open orphaned-identity finding')}`,
          facts.findings.stale.open > 0 && `${plural(facts.findings.stale.open, 'open stale-identity finding')}`,
        ],
        `None of ${plural(facts.offboardedPeople, 'offboarded person', 'offboarded people')} holds an active credential or initiated a live task scope, and no open orphaned or stale finding remains.${acceptedNote(facts.findings.orphaned)}`,
        [LINKS.offboardedPeople, LINKS.orphaned, LINKS.findings('NHI1'), LINKS.revocations],
      ),
  },
  {
    id: 'NHI2',
    framework: FRAMEWORKS.nhi,
    title: 'Secret Leakage',
    judge: () =>
      notApplicable(
        'Steward does not scan code, repositories or logs for leaked secrets. It keeps only fingerprints of the credentials it inventories and hashes of the task tokens and API keys it issues, so it cannot leak them, but it cannot tell whether a secret leaked elsewhere.',
      ),
  },
  {
    id: 'NHI3',
    framework: FRAMEWORKS.nhi,
    title: 'Vulnerable Third-Party NHI',
    judge: () =>
      notApplicable(
        "Steward does not see third-party vendors' security or the code of integrations; it inventories integrations as identities but cannot judge their vulnerabilities.",
        [link('Integrations', query('/inventory', { kind: 'INTEGRATION' }))],
      ),
  },
  {
    id: 'NHI4',
    framework: FRAMEWORKS.nhi,
    title: 'Insecure Authentication',
    judge: (facts) =>
      verdict(
        [
          facts.credentials.weakHeldByNhi > 0 &&
            `${plural(facts.credentials.weakHeldByNhi, 'active password or session cookie')} used by non-human identities`,
        ],
        `No non-human identity authenticates with a password or a session cookie; ${plural(facts.credentials.taskTokens, 'active task token')} authenticate agents for one task each.`,
        [LINKS.passwords, LINKS.cookies, LINKS.taskTokens],
      ),
  },
  {
    id: 'NHI5',
    framework: FRAMEWORKS.nhi,
    title: 'Overprivileged NHI',
    judge: (facts) =>
      verdict(
        [
          ...borrowedProblems(facts),
          facts.findings.borrowed.open > 0 &&
            `${plural(facts.findings.borrowed.open, 'open borrowed-credential finding')}`,
        ],
        `No agent holds a person's credential (with all of that person's rights); ${plural(facts.scopes.active, 'live task scope')} grant agents only what one task needs.${acceptedNote(facts.findings.borrowed)}`,
        [LINKS.cases, LINKS.borrowedCredentials, LINKS.grants, LINKS.findings('NHI5')],
      ),
  },
  {
    id: 'NHI6',
    framework: FRAMEWORKS.nhi,
    title: 'Insecure Cloud Deployment Configurations',
    judge: () =>
      notApplicable(
        'Steward does not read cloud or CI/CD deployment configurations (for example OIDC trust policies or pipeline settings), so it cannot judge them.',
      ),
  },
  {
    id: 'NHI7',
    framework: FRAMEWORKS.nhi,
    title: 'Long-Lived Secrets',
    judge: (facts) =>
      verdict(
        [
          facts.findings.longLived.open > 0 &&
            `${plural(facts.findings.longLived.open, 'open long-lived-secret finding')} (${plural(facts.credentials.standing, 'active credential')} without an expiry in all)`,
        ],
        `No open long-lived-secret finding; ${plural(facts.credentials.standing, 'active credential')} without an expiry, ${plural(facts.credentials.taskTokens, 'short-lived task token')}.${acceptedNote(facts.findings.longLived)}`,
        [LINKS.standing, LINKS.findings('NHI7')],
      ),
  },
  {
    id: 'NHI8',
    framework: FRAMEWORKS.nhi,
    title: 'Environment Isolation',
    judge: (facts) =>
      verdict(
        [
          facts.findings.environmentMix.open > 0 &&
            `${plural(facts.findings.environmentMix.open, 'credential')} used in more than one environment (open findings)`,
        ],
        `No credential is seen used across environments in the imported events.${acceptedNote(facts.findings.environmentMix)}`,
        [LINKS.findings('NHI8')],
      ),
  },
  {
    id: 'NHI9',
    framework: FRAMEWORKS.nhi,
    title: 'NHI Reuse',
    judge: (facts) =>
      verdict(
        [
          facts.findings.shared.open > 0 &&
            `${plural(facts.findings.shared.open, 'credential')} used by more than one identity (open findings)`,
        ],
        `No credential is seen used by more than one identity in the imported events.${acceptedNote(facts.findings.shared)}`,
        [LINKS.findings('NHI9')],
      ),
  },
  {
    id: 'NHI10',
    framework: FRAMEWORKS.nhi,
    title: 'Human Use of NHI',
    judge: (facts) =>
      verdict(
        [
          facts.credentials.humanUseOfNhi > 0 &&
            `${plural(facts.credentials.humanUseOfNhi, 'credential')} of non-human identities seen used by people`,
        ],
        'No credential of a non-human identity is seen used by a person in the imported events.',
        [LINKS.credentials],
      ),
  },
  {
    id: 'ASI01',
    framework: FRAMEWORKS.asi,
    title: 'Agent Goal Hijack',
    judge: () =>
      notApplicable(
        "Steward does not see agents' prompts, inputs or reasoning, so it cannot tell whether an agent's goal was hijacked. Task scopes limit what a hijacked agent can do (see ASI02).",
      ),
  },
  {
    id: 'ASI02',
    framework: FRAMEWORKS.asi,
    title: 'Tool Misuse and Exploitation',
    judge: (facts) =>
      facts.decisions.allow + facts.decisions.deny === 0 && facts.scopes.active === 0
        ? notApplicable(
            `No agent asked for a runtime decision in the last ${facts.windowDays} days and no task scope is live: Steward has no agent tool use to judge. Tools an agent calls without asking Steward are not seen.`,
            [LINKS.decisions(facts.since)],
          )
        : met(
            `Agents act under task scopes, and every tool call they ask about is decided deny-by-default: ${decisionsSummary(facts)}. Tools an agent calls without asking Steward are not seen.`,
            [LINKS.decisions(facts.since), LINKS.denials(facts.since), LINKS.grants],
          ),
  },
  {
    id: 'ASI03',
    framework: FRAMEWORKS.asi,
    title: 'Identity and Privilege Abuse',
    judge: (facts) =>
      verdict(
        [...borrowedProblems(facts), facts.activity.borrowed > 0 && attributionProblems(facts)[0]],
        `No agent acts with a person's credential: no unresolved borrowed-credential case (${plural(facts.borrowedCases.resolved, 'case')} resolved), and ${plural(facts.scopes.active, 'live task scope')} carry agents' own, short-lived credentials.`,
        [LINKS.cases, LINKS.borrowedEvents(facts.since), LINKS.findings('ASI03')],
      ),
  },
  {
    id: 'ASI04',
    framework: FRAMEWORKS.asi,
    title: 'Agentic Supply Chain Vulnerabilities',
    judge: () =>
      notApplicable(
        "Steward does not see the models, tools, plugins or packages agents are built from, so it cannot judge the agents' supply chain.",
      ),
  },
  {
    id: 'ASI05',
    framework: FRAMEWORKS.asi,
    title: 'Unexpected Code Execution',
    judge: () =>
      notApplicable('Steward does not see where or how agents run code; it decides only the actions they ask about.'),
  },
  {
    id: 'ASI06',
    framework: FRAMEWORKS.asi,
    title: 'Memory & Context Poisoning',
    judge: () =>
      notApplicable("Steward does not see agents' memory or context, so it cannot tell whether it was poisoned."),
  },
  {
    id: 'ASI07',
    framework: FRAMEWORKS.asi,
    title: 'Insecure Inter-Agent Communication',
    judge: () =>
      notApplicable('Steward does not see messages between agents, only the actions each agent asks to take.'),
  },
  {
    id: 'ASI08',
    framework: FRAMEWORKS.asi,
    title: 'Cascading Failures',
    judge: () =>
      notApplicable(
        'Steward does not see how agents depend on one another, so it cannot judge how a failure spreads. Its own decisions fail closed: an error is a denial.',
      ),
  },
  {
    id: 'ASI09',
    framework: FRAMEWORKS.asi,
    title: 'Human-Agent Trust Exploitation',
    judge: (facts) =>
      verdict(
        oversightProblems(facts),
        `No person approved a task they initiated, and ${plural(facts.scopes.highRiskApproved, 'high-risk scope')} granted all had a second approval by Security. Steward does not see the conversations that lead a person to approve.`,
        [LINKS.approvals, LINKS.approvalsTrail(facts.since)],
      ),
  },
  {
    id: 'ASI10',
    framework: FRAMEWORKS.asi,
    title: 'Rogue Agents',
    judge: (facts) =>
      verdict(
        [
          facts.nhis.discovered > 0 &&
            `${plural(facts.nhis.discovered, 'identity', 'identities')} seen in the logs but not yet triaged (possible shadow agents)`,
          ...borrowedProblems(facts).slice(0, 1),
        ],
        `Every identity seen in the imported logs is triaged, and no unresolved borrowed-credential case remains; ${plural(facts.nhis.suspended, 'identity', 'identities')} suspended.`,
        [LINKS.discovered, LINKS.cases, LINKS.suspended],
      ),
  },
  {
    id: 'PR.AA-01',
    framework: FRAMEWORKS.csf,
    title: CONTROLS['PR.AA-01'].title,
    judge: (facts) =>
      verdict(
        [
          ...sponsorProblems(facts),
          facts.findings.longLived.open > 0 &&
            `${plural(facts.findings.longLived.open, 'open long-lived-secret finding')}`,
          ...offboardingProblems(facts).slice(0, 1),
        ],
        `${plural(facts.nhis.total, 'identity', 'identities')} and ${plural(facts.credentials.active, 'active credential')} are inventoried, each agent with an active sponsor, no long-lived secret finding open and no credential of an offboarded person active.`,
        [LINKS.inventory, LINKS.credentials, LINKS.findings('PR.AA-01')],
      ),
  },
  {
    id: 'PR.AA-02',
    framework: FRAMEWORKS.csf,
    title: 'Identities are proofed and bound to credentials',
    judge: (facts) =>
      verdict(
        [
          facts.credentials.unbound > 0 &&
            `${plural(facts.credentials.unbound, 'active credential')} bound to no known subject`,
          ...borrowedProblems(facts),
        ],
        `Every active credential is bound to the identity it authenticates, and no person's credential is used by an agent.`,
        [LINKS.credentials, LINKS.borrowedCredentials, LINKS.cases],
      ),
  },
  {
    id: 'PR.AA-03',
    framework: FRAMEWORKS.csf,
    title: 'Users, services and hardware are authenticated',
    judge: (facts) =>
      verdict(
        [
          facts.credentials.weakHeldByNhi > 0 &&
            `${plural(facts.credentials.weakHeldByNhi, 'active password or session cookie')} used by non-human identities`,
          facts.decisions.errors > 0 &&
            `${plural(facts.decisions.errors, 'runtime decision')} failed (denied, fail closed)`,
        ],
        `Agents authenticate with their own keys and task tokens; ${plural(facts.decisions.badToken, 'request')} with an unknown, expired or revoked token ${facts.decisions.badToken === 1 ? 'was' : 'were'} denied in the last ${facts.windowDays} days.`,
        [LINKS.passwords, LINKS.cookies, LINKS.denials(facts.since)],
      ),
  },
  {
    id: 'PR.AA-04',
    framework: FRAMEWORKS.csf,
    title: 'Identity assertions are protected',
    judge: (facts) =>
      verdict(
        [
          facts.credentials.taskTokensPastExpiry > 0 &&
            `${plural(facts.credentials.taskTokensPastExpiry, 'task token')} past its expiry still marked active (refused at decision time, awaiting the sweep)`,
        ],
        `Task tokens are shown once, stored only as hashes, and verified on every decision; ${plural(facts.credentials.taskTokens, 'active task token')}, none past its expiry.`,
        [LINKS.taskTokens, LINKS.decisions(facts.since)],
      ),
  },
  {
    id: 'PR.AA-05',
    framework: FRAMEWORKS.csf,
    title: CONTROLS['PR.AA-05'].title,
    judge: (facts) =>
      verdict(
        [
          ...oversightProblems(facts),
          ...borrowedProblems(facts).slice(0, 1),
          facts.reviews.overdueItems > 0 &&
            `${plural(facts.reviews.overdueItems, 'access review item')} past its due date`,
        ],
        `Task scopes are approved by sponsors with separation of duties (no self-approval, Security's second approval on ${plural(facts.scopes.highRiskApproved, 'high-risk scope')}); ${plural(facts.reviews.decidedItems, 'access review decision')} recorded, none overdue.`,
        [LINKS.approvals, LINKS.grants, LINKS.findings('PR.AA-05')],
      ),
  },
  {
    id: 'ID.AM',
    framework: FRAMEWORKS.csf,
    title: 'Asset Management',
    judge: (facts) =>
      verdict(
        [
          facts.nhis.discovered > 0 &&
            `${plural(facts.nhis.discovered, 'identity', 'identities')} discovered in the logs are not yet triaged into the inventory`,
        ],
        `${plural(facts.nhis.total, 'non-human identity', 'non-human identities')} (${plural(facts.nhis.aiAgents, 'AI agent')}) and ${plural(facts.credentials.active, 'active credential')} are inventoried; none awaits triage.`,
        [LINKS.inventory, LINKS.discovered],
      ),
  },
  {
    id: 'DE.CM-03',
    framework: FRAMEWORKS.csf,
    title: 'Personnel activity and technology usage are monitored',
    judge: (facts) =>
      facts.activity.events === 0
        ? gap(
            `No activity was recorded or imported in the last ${facts.windowDays} days, so nothing is being monitored.`,
            [LINKS.trail],
          )
        : met(
            `${activitySummary(facts)}, each attributed to who asked and what acted; borrowed-credential detection flags agents using people's credentials (${plural(facts.borrowedCases.unresolved, 'case')} open).`,
            [LINKS.trail, LINKS.cases, LINKS.borrowedEvents(facts.since)],
          ),
  },
  {
    id: 'GV.RR-02',
    framework: FRAMEWORKS.csf,
    title: 'Roles, responsibilities and authorities are established',
    judge: (facts) =>
      verdict(
        sponsorProblems(facts),
        `Each of ${plural(facts.nhis.aiAgents, 'AI agent')} has an active sponsor accountable for it.`,
        [LINKS.agents, LINKS.orphaned],
      ),
  },
  {
    id: 'GOVERN 1.6',
    framework: FRAMEWORKS.airmf,
    title: 'AI system inventory',
    judge: (facts) =>
      verdict(
        [
          facts.nhis.discovered > 0 &&
            `${plural(facts.nhis.discovered, 'identity', 'identities')} seen in the logs but not yet triaged into the inventory`,
        ],
        `${plural(facts.nhis.aiAgents, 'AI agent')} inventoried with kind, sponsor, environment and status; none seen in the logs awaits triage.`,
        [LINKS.agents, LINKS.discovered],
      ),
  },
  {
    id: 'GOVERN 1.7',
    framework: FRAMEWORKS.airmf,
    title: 'Decommissioning',
    judge: (facts) =>
      verdict(
        [
          facts.credentials.decommissionedHolder > 0 &&
            `${plural(facts.credentials.decommissionedHolder, 'credential')} of decommissioned identities still active`,
        ],
        `${plural(facts.nhis.decommissioned, 'identity', 'identities')} decommissioned, none with an active credential left.`,
        [LINKS.decommissioned, LINKS.revocations],
      ),
  },
  {
    id: 'GOVERN 2.1',
    framework: FRAMEWORKS.airmf,
    title: CONTROLS['GOVERN 2.1'].title,
    judge: (facts) =>
      verdict(
        sponsorProblems(facts),
        `Each of ${plural(facts.nhis.aiAgents, 'AI agent')} has a named, active sponsor.`,
        [LINKS.agents, LINKS.orphaned, LINKS.findings('GOVERN 2.1')],
      ),
  },
  {
    id: 'GOVERN 3.2',
    framework: FRAMEWORKS.airmf,
    title: 'Human-AI oversight roles',
    judge: (facts) =>
      verdict(
        oversightProblems(facts),
        `A named human approves each agent's task scope (${plural(facts.scopes.active, 'live scope')}, ${plural(facts.scopes.pending, 'request')} waiting), never their own task, and Security approves high-risk ones a second time.`,
        [LINKS.approvals, LINKS.approvalsTrail(facts.since)],
      ),
  },
  {
    id: 'MEASURE 2.8',
    framework: FRAMEWORKS.airmf,
    title: 'Transparency and accountability',
    judge: (facts) =>
      verdict(attributionProblems(facts), `${activitySummary(facts)}, each naming who asked and what acted.`, [
        LINKS.borrowedEvents(facts.since),
        LINKS.unknownEvents(facts.since),
        LINKS.delegatedEvents(facts.since),
      ]),
  },
  {
    id: 'MANAGE 2.4',
    framework: FRAMEWORKS.airmf,
    title: 'Disengage or deactivate',
    judge: (facts) =>
      verdict(
        offboardingProblems(facts),
        `Agents can be suspended and their credentials revoked at once (${plural(facts.nhis.suspended, 'identity', 'identities')} suspended, ${plural(facts.credentials.revoked, 'credential')} revoked); nothing that should have been switched off is still active.`,
        [LINKS.suspended, LINKS.revocations],
      ),
  },
  {
    id: 'AC.L2-3.1.1',
    framework: FRAMEWORKS.cmmc,
    title: 'Limit access to authorized users and processes acting on their behalf',
    judge: (facts) =>
      verdict(
        [...offboardingProblems(facts).slice(0, 2), ...borrowedProblems(facts)],
        `Agents act for people only under approved task scopes (${plural(facts.scopes.active, 'live scope')}); no offboarded person's access is active and no agent uses a person's credential.`,
        [LINKS.grants, LINKS.cases, LINKS.offboardedPeople],
      ),
  },
  {
    id: 'AC.L2-3.1.5',
    framework: FRAMEWORKS.cmmc,
    title: 'Least privilege',
    judge: (facts) =>
      verdict(
        [...borrowedProblems(facts), facts.scopes.highRiskWithoutSecurity > 0 && oversightProblems(facts)[1]],
        `Agents get task-scoped, short-lived grants (${plural(facts.scopes.active, 'live scope')}) instead of a person's full rights.`,
        [LINKS.grants, LINKS.cases, LINKS.findings('NHI5')],
      ),
  },
  {
    id: 'AC.L2-3.1.7',
    framework: FRAMEWORKS.cmmc,
    title: 'Privileged functions audited',
    judge: (facts) =>
      verdict(
        [
          facts.chain.missingTriggers.length > 0 &&
            `the database no longer refuses changes to the audit trail (missing: ${facts.chain.missingTriggers.join(', ')})`,
        ],
        `Privileged actions in Steward are checked against the permission matrix and appended to the hash chain in the same transaction (${plural(facts.chain.headSeq, 'event')} in the chain).`,
        [LINKS.stewardEvents, LINKS.trail],
      ),
  },
  {
    id: 'IA.L2-3.5.1',
    framework: FRAMEWORKS.cmmc,
    title: CONTROLS['IA.L2-3.5.1'].title,
    judge: (facts) =>
      verdict(
        [
          ...attributionProblems(facts),
          facts.findings.borrowed.open > 0 &&
            `${plural(facts.findings.borrowed.open, 'open borrowed-credential finding')}`,
        ],
        `${activitySummary(facts)}, each identifying the person who asked and the process that acted.`,
        [LINKS.delegatedEvents(facts.since), LINKS.borrowedEvents(facts.since), LINKS.findings('IA.L2-3.5.1')],
      ),
  },
  {
    id: 'IA.L2-3.5.2',
    framework: FRAMEWORKS.cmmc,
    title: 'Authenticate users and processes acting on their behalf',
    judge: (facts) =>
      verdict(
        [
          facts.credentials.weakHeldByNhi > 0 &&
            `${plural(facts.credentials.weakHeldByNhi, 'active password or session cookie')} used by non-human identities`,
        ],
        `Processes authenticate with their own keys and task tokens, verified on each request; ${plural(facts.decisions.badToken, 'request')} with a bad token denied in the last ${facts.windowDays} days.`,
        [LINKS.passwords, LINKS.cookies, LINKS.denials(facts.since)],
      ),
  },
  {
    id: 'IA.L2-3.5.6',
    framework: FRAMEWORKS.cmmc,
    title: CONTROLS['IA.L2-3.5.6'].title,
    judge: (facts) =>
      verdict(
        [
          facts.findings.stale.open > 0 &&
            `${plural(facts.findings.stale.open, 'inactive identity', 'inactive identities')} still enabled (open stale findings)`,
          facts.findings.orphaned.open > 0 &&
            `${plural(facts.findings.orphaned.open, 'open orphaned-identity finding')}`,
        ],
        `No inactive or orphaned identity remains enabled.${acceptedNote(facts.findings.stale)}`,
        [LINKS.findings('IA.L2-3.5.6')],
      ),
  },
  {
    id: 'AU.L2-3.3.1',
    framework: FRAMEWORKS.cmmc,
    title: 'Create and retain audit records',
    judge: (facts) =>
      facts.chain.headSeq === 0
        ? gap('The audit trail holds no event yet.', [LINKS.trail])
        : met(
            `The audit trail holds ${plural(facts.chain.headSeq, 'event')} since ${facts.chain.firstRecordedAt ?? 'its start'}, none removable; ${activitySummary(facts)}.`,
            [LINKS.trail, LINKS.verify],
          ),
  },
  {
    id: 'AU.L2-3.3.2',
    framework: FRAMEWORKS.cmmc,
    title: CONTROLS['AU.L2-3.3.2'].title,
    judge: (facts) =>
      verdict(
        [...attributionProblems(facts), ...borrowedProblems(facts).slice(0, 1)],
        `${activitySummary(facts)}, each traced to the person who asked and the identity that acted.`,
        [LINKS.borrowedEvents(facts.since), LINKS.unknownEvents(facts.since), LINKS.findings('AU.L2-3.3.2')],
      ),
  },
  {
    id: 'AU.L2-3.3.8',
    framework: FRAMEWORKS.cmmc,
    title: 'Protect audit information',
    judge: (facts) =>
      verdict(
        [
          facts.chain.missingTriggers.length > 0 &&
            `the database no longer refuses changes to the audit trail (missing: ${facts.chain.missingTriggers.join(', ')})`,
          !facts.chain.checkpoint && facts.chain.headSeq > 0 && 'no signed checkpoint protects the chain yet',
        ],
        `The trail is hash-chained and append-only (the database refuses updates and deletes); ${checkpointText(facts)}.`,
        [LINKS.verify, LINKS.checkpoints],
      ),
  },
];

export const CONTROL_IDS = RULES.map((rule) => rule.id);

export function evaluateControls(facts: ControlFacts): ControlResult[] {
  return RULES.map((rule) => {
    const judgement = rule.judge(facts);
    return { id: rule.id, framework: rule.framework, title: rule.title, ...judgement };
  });
}
