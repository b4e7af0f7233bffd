import { DAY_MS, HOUR_MS, MINUTE_MS, type Random } from '../random';
import { at, isoTicks, paced, session, workdays } from './timeline';
import {
  fileOf,
  inventoryNhi,
  personAt,
  ScenarioLog,
  type FormatLogs,
  type JsonRecord,
  type LogContext,
} from './types';

/** Microsoft Entra sign-in logs as diagnostic settings write them to a storage account: one record per line. */

const TENANT = '8f3b2c1d-5e6f-4a7b-9c8d-1e2f3a4b5c6d';
const OFFICE_IP = '198.51.100.23';
const HOME_IP = '203.0.113.19';
const EDGE =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
const TEAMS_DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0 Teams/24335.208.3315.1951';
const AZURE_IDENTITY_ON_VM =
  'azsdk-python-identity/1.19.0 Python/3.12.7 (Linux-6.8.0-1017-azure-x86_64-with-glibc2.39)';
const AZURE_CLI = 'python-requests/2.32.3 AZURECLI/2.67.0 (MSI)';
const MSAL_DOTNET = 'MSAL.NetCore/4.66.2.0 (Linux 5.15.0-1074-azure #83-Ubuntu)';

const APPS = {
  teams: { id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', name: 'Microsoft Teams' },
  officeHome: { id: '4765445b-32c6-49b0-83e6-1d93765276ca', name: 'OfficeHome' },
  outlook: { id: '00000002-0000-0ff1-ce00-000000000000', name: 'Office 365 Exchange Online' },
  azureCli: { id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', name: 'Microsoft Azure CLI' },
  inboxCopilot: { id: '6c2e8f14-93ab-4d0e-b7f5-2a1c9e8d4b36', name: 'Support Inbox Copilot (POC)' },
};
const GRAPH = { id: '00000003-0000-0000-c000-000000000000', name: 'Microsoft Graph' };

type User = { id: string; upn: string; name: string };
type SignIn = {
  category: 'SignInLogs' | 'NonInteractiveUserSignInLogs' | 'ServicePrincipalSignInLogs' | 'ManagedIdentitySignInLogs';
  app: { id: string; name: string };
  resource?: { id: string; name: string };
  ip: string;
  userAgent?: string;
  clientAppUsed?: string;
  mfa?: boolean;
  session?: string;
  location?: { city: string; countryOrRegion: string };
};

function record(random: Random, time: number, signIn: SignIn, who: JsonRecord, extra: JsonRecord = {}): JsonRecord {
  const created = isoTicks(random, time);
  const correlationId = random.uuid();
  const user = signIn.category === 'SignInLogs' || signIn.category === 'NonInteractiveUserSignInLogs';
  const resource = signIn.resource ?? GRAPH;
  return {
    time: created,
    resourceId: `/tenants/${TENANT}/providers/Microsoft.aadiam`,
    operationName: 'Sign-in activity',
    operationVersion: '1.0',
    category: signIn.category,
    tenantId: TENANT,
    resultType: '0',
    resultSignature: 'None',
    durationMs: 0,
    callerIpAddress: signIn.ip,
    correlationId,
    identity: (who.userDisplayName ?? who.servicePrincipalName) as string,
    Level: 4,
    location: (signIn.location ?? { countryOrRegion: 'IE' }).countryOrRegion,
    properties: {
      id: random.uuid(),
      createdDateTime: created.replace('Z', '+00:00'),
      correlationId,
      ...who,
      appId: signIn.app.id,
      appDisplayName: signIn.app.name,
      ipAddress: signIn.ip,
      ...(user
        ? {
            clientAppUsed: signIn.clientAppUsed ?? 'Browser',
            userAgent: signIn.userAgent,
            isInteractive: signIn.category === 'SignInLogs',
            signInEventTypes: [signIn.category === 'SignInLogs' ? 'interactiveUser' : 'nonInteractiveUser'],
            authenticationRequirement: signIn.mfa ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
            ...(signIn.category === 'SignInLogs'
              ? {
                  authenticationDetails: [
                    { authenticationMethod: 'Password', succeeded: true },
                    ...(signIn.mfa ? [{ authenticationMethod: 'Mobile app notification', succeeded: true }] : []),
                  ],
                }
              : { incomingTokenType: 'refreshToken' }),
            sessionId: signIn.session ?? random.uuid(),
            uniqueTokenIdentifier: random.base62(22),
            userType: 'Member',
          }
        : {
            isInteractive: false,
            signInEventTypes: [
              signIn.category === 'ManagedIdentitySignInLogs' ? 'managedIdentity' : 'servicePrincipal',
            ],
          }),
      status: { errorCode: 0 },
      resourceDisplayName: resource.name,
      resourceId: resource.id,
      location: { city: 'Dublin', state: 'Dublin', countryOrRegion: 'IE', ...signIn.location },
      conditionalAccessStatus: user ? 'success' : 'notApplied',
      riskLevelDuringSignIn: 'none',
      riskState: 'none',
      ...extra,
    },
  };
}

function userFields(user: User): JsonRecord {
  return { userId: user.id, userPrincipalName: user.upn, userDisplayName: user.name };
}

function userOf(random: Random, person: { email: string; name: string }): User {
  return { id: random.uuid(), upn: person.email, name: person.name };
}

/** A person's day with Microsoft 365: one interactive sign-in with MFA, then Teams and Office refreshing tokens in the background. */
function officeDay(
  log: ScenarioLog,
  random: Random,
  day: number,
  user: User,
  options: { start: number; ip: string },
): void {
  const start = at(random, day, options.start, 25);
  const sessionId = random.uuid();
  log.add(
    start,
    record(
      random,
      start,
      {
        category: 'SignInLogs',
        app: APPS.officeHome,
        resource: APPS.officeHome,
        ip: options.ip,
        userAgent: EDGE,
        mfa: true,
        session: sessionId,
      },
      userFields(user),
      { deviceDetail: { browser: 'Edge 131.0.0', operatingSystem: 'Windows10' } },
    ),
  );
  for (const time of paced(random, start + 10 * MINUTE_MS, start + 8 * HOUR_MS, 0.3)) {
    const app = random.pick([APPS.teams, APPS.outlook]);
    log.add(
      time,
      record(
        random,
        time,
        {
          category: 'NonInteractiveUserSignInLogs',
          app,
          ip: options.ip,
          userAgent: TEAMS_DESKTOP,
          clientAppUsed: 'Mobile Apps and Desktop clients',
          mfa: true,
          session: sessionId,
        },
        userFields(user),
      ),
    );
  }
}

/**
 * Borrowed: a support engineer's refresh token, taken by a mailbox agent prototype on an Azure VM, is redeemed
 * without the engineer: every few minutes day and night and at machine pace while it works through the queue.
 */
function agentOnRefreshToken(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('entra:agent-on-refresh-token');
  const person = personAt(world, 'support-2');
  const log = new ScenarioLog({
    id: 'entra-agent-on-refresh-token',
    format: 'entra',
    kind: 'borrowed',
    summary: `${person.name}'s sign-in redeemed non-interactively by "Support Inbox Copilot (POC)", an app running the Azure identity SDK on a VM, day and night`,
  });
  const user = userOf(random, person);
  for (const day of workdays(window)) officeDay(log, random, day, user, { start: 8, ip: OFFICE_IP });
  const sessionId = random.uuid();
  const agentSignIn = (time: number) =>
    log.add(
      time,
      record(
        random,
        time,
        {
          category: 'NonInteractiveUserSignInLogs',
          app: APPS.inboxCopilot,
          ip: '20.105.216.41',
          userAgent: AZURE_IDENTITY_ON_VM,
          clientAppUsed: 'Mobile Apps and Desktop clients',
          session: sessionId,
          location: { city: 'Amsterdam', countryOrRegion: 'NL' },
        },
        userFields(user),
      ),
    );
  const start = window.to - 4 * DAY_MS + 10 * HOUR_MS;
  paced(random, start, window.to - 2 * HOUR_MS, 2).forEach(agentSignIn);
  for (const busy of [start + 3 * HOUR_MS, start + 27 * HOUR_MS, start + 51 * HOUR_MS])
    paced(random, busy, busy + 70 * MINUTE_MS, 40).forEach(agentSignIn);
  return log;
}

/** Look-alikes: people on Teams and Outlook all day, an on-call engineer signing in at night, and a few Azure CLI commands. */
function peopleAtWork(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('entra:people-at-work');
  const log = new ScenarioLog({
    id: 'entra-people-at-work',
    format: 'entra',
    kind: 'look-alike',
    summary:
      "People on Teams and Outlook all day (their apps refresh tokens in the background), a security engineer signing in from home at 02:30 when paged, and an SRE's few Azure CLI commands",
  });
  const days = workdays(window);
  const office = [personAt(world, 'revops-1'), personAt(world, 'finance-1')].map((person) => userOf(random, person));
  for (const user of office) for (const day of days) officeDay(log, random, day, user, { start: 8.5, ip: OFFICE_IP });
  const onCall = userOf(random, personAt(world, 'security-2'));
  for (const day of days) officeDay(log, random, day, onCall, { start: 8.75, ip: OFFICE_IP });
  for (const night of [days[2] + DAY_MS, days[6] + DAY_MS]) {
    const time = night + 2.5 * HOUR_MS + random.int(0, 10) * MINUTE_MS;
    log.add(
      time,
      record(
        random,
        time,
        {
          category: 'SignInLogs',
          app: { id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', name: 'Azure Portal' },
          ip: HOME_IP,
          userAgent: EDGE,
          mfa: true,
        },
        userFields(onCall),
      ),
    );
  }
  const sre = userOf(random, personAt(world, 'sre-3'));
  for (const day of days) officeDay(log, random, day, sre, { start: 9, ip: OFFICE_IP });
  for (const time of session(random, at(random, days[3], 14, 30), 20, 7))
    log.add(
      time,
      record(
        random,
        time,
        {
          category: 'NonInteractiveUserSignInLogs',
          app: APPS.azureCli,
          resource: { id: '797f4846-ba00-4fd7-ba43-dac1f8f63013', name: 'Windows Azure Service Management API' },
          ip: OFFICE_IP,
          userAgent: AZURE_CLI,
          clientAppUsed: 'Mobile Apps and Desktop clients',
          mfa: true,
        },
        userFields(sre),
      ),
    );
  return log;
}

/** Look-alikes: a service principal with its own secret, a managed identity, CI through a federated credential, and agent identities. */
function machinesAndAgents(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('entra:machines-and-agents');
  const log = new ScenarioLog({
    id: 'entra-machines-and-agents',
    format: 'entra',
    kind: 'look-alike',
    summary:
      'A registered service principal with its own secret, a managed identity, GitHub Actions through a federated credential, and an Entra agent identity working alone and for a user',
  });
  const principal = inventoryNhi(
    world,
    (identity) =>
      identity.flavor === 'entra-service-principal' &&
      identity.row.kind === 'SERVICE_ACCOUNT' &&
      identity.row.environment === 'production',
  );
  const appId = random.uuid();
  const keyId = random.uuid();
  for (const time of paced(random, window.from, window.to, 0.3))
    log.add(
      time,
      record(
        random,
        time,
        { category: 'ServicePrincipalSignInLogs', app: { id: appId, name: principal.name }, ip: '20.54.10.7' },
        { servicePrincipalId: principal.externalId, servicePrincipalName: principal.name },
        { clientCredentialType: 'clientSecret', servicePrincipalCredentialKeyId: keyId },
      ),
    );

  const managed = { id: random.uuid(), name: 'func-invoice-export-prod' };
  for (const time of paced(random, window.from, window.to, 0.2))
    log.add(
      time,
      record(
        random,
        time,
        {
          category: 'ManagedIdentitySignInLogs',
          app: { id: random.uuid(), name: managed.name },
          resource: { id: 'e406a681-f3d4-42a8-90b6-c2b029497af1', name: 'Azure Storage' },
          ip: '',
        },
        { servicePrincipalId: managed.id, servicePrincipalName: managed.name },
        { clientCredentialType: 'managedIdentity', managedIdentityType: 'systemAssigned' },
      ),
    );

  const ci = inventoryNhi(
    world,
    (identity) =>
      identity.flavor === 'entra-service-principal' &&
      identity.row.kind === 'INTEGRATION' &&
      identity.row.environment === 'production',
  );
  const federatedCredentialId = random.uuid();
  for (const day of workdays(window))
    for (const time of [at(random, day, 10, 60), at(random, day, 16, 60)])
      log.add(
        time,
        record(
          random,
          time,
          {
            category: 'ServicePrincipalSignInLogs',
            app: { id: random.uuid(), name: ci.name },
            resource: { id: '797f4846-ba00-4fd7-ba43-dac1f8f63013', name: 'Windows Azure Service Management API' },
            ip: '20.57.79.18',
          },
          { servicePrincipalId: ci.externalId, servicePrincipalName: ci.name },
          { clientCredentialType: 'federatedIdentityCredential', federatedCredentialId },
        ),
      );

  const agent = inventoryNhi(
    world,
    (identity) =>
      identity.row.system === 'entra' && identity.row.kind === 'AI_AGENT' && identity.row.environment === 'production',
  );
  const blueprint = random.uuid();
  const agentFields = { servicePrincipalId: agent.externalId, servicePrincipalName: agent.name };
  const agentInfo = {
    agent: { agentType: 'agenticAppInstance', agentSubjectType: 'agenticAppInstance', agentSubjectParentId: blueprint },
  };
  for (const time of paced(random, window.from, window.to, 0.3))
    log.add(
      time,
      record(
        random,
        time,
        {
          category: 'ServicePrincipalSignInLogs',
          app: { id: agent.externalId, name: agent.name },
          ip: '20.105.216.90',
        },
        agentFields,
        { clientCredentialType: 'federatedIdentityCredential', ...agentInfo },
      ),
    );
  const requester = userOf(random, personAt(world, 'it-2'));
  for (const day of workdays(window))
    for (const time of session(random, at(random, day, 10, 60), 240, random.int(3, 8)))
      log.add(
        time,
        record(
          random,
          time,
          {
            category: 'NonInteractiveUserSignInLogs',
            app: { id: agent.externalId, name: agent.name },
            ip: '20.105.216.90',
            userAgent: MSAL_DOTNET,
            clientAppUsed: 'Mobile Apps and Desktop clients',
          },
          { ...userFields(requester), ...agentFields },
          agentInfo,
        ),
      );
  return log;
}

/** Discovered: a service principal nobody registered, a Copilot Studio agent's app, signing in with a secret. */
function shadowServicePrincipal(context: LogContext): ScenarioLog {
  const { window } = context;
  const random = context.random.fork('entra:shadow-service-principal');
  const log = new ScenarioLog({
    id: 'entra-shadow-service-principal',
    format: 'entra',
    kind: 'discovered',
    summary:
      'A service principal, copilot-studio-sales-agent, that the inventory does not know, signing in with its own secret',
  });
  const id = random.uuid();
  const appId = random.uuid();
  const keyId = random.uuid();
  for (const time of paced(random, window.to - 7 * DAY_MS, window.to - HOUR_MS, 0.4))
    log.add(
      time,
      record(
        random,
        time,
        {
          category: 'ServicePrincipalSignInLogs',
          app: { id: appId, name: 'copilot-studio-sales-agent' },
          ip: '20.61.77.130',
        },
        { servicePrincipalId: id, servicePrincipalName: 'copilot-studio-sales-agent' },
        { clientCredentialType: 'clientSecret', servicePrincipalCredentialKeyId: keyId },
      ),
    );
  return log;
}

export function entraLogs(context: LogContext): FormatLogs {
  const users = [agentOnRefreshToken(context), peopleAtWork(context)];
  const machines = [machinesAndAgents(context), shadowServicePrincipal(context)];
  return {
    scenarios: [...users, ...machines].map((log) => log.scenario),
    files: [
      fileOf('entra/user-sign-ins.ndjson', 'entra', 'ndjson', users),
      fileOf('entra/service-principal-sign-ins.ndjson', 'entra', 'ndjson', machines),
    ],
  };
}
