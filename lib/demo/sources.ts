import type { AuditOutcome, CredentialKind } from '../db/generated/sqlite/enums';
import { AUDIT_ACTIONS, STEWARD_SOURCE } from '../audit/actions';
import { AWS_ACCOUNTS, AWS_REGIONS, GCP_PROJECTS, type Environment, type SystemName } from './catalog';
import type { Random } from './random';
import type { NativeSource } from './tasks';

/** How each log source names its actions, resources and details, so imported-looking events read true. */

export type EventSource = NativeSource | typeof STEWARD_SOURCE;

/** Who performs an action in a source: a person at a keyboard or a machine through an SDK. */
export type ActorClass = 'human' | 'machine';

/** What an event's resource is named after; `period` ("2026/11") dates object keys. */
export type ResourceContext = {
  service: string;
  repo: string;
  environment: Environment;
  email: string | null;
  period: string;
};

type SourceAction = {
  action: string;
  human: number;
  machine: number;
  resource: (context: ResourceContext, random: Random) => string | null;
};

/**
 * Steward's own actions: AUDIT_ACTIONS, plus the scope lifecycle, runtime decisions and chain verification,
 * which AUDIT_ACTIONS does not name yet; these are the names the demo trail uses for them.
 */
export const STEWARD_DEMO_ACTIONS = {
  ...AUDIT_ACTIONS,
  chainVerified: 'audit.verify',
} as const;

const SHORT_ENV: Readonly<Record<Environment, string>> = {
  production: 'prod',
  staging: 'stg',
  development: 'dev',
  unknown: 'sbx',
};

const account = (context: ResourceContext) => AWS_ACCOUNTS[context.environment];
const region = (random: Random) => random.pick(AWS_REGIONS);
const bucket = (context: ResourceContext) => `acme-${context.service}-${SHORT_ENV[context.environment]}`;
const objectKey = (context: ResourceContext, random: Random) =>
  `${context.period}/${random.pick(['part', 'batch', 'export', 'snapshot'])}-${random.hex(8)}.${random.pick(['parquet', 'json.gz', 'csv', 'pdf'])}`;
/** IAM Identity Center permission sets: people reach AWS through these roles, never as IAM users. */
const PERMISSION_SETS = [
  'ReadOnlyAccess_3f9c1e7a2b4d6085',
  'PowerUserAccess_8e2a4c6b0d1f3957',
  'AdministratorAccess_5b7d9f1c3e0a2468',
] as const;
const ssoRole = (context: ResourceContext, random: Random) =>
  `arn:aws:iam::${account(context)}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_${random.weighted([
    [PERMISSION_SETS[0], 6],
    [PERMISSION_SETS[1], 3],
    [PERMISSION_SETS[2], 1],
  ])}`;
const githubRepo = (context: ResourceContext) => `github:acme/${context.repo}`;
const OKTA_APPS = [
  'Salesforce',
  'GitHub Enterprise Cloud',
  'AWS IAM Identity Center',
  'Slack',
  'Google Workspace',
  'Zendesk',
  'Workday',
  'Jira Cloud',
] as const;
const ENTRA_APPS = [
  'Microsoft Teams',
  'Office 365 Exchange Online',
  'Microsoft Graph',
  'Azure Portal',
  'SharePoint Online',
  'Power BI',
] as const;

const SOURCE_ACTIONS: Readonly<Record<NativeSource, readonly SourceAction[]>> = {
  cloudtrail: [
    { action: 'ConsoleLogin', human: 6, machine: 0, resource: (context, random) => ssoRole(context, random) },
    {
      action: 'AssumeRole',
      human: 6,
      machine: 12,
      resource: (context, random) =>
        context.email
          ? ssoRole(context, random)
          : `arn:aws:iam::${account(context)}:role/workload/${context.service}-task-role`,
    },
    {
      action: 'GetObject',
      human: 3,
      machine: 22,
      resource: (context, random) => `arn:aws:s3:::${bucket(context)}/${objectKey(context, random)}`,
    },
    {
      action: 'PutObject',
      human: 1,
      machine: 10,
      resource: (context, random) => `arn:aws:s3:::${bucket(context)}/${objectKey(context, random)}`,
    },
    { action: 'ListBuckets', human: 2, machine: 0, resource: () => null },
    {
      action: 'DescribeInstances',
      human: 4,
      machine: 4,
      resource: (context, random) => `arn:aws:ec2:${region(random)}:${account(context)}:instance/*`,
    },
    {
      action: 'GetSecretValue',
      human: 0.5,
      machine: 7,
      resource: (context, random) =>
        `arn:aws:secretsmanager:${region(random)}:${account(context)}:secret:${context.service}/db-${random.base62(6)}`,
    },
    {
      action: 'Decrypt',
      human: 0.3,
      machine: 9,
      resource: (context, random) => `arn:aws:kms:${region(random)}:${account(context)}:key/${random.uuid()}`,
    },
    {
      action: 'PutItem',
      human: 0,
      machine: 6,
      resource: (context, random) =>
        `arn:aws:dynamodb:${region(random)}:${account(context)}:table/${context.service}-${random.pick(['events', 'state', 'jobs'])}`,
    },
    {
      action: 'Query',
      human: 0.5,
      machine: 6,
      resource: (context, random) =>
        `arn:aws:dynamodb:${region(random)}:${account(context)}:table/${context.service}-${random.pick(['events', 'state', 'jobs'])}`,
    },
    {
      action: 'SendMessage',
      human: 0,
      machine: 5,
      resource: (context, random) =>
        `arn:aws:sqs:${region(random)}:${account(context)}:${context.service}-${random.pick(['jobs', 'events', 'dlq'])}`,
    },
    { action: 'GetCallerIdentity', human: 2, machine: 3, resource: () => null },
    {
      action: 'UpdateFunctionCode',
      human: 1,
      machine: 1,
      resource: (context, random) =>
        `arn:aws:lambda:${region(random)}:${account(context)}:function:${context.service}-handler`,
    },
    {
      action: 'RunInstances',
      human: 0.5,
      machine: 0.3,
      resource: (context, random) => `arn:aws:ec2:${region(random)}:${account(context)}:instance/*`,
    },
    {
      action: 'CreateAccessKey',
      human: 0.3,
      machine: 0.05,
      resource: (context) => `arn:aws:iam::${account(context)}:user/service/svc-${context.service}`,
    },
    { action: 'PutBucketPolicy', human: 0.2, machine: 0.05, resource: (context) => `arn:aws:s3:::${bucket(context)}` },
  ],
  okta: [
    { action: 'user.session.start', human: 20, machine: 0, resource: (context) => `okta:user/${context.email}` },
    {
      action: 'user.authentication.sso',
      human: 26,
      machine: 0,
      resource: (_, random) => `okta:app/${random.pick(OKTA_APPS)}`,
    },
    {
      action: 'user.authentication.auth_via_mfa',
      human: 9,
      machine: 0,
      resource: (context) => `okta:user/${context.email}`,
    },
    {
      action: 'policy.evaluate_sign_on',
      human: 5,
      machine: 0,
      resource: (_, random) => `okta:app/${random.pick(OKTA_APPS)}`,
    },
    { action: 'user.session.end', human: 4, machine: 0, resource: (context) => `okta:user/${context.email}` },
    {
      action: 'app.oauth2.as.token.grant.access_token',
      human: 0,
      machine: 30,
      resource: (context) => `okta:authorizationServer/${context.service}`,
    },
    {
      action: 'app.oauth2.token.grant.refresh_token',
      human: 0,
      machine: 6,
      resource: (context) => `okta:authorizationServer/${context.service}`,
    },
    {
      action: 'user.lifecycle.create',
      human: 0.4,
      machine: 1.5,
      resource: (context) => `okta:user/new-hire-${context.service}`,
    },
    {
      action: 'group.user_membership.add',
      human: 0.8,
      machine: 2,
      resource: (context) => `okta:group/${context.service}-users`,
    },
    { action: 'system.api_token.create', human: 0.2, machine: 0, resource: () => 'okta:org/acme' },
    {
      action: 'application.lifecycle.update',
      human: 0.3,
      machine: 0.2,
      resource: (_, random) => `okta:app/${random.pick(OKTA_APPS)}`,
    },
  ],
  github: [
    { action: 'git.clone', human: 8, machine: 15, resource: githubRepo },
    { action: 'git.fetch', human: 10, machine: 20, resource: githubRepo },
    { action: 'git.push', human: 16, machine: 4, resource: githubRepo },
    { action: 'pull_request.create', human: 6, machine: 2, resource: githubRepo },
    { action: 'pull_request_review.submit', human: 5, machine: 1, resource: githubRepo },
    { action: 'pull_request.merge', human: 3, machine: 1, resource: githubRepo },
    { action: 'workflows.completed_workflow_run', human: 0, machine: 12, resource: githubRepo },
    { action: 'repo.download_zip', human: 0.5, machine: 2, resource: githubRepo },
    { action: 'protected_branch.update', human: 0.3, machine: 0.05, resource: githubRepo },
    {
      action: 'repo.create',
      human: 0.3,
      machine: 0.1,
      resource: (_, random) => `github:acme/${random.pick(['sandbox', 'spike', 'tmp', 'poc'])}-${random.hex(4)}`,
    },
    { action: 'repo.access', human: 0.2, machine: 0, resource: githubRepo },
    { action: 'personal_access_token.request_created', human: 0.5, machine: 0, resource: () => 'github:acme' },
    { action: 'integration_installation.repositories_added', human: 0.2, machine: 0, resource: () => 'github:acme' },
    { action: 'secret_scanning_alert.resolve', human: 0.4, machine: 0, resource: githubRepo },
  ],
  entra: [
    {
      action: 'Sign-in activity',
      human: 40,
      machine: 30,
      resource: (_, random) => `entra:app/${random.pick(ENTRA_APPS)}`,
    },
    {
      action: 'Add member to group',
      human: 1.5,
      machine: 1,
      resource: (context) => `entra:group/${context.service}-users`,
    },
    {
      action: 'Update application – Certificates and secrets management',
      human: 0.5,
      machine: 0.1,
      resource: (context) => `entra:app/sp-${context.service}`,
    },
    {
      action: 'Consent to application',
      human: 0.5,
      machine: 0,
      resource: (_, random) => `entra:app/${random.pick(ENTRA_APPS)}`,
    },
    {
      action: 'Add app role assignment to service principal',
      human: 0.3,
      machine: 0.2,
      resource: (context) => `entra:app/sp-${context.service}`,
    },
    {
      action: 'Reset user password',
      human: 0.3,
      machine: 0.2,
      resource: (context) => `entra:user/${context.email ?? 'unknown'}`,
    },
  ],
  gcp: [
    {
      action: 'storage.objects.get',
      human: 3,
      machine: 20,
      resource: (context, random) => `projects/_/buckets/${bucket(context)}/objects/${objectKey(context, random)}`,
    },
    {
      action: 'storage.objects.create',
      human: 1,
      machine: 10,
      resource: (context, random) => `projects/_/buckets/${bucket(context)}/objects/${objectKey(context, random)}`,
    },
    {
      action: 'storage.objects.list',
      human: 3,
      machine: 5,
      resource: (context) => `projects/_/buckets/${bucket(context)}`,
    },
    {
      action: 'google.cloud.bigquery.v2.JobService.InsertJob',
      human: 9,
      machine: 12,
      resource: (context, random) =>
        `projects/${GCP_PROJECTS[context.environment]}/jobs/bquxjob_${random.hex(8)}_${random.hex(12)}`,
    },
    {
      action: 'google.iam.credentials.v1.IAMCredentials.GenerateAccessToken',
      human: 0.5,
      machine: 6,
      resource: (context) =>
        `projects/-/serviceAccounts/sa-${context.service}@${GCP_PROJECTS[context.environment]}.iam.gserviceaccount.com`,
    },
    {
      action: 'google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion',
      human: 0.3,
      machine: 5,
      resource: (context) =>
        `projects/${GCP_PROJECTS[context.environment]}/secrets/${context.service}-db/versions/latest`,
    },
    {
      action: 'google.logging.v2.LoggingServiceV2.ListLogEntries',
      human: 2,
      machine: 2,
      resource: (context) => `projects/${GCP_PROJECTS[context.environment]}`,
    },
    {
      action: 'v1.compute.instances.insert',
      human: 0.5,
      machine: 0.3,
      resource: (context, random) =>
        `projects/${GCP_PROJECTS[context.environment]}/zones/europe-west1-${random.pick(['b', 'c', 'd'])}/instances/${context.service}-${random.hex(4)}`,
    },
    {
      action: 'google.iam.admin.v1.CreateServiceAccountKey',
      human: 0.3,
      machine: 0.05,
      resource: (context) =>
        `projects/${GCP_PROJECTS[context.environment]}/serviceAccounts/sa-${context.service}@${GCP_PROJECTS[context.environment]}.iam.gserviceaccount.com`,
    },
    {
      action: 'SetIamPolicy',
      human: 0.3,
      machine: 0.05,
      resource: (context) => `projects/${GCP_PROJECTS[context.environment]}`,
    },
  ],
};

/** The environment an AWS account or GCP project in a resource name stands for. */
export function environmentOfResource(resource: string | null): Environment | null {
  if (!resource) return null;
  const environments = Object.keys(AWS_ACCOUNTS) as Environment[];
  return (
    environments.find(
      (environment) =>
        resource.includes(`:${AWS_ACCOUNTS[environment]}:`) ||
        resource.includes(`projects/${GCP_PROJECTS[environment]}/`),
    ) ?? null
  );
}

export const NATIVE_SOURCES: readonly NativeSource[] = ['cloudtrail', 'okta', 'github', 'entra', 'gcp'];

/** The log source that records what an identity of `system` does; Slack, Salesforce and internal ones authenticate through Okta. */
export function sourceOfSystem(system: SystemName | string): NativeSource {
  switch (system) {
    case 'aws':
      return 'cloudtrail';
    case 'gcp':
    case 'github':
    case 'entra':
      return system;
    default:
      return 'okta';
  }
}

type ActionPicker = { actions: readonly SourceAction[]; cumulative: number[]; total: number };

function pickerFor(actions: readonly SourceAction[], actor: ActorClass): ActionPicker {
  const cumulative: number[] = [];
  let total = 0;
  for (const action of actions) {
    total += action[actor];
    cumulative.push(total);
  }
  return { actions, cumulative, total };
}

const PICKERS = Object.fromEntries(
  NATIVE_SOURCES.map((source) => [
    source,
    { human: pickerFor(SOURCE_ACTIONS[source], 'human'), machine: pickerFor(SOURCE_ACTIONS[source], 'machine') },
  ]),
) as Record<NativeSource, Record<ActorClass, ActionPicker>>;

/** An action of `source` that an actor of `actor` class performs, and the resource it touched. */
export function nativeAction(
  random: Random,
  source: NativeSource,
  actor: ActorClass,
  context: ResourceContext,
): { action: string; resource: string | null } {
  const picker = PICKERS[source][actor];
  const target = random.next() * picker.total;
  const index = picker.cumulative.findIndex((upTo) => upTo > target);
  const chosen = picker.actions[index === -1 ? picker.actions.length - 1 : index];
  return { action: chosen.action, resource: chosen.resource(context, random) };
}

/** The kind of credential a person's own action in `source` carries. */
export function humanCredentialKind(source: EventSource, action: string): CredentialKind {
  if (source === 'github') return action.startsWith('git.') ? 'SSH_KEY' : 'SESSION_COOKIE';
  if (source === 'cloudtrail') return action === 'ConsoleLogin' ? 'PASSWORD' : 'ACCESS_KEY';
  if (source === 'gcp') return 'OAUTH_GRANT';
  if (source === STEWARD_SOURCE)
    return action === AUDIT_ACTIONS.signIn || action === AUDIT_ACTIONS.signInFailed ? 'PASSWORD' : 'SESSION_COOKIE';
  return action === 'user.session.start' || action === 'Sign-in activity' ? 'PASSWORD' : 'SESSION_COOKIE';
}

/** The kind of credential a machine presents to `source` when its inventoried credential is not the one used. */
export function machineCredentialKind(source: NativeSource): CredentialKind {
  if (source === 'cloudtrail' || source === 'gcp') return 'ACCESS_KEY';
  return source === 'entra' ? 'CERTIFICATE' : 'API_KEY';
}

export function sourceEventId(random: Random, source: NativeSource): string {
  switch (source) {
    case 'github':
      return random.base62(22);
    case 'gcp':
      return random.chars('0123456789abcdefghijklmnopqrstuvwxyz', 16);
    default:
      return random.uuid();
  }
}

const BROWSERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
] as const;
const HUMAN_TOOLS: Readonly<Partial<Record<EventSource, readonly string[]>>> = {
  cloudtrail: [
    'aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/macos#24.1.0 md/arch#arm64',
    'aws-cli/2.19.1 ua/2.0 os/linux#6.8.0',
  ],
  github: ['git/2.47.1', 'git/2.39.5 (Apple Git-154)'],
  gcp: [
    'google-cloud-sdk gcloud/502.0.0 command/gcloud.storage.cp',
    'google-cloud-sdk gcloud/502.0.0 command/gcloud.bigquery',
  ],
};
const MACHINE_AGENTS: Readonly<Record<NativeSource, readonly string[]>> = {
  cloudtrail: [
    'aws-sdk-go-v2/1.32.6 os/linux lang/go#1.23.4',
    'Boto3/1.35.81 md/Botocore#1.35.81 ua/2.0 os/linux#6.1.0 lang/python#3.12.8',
    'aws-sdk-java/2.29.29 Linux/6.1 OpenJDK_64-Bit_Server_VM/21.0.5',
  ],
  okta: ['okta-sdk-java/18.0.0 java/21.0.5', 'okta-sdk-python/2.9.8 python/3.12.8', 'Go-http-client/2.0'],
  github: ['git/2.43.0', 'octokit-rest.js/21.0.2 octokit-core.js/6.1.2 Node.js/22', 'GitHub Actions Runner/2.321.0'],
  entra: ['Microsoft.Graph.Core/3.2.1', 'MSAL.Python/1.31.1 Python/3.12.8', 'azsdk-go-azidentity/v1.8.0'],
  gcp: [
    'google-api-go-client/0.5 gl-go/1.23.4 gdcl/0.211.0',
    'gcloud-python/3.1.0 grpc/1.68.1 gax/2.24.0',
    'google-cloud-java/2.45.0',
  ],
};
/** Scripts and agent frameworks driving a person's session: the tell of a borrowed credential. */
export const AUTOMATION_AGENTS = [
  'python-httpx/0.28.1',
  'python-requests/2.32.3',
  'node-fetch/3.3.2',
  'axios/1.7.9',
  'acme-agent-runtime/2.3.1 (+langgraph)',
] as const;
const UNKNOWN_AGENTS = [
  'curl/8.11.1',
  'Go-http-client/1.1',
  'python-requests/2.31.0',
  'Mozilla/5.0 (compatible; scanner)',
] as const;

const officeIp = (random: Random) => `198.51.100.${random.int(10, 250)}`;
const homeIp = (random: Random) => `203.0.113.${random.int(2, 250)}`;
const cloudIp = (random: Random) => `192.0.2.${random.int(2, 250)}`;
const internalIp = (random: Random) => `10.${random.int(20, 47)}.${random.int(0, 255)}.${random.int(1, 254)}`;

export type DetailStyle = 'human' | 'machine' | 'automation' | 'unknown';

function userAgent(random: Random, source: EventSource, style: DetailStyle, action: string): string {
  if (style === 'automation') return random.pick(AUTOMATION_AGENTS);
  if (style === 'unknown') return random.pick(UNKNOWN_AGENTS);
  if (style === 'machine') return random.pick(MACHINE_AGENTS[source === STEWARD_SOURCE ? 'okta' : source]);
  const tools = HUMAN_TOOLS[source];
  const usesTool =
    tools && (source !== 'github' || action.startsWith('git.')) && (source === 'github' || random.chance(0.5));
  return usesTool ? random.pick(tools) : random.pick(BROWSERS);
}

function ipAddress(random: Random, style: DetailStyle): string {
  if (style === 'human') return random.chance(0.6) ? officeIp(random) : homeIp(random);
  if (style === 'machine') return random.chance(0.7) ? internalIp(random) : cloudIp(random);
  if (style === 'automation') return cloudIp(random);
  return random.chance(0.5) ? homeIp(random) : cloudIp(random);
}

/** A few fields of the source record, kept small: the trail holds millions of these. */
export function eventDetails(
  random: Random,
  source: EventSource,
  style: DetailStyle,
  action: string,
  outcome: AuditOutcome,
): Record<string, unknown> {
  const details: Record<string, unknown> = {
    ip: ipAddress(random, style),
    userAgent: userAgent(random, source, style, action),
  };
  if (source === 'cloudtrail') details.region = random.pick(AWS_REGIONS);
  if (source === 'gcp') details.region = random.pick(['europe-west1', 'europe-west4', 'us-central1']);
  if (outcome !== 'SUCCESS') details.error = failureReason(random, source, outcome);
  return details;
}

function failureReason(random: Random, source: EventSource, outcome: AuditOutcome): string {
  const denied = outcome === 'DENIED';
  switch (source) {
    case 'cloudtrail':
      return denied ? 'AccessDenied' : random.pick(['ThrottlingException', 'ExpiredToken', 'InvalidClientTokenId']);
    case 'okta':
      return denied ? 'POLICY_DENY' : random.pick(['INVALID_CREDENTIALS', 'VERIFICATION_ERROR', 'LOCKED_OUT']);
    case 'github':
      return denied ? 'protected branch hook declined' : 'authentication failed';
    case 'entra':
      return denied
        ? '53003: blocked by Conditional Access'
        : random.pick(['50126: invalid username or password', '50076: MFA required', '7000222: client secret expired']);
    case 'gcp':
      return denied ? 'PERMISSION_DENIED' : random.pick(['UNAUTHENTICATED', 'RESOURCE_EXHAUSTED']);
    default:
      return denied ? 'FORBIDDEN' : 'INVALID_CREDENTIALS';
  }
}

/** Raw principals in imported logs that map to nothing in the inventory. */
export function unknownPrincipal(random: Random, source: NativeSource): string {
  switch (source) {
    case 'cloudtrail':
      return random.pick([
        `arn:aws:sts::${AWS_ACCOUNTS.unknown}:assumed-role/OrganizationAccountAccessRole/${random.hex(8)}`,
        `arn:aws:sts::${AWS_ACCOUNTS.development}:assumed-role/temp-debug-role/${random.pick(['botocore-session', 'terraform'])}-${random.int(1_700_000_000, 1_790_000_000)}`,
        `arn:aws:iam::${AWS_ACCOUNTS.staging}:user/legacy-migration`,
      ]);
    case 'okta':
      return random.pick([
        'administrator',
        'test@acme.example',
        'svc-backup',
        'it-support@acme.example',
        `0oa${random.base62(17)}`,
      ]);
    case 'github':
      return random.pick([`unrecognised token ghp_…${random.base62(4)}`, 'ghost', `app/${random.int(90_000, 99_000)}`]);
    case 'entra':
      return `servicePrincipal ${random.uuid()}`;
    default:
      return random.pick([
        `service-${random.int(100_000_000_000, 999_999_999_999)}@gcp-sa-dataflow.iam.gserviceaccount.com`,
        `runner@${GCP_PROJECTS.unknown}.iam.gserviceaccount.com`,
      ]);
  }
}
