import { GCP_PROJECTS } from '../catalog';
import { DAY_MS, HOUR_MS, type Random } from '../random';
import { at, isoNanos, paced, run, session, workdays } from './timeline';
import {
  fileOf,
  inventoryNhi,
  personAt,
  ScenarioLog,
  type FormatLogs,
  type JsonRecord,
  type LogContext,
} from './types';

/** Google Cloud audit logs as a log sink exports them: one LogEntry per line. */

const PROJECT = GCP_PROJECTS.production;
const PROJECT_NUMBER = '493027118645';
const OFFICE_IP = '198.51.100.23';
const CHROME_CONSOLE =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36,gzip(gfe)';
const LANGCHAIN_BIGQUERY =
  'gl-python/3.11.10 grpc/1.68.1 gax/2.24.0 gapic/3.27.0 gccl/3.27.0 langchain-google-community/2.0.3,gzip(gfe)';
const GCLOUD =
  'google-cloud-sdk gcloud/502.0.0 command/gcloud.compute.instances.list invocation-id/%ID% environment/None environment-version/None client-os/MACOSX client-os-ver/24.1.0 client-pltf-arch/arm interactive/True from-script/False python/3.12.7 term/xterm-256color (Macintosh; Intel Mac OS X 24.1.0),gzip(gfe)';
const TERRAFORM =
  'Terraform/1.10.2 (+https://www.terraform.io) Terraform-Plugin-SDK/2.33.0 terraform-provider-google/6.13.0,gzip(gfe)';
const GO_CLIENT = 'google-api-go-client/0.5 cloud-sql-proxy/2.14.1,gzip(gfe)';
const GENAI = 'google-genai-sdk/1.2.0 gl-python/3.12.8,gzip(gfe)';
/** The OAuth client of `gcloud auth application-default login`: a person's user credentials handed to code. */
const GCLOUD_ADC_CLIENT = '764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com';

type Call = { service: string; method: string; resource: string; type: string; labels: JsonRecord };

function logEntry(
  random: Random,
  time: number,
  authentication: JsonRecord,
  call: Call,
  client: { ip: string; userAgent: string },
  kind: 'activity' | 'data_access',
): JsonRecord {
  const stamp = isoNanos(random, time);
  return {
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      status: {},
      authenticationInfo: authentication,
      requestMetadata: {
        callerIp: client.ip,
        callerSuppliedUserAgent: client.userAgent,
        requestAttributes: {},
        destinationAttributes: {},
      },
      serviceName: call.service,
      methodName: call.method,
      authorizationInfo: [
        {
          resource: call.resource,
          permission: `${call.service.split('.')[0]}.${call.method.split('.').at(-1)?.toLowerCase()}`,
          granted: true,
          resourceAttributes: {},
        },
      ],
      resourceName: call.resource,
    },
    insertId: `${random.hex(6)}e${random.hex(5)}`,
    resource: { type: call.type, labels: { project_id: PROJECT, ...call.labels } },
    timestamp: stamp,
    severity: 'INFO',
    logName: `projects/${PROJECT}/logs/cloudaudit.googleapis.com%2F${kind}`,
    receiveTimestamp: isoNanos(random, time + random.int(50, 900)),
  };
}

const BIGQUERY_CALLS: Call[] = [
  {
    service: 'bigquery.googleapis.com',
    method: 'google.cloud.bigquery.v2.JobService.InsertJob',
    resource: `projects/${PROJECT}/jobs/`,
    type: 'bigquery_project',
    labels: { location: 'EU' },
  },
  {
    service: 'bigquery.googleapis.com',
    method: 'google.cloud.bigquery.v2.JobService.GetQueryResults',
    resource: `projects/${PROJECT}/queries/`,
    type: 'bigquery_project',
    labels: { location: 'EU' },
  },
  {
    service: 'bigquery.googleapis.com',
    method: 'google.cloud.bigquery.v2.TableService.GetTable',
    resource: `projects/${PROJECT}/datasets/warehouse/tables/orders_daily`,
    type: 'bigquery_dataset',
    labels: { dataset_id: 'warehouse' },
  },
];

function withJob(random: Random, call: Call): Call {
  return call.resource.endsWith('/')
    ? { ...call, resource: `${call.resource}bquxjob_${random.hex(8)}_${random.hex(12)}` }
    : call;
}

const CONSOLE_CALLS: Call[] = [
  ...BIGQUERY_CALLS,
  {
    service: 'compute.googleapis.com',
    method: 'v1.compute.instances.list',
    resource: `projects/${PROJECT}/zones/europe-west1-b/instances`,
    type: 'gce_instance',
    labels: { zone: 'europe-west1-b' },
  },
  {
    service: 'storage.googleapis.com',
    method: 'storage.buckets.list',
    resource: `projects/_/buckets`,
    type: 'gcs_bucket',
    labels: { location: 'europe-west1' },
  },
];

/**
 * Borrowed: a partner's consultant, given access to the warehouse with their own Google account, leaves their
 * user credentials on a VM where a LangChain SQL agent answers questions from them around the clock. The
 * consultant is not in Acme's directory: the case shows their external identity.
 */
function agentOnUserCredentials(context: LogContext): ScenarioLog {
  const { window } = context;
  const random = context.random.fork('gcp:agent-on-user-credentials');
  const email = 'jonas.weber@northwind-analytics.example';
  const log = new ScenarioLog({
    id: 'gcp-agent-on-user-credentials',
    format: 'gcp',
    kind: 'borrowed',
    summary: `The user credentials of ${email}, a partner's consultant not in Acme's directory, used by a LangChain BigQuery agent on a VM around the clock`,
  });
  const auth = { principalEmail: email };
  for (const day of workdays(window).filter(() => random.chance(0.8)))
    for (const time of session(random, at(random, day, 9.5, 40), 360, random.int(4, 9)))
      log.add(
        time,
        logEntry(
          random,
          time,
          auth,
          withJob(random, random.pick(CONSOLE_CALLS)),
          { ip: '203.0.113.140', userAgent: CHROME_CONSOLE },
          'data_access',
        ),
      );
  const applicationDefaultCredentials = { ...auth, oauthInfo: { oauthClientId: GCLOUD_ADC_CLIENT } };
  const agentCall = (time: number) =>
    log.add(
      time,
      logEntry(
        random,
        time,
        applicationDefaultCredentials,
        withJob(random, random.pick(BIGQUERY_CALLS)),
        { ip: '34.77.104.9', userAgent: LANGCHAIN_BIGQUERY },
        'data_access',
      ),
    );
  const start = window.to - 4 * DAY_MS + 6 * HOUR_MS;
  for (const question of paced(random, start, window.to - HOUR_MS, 1.2)) run(random, question, 3).forEach(agentCall);
  return log;
}

/** Look-alikes: people in the console (one of them at night), a person's brief gcloud use, and impersonating a service account. */
function peopleAtWork(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('gcp:people-at-work');
  const log = new ScenarioLog({
    id: 'gcp-people-at-work',
    format: 'gcp',
    kind: 'look-alike',
    summary:
      'Data engineers in the console (one on call at 01:30), a few gcloud commands, and an engineer impersonating a service account to run Terraform',
  });
  const days = workdays(window);
  const consoleUser = personAt(world, 'data-4');
  for (const day of days)
    for (const time of session(random, at(random, day, 9, 30), 420, random.int(3, 8)))
      log.add(
        time,
        logEntry(
          random,
          time,
          { principalEmail: consoleUser.email },
          withJob(random, random.pick(CONSOLE_CALLS)),
          { ip: OFFICE_IP, userAgent: CHROME_CONSOLE },
          'data_access',
        ),
      );
  for (const time of session(random, days[5] + DAY_MS + 1.5 * HOUR_MS, 50, 24))
    log.add(
      time,
      logEntry(
        random,
        time,
        { principalEmail: consoleUser.email },
        withJob(random, random.pick(CONSOLE_CALLS)),
        { ip: '203.0.113.77', userAgent: CHROME_CONSOLE },
        'data_access',
      ),
    );

  const gcloudUser = personAt(world, 'data-1');
  for (const time of session(random, at(random, days[3], 11, 30), 15, 8)) {
    const call: Call = {
      service: 'compute.googleapis.com',
      method: 'v1.compute.instances.list',
      resource: `projects/${PROJECT}/zones/europe-west1-b/instances`,
      type: 'gce_instance',
      labels: { zone: 'europe-west1-b' },
    };
    log.add(
      time,
      logEntry(
        random,
        time,
        { principalEmail: gcloudUser.email },
        call,
        { ip: OFFICE_IP, userAgent: GCLOUD.replace('%ID%', random.uuid()) },
        'data_access',
      ),
    );
  }

  const terraformUser = personAt(world, 'data-2');
  const deployer = inventoryNhi(
    world,
    (identity) =>
      identity.flavor === 'gcp-service-account' &&
      identity.row.kind === 'SERVICE_ACCOUNT' &&
      identity.row.environment === 'production',
  );
  for (const day of [days[1], days[4], days[8]]) {
    const start = at(random, day, 14, 60);
    const tokenCall: Call = {
      service: 'iamcredentials.googleapis.com',
      method: 'GenerateAccessToken',
      resource: `projects/-/serviceAccounts/${deployer.externalId}`,
      type: 'service_account',
      labels: { email_id: deployer.externalId, unique_id: random.int(1e17, 9e17).toString() },
    };
    log.add(
      start,
      logEntry(
        random,
        start,
        { principalEmail: terraformUser.email },
        tokenCall,
        {
          ip: OFFICE_IP,
          userAgent: GCLOUD.replace('%ID%', random.uuid()).replace('compute.instances.list', 'auth.print-access-token'),
        },
        'data_access',
      ),
    );
    for (const time of session(random, start + 30_000, 6, random.int(10, 18))) {
      const call: Call = random.pick([
        {
          service: 'compute.googleapis.com',
          method: 'v1.compute.firewalls.patch',
          resource: `projects/${PROJECT}/global/firewalls/allow-internal`,
          type: 'gce_firewall_rule',
          labels: {},
        },
        {
          service: 'storage.googleapis.com',
          method: 'storage.buckets.update',
          resource: `projects/_/buckets/acme-prod-artifacts`,
          type: 'gcs_bucket',
          labels: { location: 'europe-west1' },
        },
      ]);
      const auth = {
        principalEmail: deployer.externalId,
        serviceAccountDelegationInfo: [{ firstPartyPrincipal: { principalEmail: terraformUser.email } }],
      };
      log.add(time, logEntry(random, time, auth, call, { ip: OFFICE_IP, userAgent: TERRAFORM }, 'activity'));
    }
  }
  return log;
}

/** Look-alikes: a service account with its own key, and CI reaching Google Cloud through workload identity federation. */
function machines(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('gcp:machines');
  const log = new ScenarioLog({
    id: 'gcp-machines',
    format: 'gcp',
    kind: 'look-alike',
    summary:
      'A workload service account with its own key around the clock, and GitHub Actions deploying through workload identity federation',
  });
  const workload = inventoryNhi(
    world,
    (identity) =>
      identity.flavor === 'gcp-service-account' &&
      identity.row.kind === 'WORKLOAD' &&
      identity.row.environment === 'production',
  );
  const keyName = `//iam.googleapis.com/projects/${PROJECT}/serviceAccounts/${workload.externalId}/keys/${random.hex(40)}`;
  for (const time of paced(random, window.from, window.to, 0.3)) {
    const call: Call = {
      service: 'cloudsql.googleapis.com',
      method: 'cloudsql.instances.connect',
      resource: `projects/${PROJECT}/instances/ledger-prod`,
      type: 'cloudsql_database',
      labels: { database_id: `${PROJECT}:ledger-prod`, region: 'europe-west1' },
    };
    log.add(
      time,
      logEntry(
        random,
        time,
        { principalEmail: workload.externalId, serviceAccountKeyName: keyName },
        call,
        { ip: '35.195.61.20', userAgent: GO_CLIENT },
        'data_access',
      ),
    );
  }
  const deployer = inventoryNhi(
    world,
    (identity) =>
      identity.flavor === 'gcp-service-account' &&
      identity.row.kind === 'CI_PIPELINE' &&
      identity.row.environment === 'production',
  );
  const subject = `principal://iam.googleapis.com/projects/${PROJECT_NUMBER}/locations/global/workloadIdentityPools/github-actions/subject/repo:acme/dbt-models:ref:refs/heads/main`;
  for (const day of workdays(window)) {
    const start = at(random, day, 13, 120);
    for (const time of run(random, start, 5)) {
      const call: Call = {
        service: 'run.googleapis.com',
        method: 'google.cloud.run.v2.Services.UpdateService',
        resource: `projects/${PROJECT}/locations/europe-west1/services/dbt-docs`,
        type: 'cloud_run_revision',
        labels: { location: 'europe-west1', service_name: 'dbt-docs' },
      };
      log.add(
        time,
        logEntry(
          random,
          time,
          {
            principalEmail: deployer.externalId,
            serviceAccountDelegationInfo: [{ principalSubject: subject }],
            principalSubject: subject,
          },
          call,
          {
            ip: '20.57.79.18',
            userAgent: 'google-github-actions:deploy-cloudrun/2.7.2 google-api-nodejs-client/9.15.1,gzip(gfe)',
          },
          'activity',
        ),
      );
    }
  }
  return log;
}

/** Discovered: a service account nobody registered, calling Gemini on Vertex AI from a sandbox project. */
function shadowServiceAccount(context: LogContext): ScenarioLog {
  const { window } = context;
  const random = context.random.fork('gcp:shadow-service-account');
  const log = new ScenarioLog({
    id: 'gcp-shadow-service-account',
    format: 'gcp',
    kind: 'discovered',
    summary: 'A service account, vertex-agent-poc, that the inventory does not know, calling Gemini on Vertex AI',
  });
  const account = `vertex-agent-poc@${GCP_PROJECTS.unknown}.iam.gserviceaccount.com`;
  for (const time of paced(random, window.to - 5 * DAY_MS, window.to - 2 * HOUR_MS, 0.6)) {
    const call: Call = {
      service: 'aiplatform.googleapis.com',
      method: 'google.cloud.aiplatform.v1.PredictionService.GenerateContent',
      resource: `projects/${PROJECT}/locations/europe-west4/publishers/google/models/gemini-2.0-flash-001`,
      type: 'audited_resource',
      labels: {
        service: 'aiplatform.googleapis.com',
        method: 'google.cloud.aiplatform.v1.PredictionService.GenerateContent',
      },
    };
    log.add(
      time,
      logEntry(
        random,
        time,
        { principalEmail: account },
        call,
        { ip: '34.90.12.201', userAgent: GENAI },
        'data_access',
      ),
    );
  }
  return log;
}

export function gcpLogs(context: LogContext): FormatLogs {
  const logs = [
    agentOnUserCredentials(context),
    peopleAtWork(context),
    machines(context),
    shadowServiceAccount(context),
  ];
  return {
    scenarios: logs.map((log) => log.scenario),
    files: [fileOf('gcp/audit-log-sink.ndjson', 'gcp', 'ndjson', logs)],
  };
}
