import { AWS_ACCOUNTS } from '../catalog';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Random } from '../random';
import { at, everyMinutes, isoSeconds, paced, run, session, workdays } from './timeline';
import {
  fileOf,
  inventoryNhi,
  personAt,
  ScenarioLog,
  type FormatLogs,
  type JsonRecord,
  type LogContext,
} from './types';

/** AWS CloudTrail: trail files of `{"Records":[…]}`, gzipped, as CloudTrail delivers them to S3. */

const PROD = AWS_ACCOUNTS.production;
const REGION = 'eu-west-1';
const OFFICE_IPS = ['198.51.100.23', '198.51.100.24', '198.51.100.31'];
const HOME_IP = '203.0.113.84';
const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const STRANDS_ON_FARGATE =
  'Boto3/1.35.80 md/Botocore#1.35.80 ua/2.0 os/linux#5.10.228-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.8 md/pyimpl#CPython exec-env/AWS_ECS_FARGATE cfg/retry-mode#adaptive Botocore/1.35.80 strands-agents';
const BOTO3_ON_EC2 =
  'Boto3/1.34.162 md/Botocore#1.34.162 ua/2.0 os/linux#6.8.0-1019-aws md/arch#x86_64 lang/python#3.10.12 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.162';
const BOTO3_SERVICE =
  'Boto3/1.35.54 md/Botocore#1.35.54 ua/2.0 os/linux#5.10.227-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.10 md/pyimpl#CPython exec-env/AWS_ECS_FARGATE cfg/retry-mode#standard Botocore/1.35.54';
const LAMBDA_BOTO3 =
  'Boto3/1.34.145 md/Botocore#1.34.145 ua/2.0 os/linux#5.10.227-239.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.145';
const AWS_CLI_MAC =
  'aws-cli/2.22.12 md/awscrt#0.23.4 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#';
const AWS_SDK_JS_GITHUB =
  'aws-sdk-js/3.699.0 ua/2.1 os/linux#6.5.0-1025-azure lang/js md/nodejs#20.18.1 api/sts#3.699.0 m/E,N';
const STRANDS_ON_EC2 =
  'Boto3/1.35.76 md/Botocore#1.35.76 ua/2.0 os/linux#6.1.115-126.197.amzn2023.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#adaptive Botocore/1.35.76 strands-agents';
const AGENT_CLOUD_IPS = ['52.49.118.201', '52.49.118.77', '34.246.9.140'];
const ETL_HOST_IP = '34.245.61.18';

type Call = { source: string; name: string; readOnly: boolean; request: JsonRecord | null; resource?: string };

function cloudTrailEvent(
  random: Random,
  time: number,
  identity: JsonRecord,
  call: Call,
  client: { ip: string; userAgent: string },
  extra: JsonRecord = {},
): JsonRecord {
  return {
    eventVersion: '1.10',
    userIdentity: identity,
    eventTime: isoSeconds(time),
    eventSource: call.source,
    eventName: call.name,
    awsRegion: REGION,
    sourceIPAddress: client.ip,
    userAgent: client.userAgent,
    requestParameters: call.request,
    responseElements: null,
    requestID: random.uuid(),
    eventID: random.uuid(),
    readOnly: call.readOnly,
    ...(call.resource ? { resources: [{ accountId: PROD, type: 'AWS::Resource', ARN: call.resource }] } : {}),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: PROD,
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${call.source.replace('.amazonaws.com', '')}.${REGION}.amazonaws.com`,
    },
    ...extra,
  };
}

function iamUser(userName: string, accessKeyId: string, principalId: string, session?: JsonRecord): JsonRecord {
  return {
    type: 'IAMUser',
    principalId,
    arn: `arn:aws:iam::${PROD}:user/${userName}`,
    accountId: PROD,
    accessKeyId,
    userName,
    ...(session ? { sessionContext: session } : {}),
  };
}

function consoleSession(creation: number): JsonRecord {
  return { sessionIssuer: {}, attributes: { creationDate: isoSeconds(creation), mfaAuthenticated: 'true' } };
}

function consoleLogin(random: Random, time: number, identity: JsonRecord, ip: string, userAgent: string): JsonRecord {
  return {
    ...cloudTrailEvent(
      random,
      time,
      identity,
      { source: 'signin.amazonaws.com', name: 'ConsoleLogin', readOnly: false, request: null },
      { ip, userAgent },
    ),
    awsRegion: 'us-east-1',
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: {
      LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true',
      MobileVersion: 'No',
      MFAIdentifier: `arn:aws:iam::${PROD}:mfa/${random.hex(8)}`,
      MFAUsed: 'Yes',
    },
    eventType: 'AwsConsoleSignIn',
    tlsDetails: undefined,
  };
}

const CONSOLE_CALLS: Call[] = [
  { source: 'ec2.amazonaws.com', name: 'DescribeInstances', readOnly: true, request: { maxResults: 50 } },
  { source: 'cloudwatch.amazonaws.com', name: 'GetMetricData', readOnly: true, request: null },
  { source: 'logs.amazonaws.com', name: 'DescribeLogGroups', readOnly: true, request: { limit: 50 } },
  { source: 'ecs.amazonaws.com', name: 'ListServices', readOnly: true, request: { cluster: 'prod-eu-1' } },
  { source: 's3.amazonaws.com', name: 'ListBuckets', readOnly: true, request: { Host: 's3.eu-west-1.amazonaws.com' } },
  { source: 'health.amazonaws.com', name: 'DescribeEventAggregates', readOnly: true, request: null },
];

/** A person's working day in the console: a sign-in with MFA, then clicks that the console turns into calls. */
function consoleDay(
  log: ScenarioLog,
  random: Random,
  day: number,
  user: { name: string; principalId: string },
  options: { startHour: number; clicks: number; ip: string; userAgent: string },
): void {
  const signIn = at(random, day, options.startHour, 25);
  log.add(
    signIn,
    consoleLogin(random, signIn, iamUser(user.name, '', user.principalId), options.ip, options.userAgent),
  );
  const sessionKey = `ASIA${random.upperAlnum(16)}`;
  for (const time of session(random, signIn + MINUTE_MS, random.int(90, 420), options.clicks)) {
    const call = random.pick(CONSOLE_CALLS);
    const identity = iamUser(user.name, sessionKey, user.principalId, consoleSession(signIn));
    log.add(
      time,
      cloudTrailEvent(
        random,
        time,
        identity,
        call,
        { ip: options.ip, userAgent: options.userAgent },
        { sessionCredentialFromConsole: 'true' },
      ),
    );
  }
}

const AGENT_CALLS: Call[] = [
  {
    source: 'bedrock.amazonaws.com',
    name: 'Converse',
    readOnly: true,
    request: { modelId: 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0' },
  },
  {
    source: 'bedrock.amazonaws.com',
    name: 'Converse',
    readOnly: true,
    request: { modelId: 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0' },
  },
  {
    source: 'logs.amazonaws.com',
    name: 'FilterLogEvents',
    readOnly: true,
    request: { logGroupName: '/ecs/payments-api', limit: 200 },
  },
  { source: 'cloudwatch.amazonaws.com', name: 'DescribeAlarms', readOnly: true, request: { stateValue: 'ALARM' } },
  {
    source: 'ecs.amazonaws.com',
    name: 'DescribeServices',
    readOnly: true,
    request: { cluster: 'prod-eu-1', services: ['payments-api'] },
  },
  { source: 'ec2.amazonaws.com', name: 'DescribeInstances', readOnly: true, request: { maxResults: 100 } },
];

/**
 * Borrowed: an on-call helper built on Strands Agents runs on Fargate with the SRE's own long-lived access key,
 * checking alarms around the clock and working hard during incidents, while the SRE signs in to the console with
 * MFA from the office every day.
 */
function agentOnPersonsKey(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('cloudtrail:agent-on-persons-key');
  const person = personAt(world, 'sre-2');
  const log = new ScenarioLog({
    id: 'cloudtrail-agent-on-persons-key',
    format: 'cloudtrail',
    kind: 'borrowed',
    summary: `${person.name}'s access key AKIA… used by an agent built on Strands Agents on ECS Fargate around the clock, while ${person.first} signs in to the console with MFA from the office`,
  });
  const user = { name: person.email, principalId: `AIDA${random.upperAlnum(17)}` };
  const key = `AKIA${random.upperAlnum(16)}`;
  for (const day of workdays(window))
    consoleDay(log, random, day, user, {
      startHour: 8.5,
      clicks: random.int(8, 20),
      ip: random.pick(OFFICE_IPS),
      userAgent: CHROME,
    });
  const start = window.to - 5 * DAY_MS + 9 * HOUR_MS;
  const end = window.to - DAY_MS + 20 * HOUR_MS;
  const agentCall = (time: number) => {
    const call = random.pick(AGENT_CALLS);
    log.add(
      time,
      cloudTrailEvent(random, time, iamUser(user.name, key, user.principalId), call, {
        ip: random.pick(AGENT_CLOUD_IPS),
        userAgent: STRANDS_ON_FARGATE,
      }),
    );
  };
  for (const beat of paced(random, start, end, 1.6)) run(random, beat, 2).forEach(agentCall);
  for (const incident of [start + 14 * HOUR_MS, start + 47 * HOUR_MS, start + 80 * HOUR_MS])
    paced(random, incident, incident + 70 * MINUTE_MS, 60).forEach(agentCall);
  return log;
}

const ETL_CALLS: Call[] = [
  {
    source: 'athena.amazonaws.com',
    name: 'StartQueryExecution',
    readOnly: false,
    request: { workGroup: 'analytics', queryExecutionContext: { database: 'warehouse' } },
  },
  { source: 'athena.amazonaws.com', name: 'GetQueryExecution', readOnly: true, request: null },
  {
    source: 'glue.amazonaws.com',
    name: 'GetPartitions',
    readOnly: true,
    request: { databaseName: 'warehouse', tableName: 'orders_daily' },
  },
];

/**
 * Borrowed: a data engineer's key copied onto an EC2 box where a cron'd boto3 job runs every twenty minutes,
 * day and night; the engineer signs in to the console with MFA on most working days.
 */
function cronOnPersonsKey(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('cloudtrail:cron-on-persons-key');
  const person = personAt(world, 'data-3');
  const log = new ScenarioLog({
    id: 'cloudtrail-cron-on-persons-key',
    format: 'cloudtrail',
    kind: 'borrowed',
    summary: `${person.name}'s access key AKIA… copied onto an EC2 instance, where a boto3 job runs every 20 minutes day and night`,
  });
  const user = { name: person.email, principalId: `AIDA${random.upperAlnum(17)}` };
  const key = `AKIA${random.upperAlnum(16)}`;
  for (const day of workdays(window).filter(() => random.chance(0.7)))
    consoleDay(log, random, day, user, {
      startHour: 9,
      clicks: random.int(4, 10),
      ip: random.pick(OFFICE_IPS),
      userAgent: FIREFOX,
    });
  for (const beat of everyMinutes(random, window.to - 4 * DAY_MS, window.to - HOUR_MS, 20)) {
    run(random, beat, ETL_CALLS.length).forEach((time, index) =>
      log.add(
        time,
        cloudTrailEvent(random, time, iamUser(user.name, key, user.principalId), ETL_CALLS[index], {
          ip: ETL_HOST_IP,
          userAgent: BOTO3_ON_EC2,
        }),
      ),
    );
  }
  return log;
}

function ssoRoleSession(email: string, permissionSet: string, random: Random, creation: number): JsonRecord {
  const role = `AWSReservedSSO_${permissionSet}`;
  return {
    type: 'AssumedRole',
    principalId: `AROA${random.upperAlnum(17)}:${email}`,
    arn: `arn:aws:sts::${PROD}:assumed-role/${role}/${email}`,
    accountId: PROD,
    accessKeyId: `ASIA${random.upperAlnum(16)}`,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: `AROA${random.upperAlnum(17)}`,
        arn: `arn:aws:iam::${PROD}:role/aws-reserved/sso.amazonaws.com/eu-west-1/${role}`,
        accountId: PROD,
        userName: role,
      },
      attributes: { creationDate: isoSeconds(creation), mfaAuthenticated: 'false' },
    },
  };
}

/** Look-alike: an SRE paged at night works in the console through IAM Identity Center for an hour and a half. */
function onCallAtNight(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('cloudtrail:on-call-at-night');
  const person = personAt(world, 'sre-1');
  const log = new ScenarioLog({
    id: 'cloudtrail-on-call-at-night',
    format: 'cloudtrail',
    kind: 'look-alike',
    summary: `${person.name}, paged at 02:10, works in the AWS console from home for 90 minutes (IAM Identity Center)`,
  });
  const days = workdays(window);
  const nights = [days[3] + DAY_MS, days[7] + DAY_MS];
  const daytime = days
    .filter(() => random.chance(0.6))
    .map((day) => ({
      start: at(random, day, 9, 30),
      minutes: 300,
      count: random.int(6, 14),
      ip: random.pick(OFFICE_IPS),
    }));
  const paged = nights.map((night) => ({
    start: night + 2 * HOUR_MS + 10 * MINUTE_MS,
    minutes: 90,
    count: random.int(30, 45),
    ip: HOME_IP,
  }));
  for (const visit of [...daytime, ...paged]) {
    const identity = ssoRoleSession(person.email, 'AdministratorAccess_5b7d9f1c3e0a2468', random, visit.start);
    log.add(visit.start, {
      ...consoleLogin(random, visit.start, identity, visit.ip, CHROME),
      additionalEventData: {
        LoginTo: 'https://eu-west-1.console.aws.amazon.com/console/home',
        MobileVersion: 'No',
        MFAUsed: 'No',
      },
    });
    for (const time of session(random, visit.start + MINUTE_MS, visit.minutes, visit.count))
      log.add(
        time,
        cloudTrailEvent(
          random,
          time,
          identity,
          random.pick(CONSOLE_CALLS),
          { ip: visit.ip, userAgent: CHROME },
          { sessionCredentialFromConsole: 'true' },
        ),
      );
  }
  return log;
}

/** Look-alike: an engineer runs a handful of `aws` commands with their own key, on two afternoons. */
function briefCliUse(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('cloudtrail:brief-cli-use');
  const person = personAt(world, 'platform-1');
  const log = new ScenarioLog({
    id: 'cloudtrail-brief-cli-use',
    format: 'cloudtrail',
    kind: 'look-alike',
    summary: `${person.name} runs a few \`aws\` CLI commands with their own access key from the office, on two afternoons`,
  });
  const user = { name: person.email, principalId: `AIDA${random.upperAlnum(17)}` };
  const key = `AKIA${random.upperAlnum(16)}`;
  const days = workdays(window);
  for (const day of [days[2], days[6]]) {
    consoleDay(log, random, day, user, {
      startHour: 9.5,
      clicks: random.int(5, 9),
      ip: OFFICE_IPS[0],
      userAgent: CHROME,
    });
    const commands: [Call, string][] = [
      [
        { source: 'sts.amazonaws.com', name: 'GetCallerIdentity', readOnly: true, request: null },
        'sts.get-caller-identity',
      ],
      [{ source: 's3.amazonaws.com', name: 'ListBuckets', readOnly: true, request: null }, 's3.ls'],
      [
        {
          source: 'ecs.amazonaws.com',
          name: 'DescribeServices',
          readOnly: true,
          request: { cluster: 'prod-eu-1', services: ['checkout'] },
        },
        'ecs.describe-services',
      ],
      [
        {
          source: 'logs.amazonaws.com',
          name: 'FilterLogEvents',
          readOnly: true,
          request: { logGroupName: '/ecs/checkout' },
        },
        'logs.filter-log-events',
      ],
    ];
    for (const time of session(random, at(random, day, 15, 30), 12, random.int(6, 9))) {
      const [call, command] = random.pick(commands);
      log.add(
        time,
        cloudTrailEvent(random, time, iamUser(user.name, key, user.principalId), call, {
          ip: OFFICE_IPS[0],
          userAgent: `${AWS_CLI_MAC}${command}`,
        }),
      );
    }
  }
  return log;
}

/** Look-alikes: machines with credentials of their own — a service's IAM user, a pod's role, AWS itself, CI through OIDC. */
function machinesWithTheirOwnCredentials(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('cloudtrail:machines');
  const log = new ScenarioLog({
    id: 'cloudtrail-machines',
    format: 'cloudtrail',
    kind: 'look-alike',
    summary:
      "A service's own IAM user around the clock, a Kubernetes pod's role (IRSA), a Lambda function's execution role, AWS services assuming roles, and GitHub Actions deploying through OIDC",
  });
  const serviceUser = inventoryNhi(
    world,
    (identity) => identity.flavor === 'iam-user' && identity.row.environment === 'production',
  );
  const userName = serviceUser.externalId.split(':user/')[1];
  const serviceKey = `AKIA${random.upperAlnum(16)}`;
  const serviceIdentity: JsonRecord = {
    type: 'IAMUser',
    principalId: `AIDA${random.upperAlnum(17)}`,
    arn: serviceUser.externalId,
    accountId: PROD,
    accessKeyId: serviceKey,
    userName: userName.split('/').at(-1),
  };
  for (const time of paced(random, window.from, window.to, 0.4)) {
    const call: Call = random.pick([
      { source: 'sqs.amazonaws.com', name: 'ReceiveMessage', readOnly: true, request: null },
      {
        source: 'kms.amazonaws.com',
        name: 'Decrypt',
        readOnly: true,
        request: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
      },
      {
        source: 'secretsmanager.amazonaws.com',
        name: 'GetSecretValue',
        readOnly: true,
        request: { secretId: 'prod/service/database' },
      },
    ]);
    log.add(
      time,
      cloudTrailEvent(random, time, serviceIdentity, call, { ip: '54.229.40.12', userAgent: BOTO3_SERVICE }),
    );
  }

  const podRole = inventoryNhi(
    world,
    (identity) =>
      identity.flavor === 'iam-role' &&
      identity.row.kind === 'WORKLOAD' &&
      identity.row.environment === 'production' &&
      identity.row.name.startsWith('eks-'),
  );
  const podRoleName = podRole.externalId.split('/').at(-1)!;
  const clusterIssuer = `oidc.eks.${REGION}.amazonaws.com/id/${random.hex(32).toUpperCase()}`;
  for (const time of paced(random, window.from, window.to, 0.3)) {
    const sessionName = `botocore-session-${Math.floor((time - random.int(1, 50) * MINUTE_MS) / 1000)}`;
    const identity: JsonRecord = {
      type: 'AssumedRole',
      principalId: `AROA${random.upperAlnum(17)}:${sessionName}`,
      arn: `arn:aws:sts::${PROD}:assumed-role/${podRoleName}/${sessionName}`,
      accountId: PROD,
      accessKeyId: `ASIA${random.upperAlnum(16)}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROA${random.upperAlnum(17)}`,
          arn: podRole.externalId,
          accountId: PROD,
          userName: podRoleName,
        },
        webIdFederationData: {
          federatedProvider: `arn:aws:iam::${PROD}:oidc-provider/${clusterIssuer}`,
          attributes: {},
        },
        attributes: { creationDate: isoSeconds(time - random.int(1, 50) * MINUTE_MS), mfaAuthenticated: 'false' },
      },
    };
    log.add(
      time,
      cloudTrailEvent(
        random,
        time,
        identity,
        {
          source: 'sqs.amazonaws.com',
          name: 'ReceiveMessage',
          readOnly: true,
          request: { queueUrl: `https://sqs.${REGION}.amazonaws.com/${PROD}/docs-build` },
        },
        { ip: '54.229.40.77', userAgent: BOTO3_SERVICE },
      ),
    );
  }

  for (const time of paced(random, window.from, window.to, 0.15)) {
    const service = random.pick(['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'config.amazonaws.com']);
    const identity: JsonRecord = { type: 'AWSService', invokedBy: service };
    log.add(time, {
      ...cloudTrailEvent(
        random,
        time,
        identity,
        {
          source: 'sts.amazonaws.com',
          name: 'AssumeRole',
          readOnly: true,
          request: {
            roleArn: `arn:aws:iam::${PROD}:role/workload/${random.pick(['billing', 'ledger', 'payouts'])}-task-role`,
            roleSessionName: random.hex(32),
          },
        },
        { ip: service, userAgent: service },
      ),
      eventType: 'AwsApiCall',
      sharedEventID: random.uuid(),
    });
  }

  const lambdaRole = inventoryNhi(
    world,
    (identity) =>
      identity.flavor === 'iam-role' &&
      identity.row.kind === 'WORKLOAD' &&
      identity.row.environment === 'production' &&
      identity.row.name.endsWith('-lambda-exec'),
  );
  const lambdaRoleName = lambdaRole.externalId.split('/').at(-1)!;
  const functionName = `${lambdaRoleName.replace('-lambda-exec', '')}-nightly-export`;
  for (const day of workdays(window)) {
    const start = at(random, day, 2, 5);
    const identity: JsonRecord = {
      type: 'AssumedRole',
      principalId: `AROA${random.upperAlnum(17)}:${functionName}`,
      arn: `arn:aws:sts::${PROD}:assumed-role/${lambdaRoleName}/${functionName}`,
      accountId: PROD,
      accessKeyId: `ASIA${random.upperAlnum(16)}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROA${random.upperAlnum(17)}`,
          arn: lambdaRole.externalId,
          accountId: PROD,
          userName: lambdaRoleName,
        },
        attributes: { creationDate: isoSeconds(start - 2_000), mfaAuthenticated: 'false' },
      },
    };
    for (const time of run(random, start, random.int(6, 10))) {
      const call: Call = random.pick([
        { source: 'dynamodb.amazonaws.com', name: 'DescribeTable', readOnly: true, request: { tableName: 'exports' } },
        { source: 'kms.amazonaws.com', name: 'GenerateDataKey', readOnly: true, request: { keySpec: 'AES_256' } },
        {
          source: 'sns.amazonaws.com',
          name: 'Publish',
          readOnly: false,
          request: { topicArn: `arn:aws:sns:${REGION}:${PROD}:exports-done` },
        },
      ]);
      log.add(time, cloudTrailEvent(random, time, identity, call, { ip: '54.229.40.91', userAgent: LAMBDA_BOTO3 }));
    }
  }

  const deployRole = inventoryNhi(
    world,
    (identity) =>
      identity.row.kind === 'CI_PIPELINE' && identity.row.system === 'aws' && identity.row.environment === 'production',
  );
  const deployName = deployRole.externalId.split('/').at(-1)!;
  const repo = deployName.replace('gha-deploy-', '');
  const provider = `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com`;
  for (const day of workdays(window)) {
    for (const start of [at(random, day, 10, 60), at(random, day, 15, 60)]) {
      const subject = `repo:acme/${repo}:ref:refs/heads/main`;
      log.add(
        start,
        cloudTrailEvent(
          random,
          start,
          {
            type: 'WebIdentityUser',
            principalId: `${provider}:sts.amazonaws.com:${subject}`,
            userName: subject,
            identityProvider: 'token.actions.githubusercontent.com',
          },
          {
            source: 'sts.amazonaws.com',
            name: 'AssumeRoleWithWebIdentity',
            readOnly: true,
            request: { roleArn: deployRole.externalId, roleSessionName: 'GitHubActions' },
          },
          { ip: '20.57.79.18', userAgent: AWS_SDK_JS_GITHUB },
        ),
      );
      const identity: JsonRecord = {
        type: 'AssumedRole',
        principalId: `AROA${random.upperAlnum(17)}:GitHubActions`,
        arn: `arn:aws:sts::${PROD}:assumed-role/${deployName}/GitHubActions`,
        accountId: PROD,
        accessKeyId: `ASIA${random.upperAlnum(16)}`,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: `AROA${random.upperAlnum(17)}`,
            arn: deployRole.externalId,
            accountId: PROD,
            userName: deployName,
          },
          webIdFederationData: { federatedProvider: provider, attributes: {} },
          attributes: { creationDate: isoSeconds(start), mfaAuthenticated: 'false' },
        },
      };
      for (const time of run(random, start + 20_000, 4)) {
        const call: Call = random.pick([
          { source: 'ecr.amazonaws.com', name: 'GetAuthorizationToken', readOnly: true, request: null },
          { source: 'ecs.amazonaws.com', name: 'RegisterTaskDefinition', readOnly: false, request: { family: repo } },
          {
            source: 'ecs.amazonaws.com',
            name: 'UpdateService',
            readOnly: false,
            request: { cluster: 'prod-eu-1', service: repo },
          },
        ]);
        log.add(
          time,
          cloudTrailEvent(random, time, identity, call, { ip: '20.57.79.18', userAgent: AWS_SDK_JS_GITHUB }),
        );
      }
    }
  }
  return log;
}

/** Discovered: an agent on an EC2 instance with its own instance role that nobody registered calls Bedrock. */
function shadowAgentRole(context: LogContext): ScenarioLog {
  const { window } = context;
  const random = context.random.fork('cloudtrail:shadow-agent');
  const log = new ScenarioLog({
    id: 'cloudtrail-shadow-agent',
    format: 'cloudtrail',
    kind: 'discovered',
    summary:
      'An agent on EC2 with its own instance role, bedrock-sales-research-agent, that the inventory does not know',
  });
  const roleName = 'bedrock-sales-research-agent';
  const roleArn = `arn:aws:iam::${PROD}:role/${roleName}`;
  const instanceId = `i-0${random.hex(16)}`;
  const start = window.to - 6 * DAY_MS;
  for (const time of paced(random, start, window.to - 2 * HOUR_MS, 0.8)) {
    const identity: JsonRecord = {
      type: 'AssumedRole',
      principalId: `AROA${random.upperAlnum(17)}:${instanceId}`,
      arn: `arn:aws:sts::${PROD}:assumed-role/${roleName}/${instanceId}`,
      accountId: PROD,
      accessKeyId: `ASIA${random.upperAlnum(16)}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROA${random.upperAlnum(17)}`,
          arn: roleArn,
          accountId: PROD,
          userName: roleName,
        },
        attributes: { creationDate: isoSeconds(time - random.int(1, 300) * MINUTE_MS), mfaAuthenticated: 'false' },
        ec2RoleDelivery: '2.0',
      },
    };
    const call: Call = random.pick([
      {
        source: 'bedrock.amazonaws.com',
        name: 'InvokeModel',
        readOnly: true,
        request: { modelId: 'eu.anthropic.claude-3-5-haiku-20241022-v1:0' },
      },
      {
        source: 'bedrock.amazonaws.com',
        name: 'Converse',
        readOnly: true,
        request: { modelId: 'eu.anthropic.claude-3-5-haiku-20241022-v1:0' },
      },
      { source: 's3.amazonaws.com', name: 'ListObjects', readOnly: true, request: { bucketName: 'acme-crm-exports' } },
    ]);
    log.add(time, cloudTrailEvent(random, time, identity, call, { ip: '3.252.17.96', userAgent: STRANDS_ON_EC2 }));
  }
  return log;
}

export function cloudTrailLogs(context: LogContext): FormatLogs {
  const agent = agentOnPersonsKey(context);
  const cron = cronOnPersonsKey(context);
  const onCall = onCallAtNight(context);
  const cli = briefCliUse(context);
  const machines = machinesWithTheirOwnCredentials(context);
  const shadow = shadowAgentRole(context);
  const trail = [agent, onCall, cli, machines, shadow];
  return {
    scenarios: [...trail, cron].map((log) => log.scenario),
    files: [
      fileOf(
        `cloudtrail/${PROD}_CloudTrail_${REGION}_20261130T0000Z_trail.json.gz`,
        'cloudtrail',
        'records',
        trail,
        true,
      ),
      fileOf(
        `cloudtrail/${PROD}_CloudTrail_${REGION}_20261130T0000Z_etl-host.json.gz`,
        'cloudtrail',
        'records',
        [cron],
        true,
      ),
    ],
  };
}
