import { AWS_ACCOUNTS, REPOSITORIES, SERVICES, type TaskTemplateId } from './catalog';
import type { Random } from './random';

/** What agents ask sponsors for: one template per kind of task, filled with plausible particulars. */

export type TaskDraft = { task: string; justification: string; resources: string[] };

export type TaskTemplate = {
  actions: readonly string[];
  /** The requested TTLs agents tend to ask for, in seconds. */
  ttlSeconds: readonly number[];
  /** `colleague` is a person the task is about, for tasks on people's accounts. */
  draft: (random: Random, colleague: string, requestedAt: Date) => TaskDraft;
  denialReasons: readonly string[];
};

const PROD = AWS_ACCOUNTS.production;
const DEV = AWS_ACCOUNTS.development;
const FEATURES = [
  'retry idempotency keys',
  'SEPA instant payouts',
  'webhook signature v2',
  'currency rounding',
  'ledger snapshot export',
  'dark mode toggle',
  '3DS challenge flow',
];
const LIBRARIES = [
  ['axios', '1.8.4'],
  ['protobufjs', '7.4.0'],
  ['spring-boot', '3.4.5'],
  ['django', '5.1.8'],
  ['golang.org/x/net', '0.38.0'],
  ['jackson-databind', '2.18.3'],
] as const;
const CVES = ['CVE-2025-27152', 'CVE-2025-22870', 'CVE-2024-47554', 'CVE-2025-24970', 'CVE-2025-30204'];
const GROUPS = [
  'payments-oncall',
  'data-warehouse-readers',
  'finance-reporting',
  'aws-prod-readonly',
  'github-maintainers-ledger',
  'salesforce-sales-ops',
];
const DATASETS = ['analytics', 'finance_mart', 'product_events', 'support_mart'];
const EVAL_SUITES = ['support-answers-v3', 'refund-policy-qa', 'pii-redaction', 'tool-use-safety'];
const CONTROLS = [
  'CC6.1 logical access',
  'CC6.2 user provisioning',
  'CC6.3 access removal',
  'CC7.2 monitoring',
  'CC8.1 change management',
];
const STACKS = ['network-prod', 'payments-ecs', 'data-lake-s3', 'shared-iam'];

const randomRepo = (random: Random) => random.pick(REPOSITORIES);
/** "2026-10" for a date in November 2026: the month that was just closed. */
const previousMonth = (at: Date) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);

export const TASK_TEMPLATES: Readonly<Record<TaskTemplateId, TaskTemplate>> = {
  'pr-review': {
    actions: ['github:pulls.read', 'github:contents.read', 'github:pulls.comment'],
    ttlSeconds: [1800, 3600, 3600, 7200],
    draft: (random) => {
      const repo = randomRepo(random);
      const pr = random.int(900, 4800);
      return {
        task: `Review PR #${pr} in acme/${repo}`,
        justification: `Review requested on PR #${pr} (${random.pick(FEATURES)}); needs the diff and permission to post review comments.`,
        resources: [`github:acme/${repo}/*`],
      };
    },
    denialReasons: ['The PR touches the payment path; a human reviewer is required.', 'PR already merged.'],
  },
  'release-notes': {
    actions: ['github:pulls.read', 'github:contents.read'],
    ttlSeconds: [1800, 3600],
    draft: (random) => {
      const repo = randomRepo(random);
      const version = `${random.int(1, 4)}.${random.int(0, 30)}.0`;
      return {
        task: `Draft release notes for acme/${repo} v${version}`,
        justification: `Release ${version} is cut today; the notes are drafted from merged PRs since the last tag.`,
        resources: [`github:acme/${repo}/*`],
      };
    },
    denialReasons: ['Release postponed.'],
  },
  'dependency-upgrade': {
    actions: ['github:contents.read', 'github:contents.write', 'github:pulls.create'],
    ttlSeconds: [3600, 7200, 14400],
    draft: (random) => {
      const repo = randomRepo(random);
      const [library, version] = random.pick(LIBRARIES);
      return {
        task: `Upgrade ${library} to ${version} in acme/${repo}`,
        justification: `${library} below ${version} is end of life; open one PR on a branch, no direct pushes to main.`,
        resources: [`github:acme/${repo}/*`],
      };
    },
    denialReasons: ['Code freeze until the end of the quarter.', 'Scope asks for write on main; use a branch.'],
  },
  'vuln-remediation': {
    actions: ['github:contents.read', 'github:contents.write', 'github:pulls.create'],
    ttlSeconds: [3600, 7200],
    draft: (random) => {
      const repo = randomRepo(random);
      const cve = random.pick(CVES);
      return {
        task: `Patch ${cve} in acme/${repo}`,
        justification: `Scanner flagged ${cve} (high) in acme/${repo}; the fix is a version bump with tests.`,
        resources: [`github:acme/${repo}/*`],
      };
    },
    denialReasons: ['Already fixed by the owning team.'],
  },
  'iac-drift': {
    actions: ['aws:ec2.DescribeSecurityGroups', 'github:contents.write', 'github:pulls.create'],
    ttlSeconds: [3600, 7200],
    draft: (random) => {
      const stack = random.pick(STACKS);
      return {
        task: `Reconcile Terraform drift in ${stack}`,
        justification: `Nightly plan shows drift in ${stack}; read the live security groups and propose the fix as a PR.`,
        resources: [`aws:arn:aws:ec2:eu-west-1:${PROD}:security-group/*`, 'github:acme/terraform-modules/*'],
      };
    },
    denialReasons: ['Drift is an approved emergency change; do not revert it.'],
  },
  'incident-triage': {
    actions: ['aws:logs.FilterLogEvents', 'aws:cloudwatch.GetMetricData', 'slack:chat.write'],
    ttlSeconds: [3600, 7200, 14400],
    draft: (random) => {
      const incident = random.int(3900, 5200);
      const service = random.pick(SERVICES).name;
      return {
        task: `Triage Sev${random.pick([2, 2, 3])} incident INC-${incident}`,
        justification: `Elevated 5xx on ${service}; summarise errors and post a timeline to #inc-${incident} for the on-call.`,
        resources: [`aws:arn:aws:logs:eu-west-1:${PROD}:log-group:/acme/${service}/*`, `slack:#inc-${incident}`],
      };
    },
    denialReasons: ['Incident already resolved.'],
  },
  'cost-anomaly': {
    actions: ['aws:ce.GetCostAndUsage', 'aws:ec2.DescribeInstances', 'aws:cloudwatch.GetMetricData'],
    ttlSeconds: [1800, 3600],
    draft: (random, _, requestedAt) => {
      const service = random.pick(SERVICES).name;
      return {
        task: `Investigate AWS cost spike on ${service} (${requestedAt.toISOString().slice(0, 7)})`,
        justification: `Cost anomaly alert: ${service} spend up ${random.int(28, 140)}% week over week.`,
        resources: [`aws:arn:aws:ec2:eu-west-1:${PROD}:instance/*`, `aws:arn:aws:ce::${PROD}:*`],
      };
    },
    denialReasons: ['FinOps already has a ticket for this.'],
  },
  rightsizing: {
    actions: ['aws:ec2.DescribeInstances', 'aws:ec2.StopInstances'],
    ttlSeconds: [3600, 7200],
    draft: (random) => {
      const team = random.pick(['data', 'ml', 'payments', 'platform']);
      return {
        task: `Stop idle development instances tagged team=${team}`,
        justification: `${random.int(6, 31)} instances in the development account idle for more than 14 days.`,
        resources: [`aws:arn:aws:ec2:eu-west-1:${DEV}:instance/*`],
      };
    },
    denialReasons: [
      'Some of these run a long training job; stop them by hand.',
      'Needs the owning team to confirm first.',
    ],
  },
  'secret-rotation': {
    actions: ['aws:secretsmanager.GetSecretValue', 'aws:secretsmanager.RotateSecret'],
    ttlSeconds: [1800, 3600],
    draft: (random) => {
      const service = random.pick(SERVICES).name;
      return {
        task: `Rotate ${service} database credentials`,
        justification: `Quarterly rotation of the ${service} database password; the application reads it from Secrets Manager.`,
        resources: [`aws:arn:aws:secretsmanager:eu-west-1:${PROD}:secret:${service}/db-*`],
      };
    },
    denialReasons: ['Rotation window is Tuesday night, not now.'],
  },
  'invoice-reconciliation': {
    actions: ['aws:s3.GetObject', 'aws:s3.ListBucket'],
    ttlSeconds: [3600, 7200, 14400],
    draft: (_, __, requestedAt) => {
      const period = previousMonth(requestedAt);
      return {
        task: `Reconcile ${period} invoices against the ledger`,
        justification: `Month-end close for ${period}; read-only access to the invoice archive.`,
        resources: [`aws:arn:aws:s3:::acme-invoices/${period.replace('-', '/')}/*`],
      };
    },
    denialReasons: ['Close for this month is already signed off.'],
  },
  'refund-batch': {
    actions: ['internal:payments.refunds.read', 'internal:payments.refunds.create'],
    ttlSeconds: [1800, 3600],
    draft: (random) => {
      const batch = random.int(1200, 2400);
      return {
        task: `Issue approved refunds batch RF-${batch}`,
        justification: `${random.int(12, 240)} refunds approved by payments ops in RF-${batch}; issue them through the refunds API.`,
        resources: [`internal:payments/refunds/RF-${batch}/*`],
      };
    },
    denialReasons: [
      'Batch total is above the agent limit; process it manually.',
      'Two refunds in the batch are under a fraud review.',
    ],
  },
  'sql-analysis': {
    actions: ['gcp:bigquery.jobs.create', 'gcp:bigquery.tables.getData'],
    ttlSeconds: [1800, 3600],
    draft: (random) => {
      const dataset = random.pick(DATASETS);
      return {
        task: `Answer "${random.pick(['Q3 cohort retention', 'refund rate by country', 'trial-to-paid by plan', 'top churn reasons'])}" from ${dataset}`,
        justification: `Question from the ${random.pick(['finance', 'product', 'sales'])} team; read-only queries on ${dataset}.`,
        resources: [`gcp:projects/acme-prod/datasets/${dataset}/*`],
      };
    },
    denialReasons: ['The dataset holds personal data; ask the data team for an aggregate.'],
  },
  'data-quality': {
    actions: ['gcp:bigquery.jobs.create', 'gcp:storage.objects.list'],
    ttlSeconds: [1800, 3600],
    draft: (random) => {
      const dataset = random.pick(DATASETS);
      return {
        task: `Check freshness of ${dataset} tables after the backfill`,
        justification: `Backfill finished overnight; verify row counts and partitions before dashboards refresh.`,
        resources: [`gcp:projects/acme-prod/datasets/${dataset}/*`, 'gcp:projects/acme-prod/buckets/acme-data-lake/*'],
      };
    },
    denialReasons: ['Backfill still running.'],
  },
  'model-eval': {
    actions: ['gcp:storage.objects.get', 'gcp:storage.objects.create'],
    ttlSeconds: [3600, 7200, 14400],
    draft: (random) => {
      const suite = random.pick(EVAL_SUITES);
      const checkpoint = `ckpt-${random.int(100, 999)}`;
      return {
        task: `Run eval suite ${suite} on ${checkpoint}`,
        justification: `Candidate checkpoint for the next release; results go to the eval bucket.`,
        resources: [
          'gcp:projects/acme-ml/buckets/acme-ml-checkpoints/*',
          'gcp:projects/acme-ml/buckets/acme-ml-evals/*',
        ],
      };
    },
    denialReasons: ['Checkpoint was withdrawn.'],
  },
  'support-triage': {
    actions: ['salesforce:cases.read', 'salesforce:cases.update', 'slack:chat.write'],
    ttlSeconds: [3600, 7200],
    draft: (random) => {
      const caseNumber = random.int(41_000, 58_000);
      return {
        task: `Summarise case ${caseNumber} for escalation`,
        justification: `Enterprise customer escalation; summarise the case history and post it to #support-escalations.`,
        resources: [`salesforce:Case/${caseNumber}`, 'slack:#support-escalations'],
      };
    },
    denialReasons: ['Customer asked that their case is handled by a person only.'],
  },
  'lead-enrichment': {
    actions: ['salesforce:leads.read', 'salesforce:leads.update'],
    ttlSeconds: [3600, 7200],
    draft: (random) => {
      const campaign = random.pick(['Q4 webinar', 'partner referral', 'trade show EMEA', 'pricing page']);
      return {
        task: `Enrich ${random.int(40, 600)} inbound leads from the ${campaign} campaign`,
        justification: 'Fill company size and industry so that routing rules can assign the leads.',
        resources: ['salesforce:Lead/*'],
      };
    },
    denialReasons: ['Leads from that campaign lack consent for enrichment.'],
  },
  'helpdesk-unlock': {
    actions: ['okta:users.read', 'okta:users.unlock'],
    ttlSeconds: [900, 1800],
    draft: (random, user) => {
      return {
        task: `Unlock Okta account of ${user} (ticket IT-${random.int(8000, 9999)})`,
        justification: 'User locked out after password attempts; identity verified by the service desk.',
        resources: [`okta:user/${user}`],
      };
    },
    denialReasons: ['Lockout came from a password-spraying source; security is investigating.'],
  },
  'mfa-reset': {
    actions: ['okta:users.read', 'okta:factors.reset'],
    ttlSeconds: [900, 1800],
    draft: (random, user) => {
      return {
        task: `Reset MFA factors of ${user} (ticket IT-${random.int(8000, 9999)})`,
        justification: 'Lost phone; identity verified on a video call with the manager.',
        resources: [`okta:user/${user}`],
      };
    },
    denialReasons: ['Identity verification not recorded on the ticket.', 'Request came from an unusual location.'],
  },
  'access-grant': {
    actions: ['entra:groups.read', 'entra:groups.add_member'],
    ttlSeconds: [900, 1800],
    draft: (random, user) => {
      const group = random.pick(GROUPS);
      return {
        task: `Add ${user} to ${group} (access request AR-${random.int(2000, 4999)})`,
        justification: `Access request approved by the group owner of ${group}.`,
        resources: [`entra:group/${group}`],
      };
    },
    denialReasons: ['The group owner did not approve this request.', 'Requester and beneficiary are the same person.'],
  },
  onboarding: {
    actions: ['okta:users.create', 'okta:groups.add_member'],
    ttlSeconds: [1800, 3600],
    draft: (random) => {
      const department = random.pick(['Payments', 'Data', 'Customer Support', 'Sales Ops']);
      return {
        task: `Provision accounts for a new hire in ${department} (HR-${random.int(600, 999)})`,
        justification: 'Start date is Monday; birthright groups only.',
        resources: ['okta:user/*', `okta:group/${department.toLowerCase().replace(/ /g, '-')}-birthright`],
      };
    },
    denialReasons: ['Start date moved; provision next week.'],
  },
  'log-investigation': {
    actions: ['okta:logs.read', 'entra:signins.read'],
    ttlSeconds: [3600, 7200],
    draft: (random, user) => {
      return {
        task: `Search sign-in logs of ${user} for anomalies (case SEC-${random.int(300, 899)})`,
        justification: 'Impossible-travel alert; correlate Okta and Entra sign-ins for the last 14 days.',
        resources: [`okta:logs/actor/${user}`, `entra:signins/user/${user}`],
      };
    },
    denialReasons: ['Case closed as a false positive.'],
  },
  'compliance-evidence': {
    actions: ['aws:iam.GenerateCredentialReport', 'aws:iam.GetCredentialReport', 'okta:logs.read'],
    ttlSeconds: [3600, 7200],
    draft: (random) => {
      const control = random.pick(CONTROLS);
      return {
        task: `Collect ${control} evidence for the Q${random.int(3, 4)} SOC 2 sample`,
        justification: 'Auditor sample request; read-only exports attached to the evidence ticket.',
        resources: [`aws:arn:aws:iam::${PROD}:*`, 'okta:logs/*'],
      };
    },
    denialReasons: ['Sample already provided.'],
  },
};

export type NativeSource = 'cloudtrail' | 'okta' | 'github' | 'entra' | 'gcp';

/**
 * How an allowed scope action shows up in the target system's own log. Actions that the system does not
 * log (reads in Okta, anything in Slack or Salesforce) appear only as Steward's authorization decisions.
 */
export const SCOPE_ACTION_EVENTS: Readonly<Record<string, { source: NativeSource; action: string }>> = {
  'github:pulls.read': { source: 'github', action: 'git.fetch' },
  'github:contents.read': { source: 'github', action: 'git.clone' },
  'github:pulls.comment': { source: 'github', action: 'pull_request_review_comment.create' },
  'github:contents.write': { source: 'github', action: 'git.push' },
  'github:pulls.create': { source: 'github', action: 'pull_request.create' },
  'aws:ec2.DescribeSecurityGroups': { source: 'cloudtrail', action: 'DescribeSecurityGroups' },
  'aws:ec2.DescribeInstances': { source: 'cloudtrail', action: 'DescribeInstances' },
  'aws:ec2.StopInstances': { source: 'cloudtrail', action: 'StopInstances' },
  'aws:logs.FilterLogEvents': { source: 'cloudtrail', action: 'FilterLogEvents' },
  'aws:cloudwatch.GetMetricData': { source: 'cloudtrail', action: 'GetMetricData' },
  'aws:ce.GetCostAndUsage': { source: 'cloudtrail', action: 'GetCostAndUsage' },
  'aws:secretsmanager.GetSecretValue': { source: 'cloudtrail', action: 'GetSecretValue' },
  'aws:secretsmanager.RotateSecret': { source: 'cloudtrail', action: 'RotateSecret' },
  'aws:s3.GetObject': { source: 'cloudtrail', action: 'GetObject' },
  'aws:s3.ListBucket': { source: 'cloudtrail', action: 'ListObjects' },
  'aws:iam.GenerateCredentialReport': { source: 'cloudtrail', action: 'GenerateCredentialReport' },
  'aws:iam.GetCredentialReport': { source: 'cloudtrail', action: 'GetCredentialReport' },
  'gcp:bigquery.jobs.create': { source: 'gcp', action: 'google.cloud.bigquery.v2.JobService.InsertJob' },
  'gcp:bigquery.tables.getData': { source: 'gcp', action: 'google.cloud.bigquery.v2.TableDataService.List' },
  'gcp:storage.objects.get': { source: 'gcp', action: 'storage.objects.get' },
  'gcp:storage.objects.list': { source: 'gcp', action: 'storage.objects.list' },
  'gcp:storage.objects.create': { source: 'gcp', action: 'storage.objects.create' },
  'okta:users.unlock': { source: 'okta', action: 'user.account.unlock' },
  'okta:factors.reset': { source: 'okta', action: 'user.mfa.factor.reset_all' },
  'okta:users.create': { source: 'okta', action: 'user.lifecycle.create' },
  'okta:groups.add_member': { source: 'okta', action: 'group.user_membership.add' },
  'entra:groups.add_member': { source: 'entra', action: 'Add member to group' },
};

/** An action a scope does not grant, for the denials an agent collects when it strays. */
export const OUT_OF_SCOPE_ACTIONS: readonly string[] = [
  'github:contents.write',
  'github:admin.update_branch_protection',
  'aws:s3.PutObject',
  'aws:iam.CreateAccessKey',
  'okta:users.deactivate',
  'gcp:bigquery.tables.delete',
  'salesforce:cases.delete',
];
