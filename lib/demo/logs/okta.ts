import { DAY_MS, HOUR_MS, MINUTE_MS, type Random } from '../random';
import { at, iso, paced, session, workdays } from './timeline';
import {
  fileOf,
  inventoryNhi,
  personAt,
  ScenarioLog,
  type FormatLogs,
  type JsonRecord,
  type LogContext,
} from './types';

/** Okta System Log: LogEvents as the System Log API returns them (a JSON array) and as a log stream writes them (one per line). */

const OFFICE_IP = '198.51.100.23';
const HOME_IP = '203.0.113.52';
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';
const OKTA_SDK = 'okta-sdk-python/2.9.8 python/3.11.10 Linux/6.1.0-27-cloud-amd64';
const CURL = 'curl/8.7.1';
const PYTHON_REQUESTS = 'python-requests/2.32.3';

type Actor = { id: string; type: string; alternateId: string; displayName: string };
type Client = {
  ip: string;
  userAgent: string;
  browser: string;
  os: string;
  device: string;
  city: string;
  country: string;
};

const OFFICE: Omit<Client, 'userAgent' | 'browser' | 'os'> = {
  ip: OFFICE_IP,
  device: 'Computer',
  city: 'Dublin',
  country: 'Ireland',
};
const GCP_VM: Omit<Client, 'userAgent' | 'browser' | 'os'> = {
  ip: '34.76.212.40',
  device: 'Unknown',
  city: 'Saint-Ghislain',
  country: 'Belgium',
};

function oktaId(random: Random, prefix: string): string {
  return `${prefix}${random.base62(17)}`;
}

function logEvent(
  random: Random,
  time: number,
  actor: Actor,
  event: {
    type: string;
    display: string;
    result?: string;
    target?: JsonRecord[];
    transaction?: JsonRecord;
    session?: string;
    credentialType?: string;
  },
  client: Client,
): JsonRecord {
  const requestId = random.base62(27);
  return {
    uuid: random.uuid(),
    published: iso(time),
    eventType: event.type,
    version: '0',
    severity: 'INFO',
    legacyEventType: null,
    displayMessage: event.display,
    actor: { ...actor, detailEntry: null },
    client: {
      userAgent: { rawUserAgent: client.userAgent, os: client.os, browser: client.browser },
      zone: 'null',
      device: client.device,
      id: null,
      ipAddress: client.ip,
      geographicalContext: {
        city: client.city,
        state: null,
        country: client.country,
        postalCode: null,
        geolocation: null,
      },
    },
    outcome: { result: event.result ?? 'SUCCESS', reason: null },
    target: event.target ?? [],
    transaction: event.transaction ?? { type: 'WEB', id: requestId, detail: {} },
    debugContext: { debugData: { requestId, requestUri: '/api/v1/', url: '/api/v1/?' } },
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: null,
      credentialType: event.credentialType ?? null,
      issuer: null,
      interface: null,
      authenticationStep: 0,
      externalSessionId: event.session ?? 'unknown',
    },
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: false },
    request: { ipChain: [{ ip: client.ip, geographicalContext: null, version: 'V4', source: null }] },
  };
}

function userActor(random: Random, person: { email: string; name: string }): Actor {
  return { id: oktaId(random, '00u'), type: 'User', alternateId: person.email, displayName: person.name };
}

function userTarget(random: Random): JsonRecord {
  return {
    id: oktaId(random, '00u'),
    type: 'User',
    alternateId: `${random.pick(['new.hire', 'contractor', 'intern'])}${random.int(100, 999)}@acme.example`,
    displayName: 'Directory user',
    detailEntry: null,
  };
}

function groupTarget(random: Random): JsonRecord {
  return {
    id: oktaId(random, '00g'),
    type: 'UserGroup',
    alternateId: 'unknown',
    displayName: random.pick([
      'Engineering',
      'GitHub Enterprise - Members',
      'AWS - ReadOnly',
      'Slack - Everyone',
      'Payments',
    ]),
    detailEntry: null,
  };
}

/** A person's working day in a browser: a session started with MFA, then single sign-on into their apps. */
function browserDay(
  log: ScenarioLog,
  random: Random,
  start: number,
  actor: Actor,
  client: Client,
  signOns: number,
): void {
  const sessionId = `102${random.base62(22)}`;
  log.add(
    start,
    logEvent(
      random,
      start,
      actor,
      { type: 'user.session.start', display: 'User login to Okta', session: sessionId, credentialType: 'PASSWORD' },
      client,
    ),
  );
  const mfa = start + random.int(5_000, 30_000);
  log.add(
    mfa,
    logEvent(
      random,
      mfa,
      actor,
      {
        type: 'user.authentication.auth_via_mfa',
        display: 'Authentication of user via MFA',
        session: sessionId,
        credentialType: 'OKTA_VERIFY_PUSH',
      },
      client,
    ),
  );
  for (const time of session(random, mfa + MINUTE_MS, random.int(120, 480), signOns)) {
    const app = random.pick([
      'Slack',
      'GitHub Enterprise Cloud',
      'AWS IAM Identity Center',
      'Jira Cloud',
      'Google Workspace',
    ]);
    log.add(
      time,
      logEvent(
        random,
        time,
        actor,
        {
          type: 'user.authentication.sso',
          display: 'User single sign on to app',
          session: sessionId,
          target: [
            { id: oktaId(random, '0oa'), type: 'AppInstance', alternateId: app, displayName: app, detailEntry: null },
          ],
        },
        client,
      ),
    );
  }
}

const CHROME_CLIENT = (ip: typeof OFFICE): Client => ({
  ...ip,
  userAgent: CHROME_WINDOWS,
  browser: 'CHROME',
  os: 'Windows 10',
});

/**
 * Borrowed: an IT administrator's own API token drives a nightly HR sync script from a cloud VM, updating profiles
 * and group memberships at a pace no one keeps by hand; the administrator signs in with MFA every working day.
 */
function scriptOnApiToken(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('okta:script-on-api-token');
  const person = personAt(world, 'it-admin');
  const log = new ScenarioLog({
    id: 'okta-script-on-api-token',
    format: 'okta',
    kind: 'borrowed',
    summary: `${person.name}'s Okta API token (SSWS) drives a nightly HR sync script from a cloud VM at about 50 changes an hour`,
  });
  const actor = userActor(random, person);
  for (const day of workdays(window))
    browserDay(log, random, at(random, day, 8.25, 20), actor, CHROME_CLIENT(OFFICE), random.int(2, 5));
  const tokenId = oktaId(random, '00T');
  const script: Client = { ...GCP_VM, userAgent: OKTA_SDK, browser: 'UNKNOWN', os: 'Linux' };
  const changes = [
    { type: 'user.account.update_profile', display: 'Update user profile for Okta', target: userTarget },
    { type: 'group.user_membership.add', display: 'Add user to group membership', target: groupTarget },
    { type: 'group.user_membership.remove', display: 'Remove user from group membership', target: groupTarget },
  ];
  for (let night = 0; night < 4; night += 1) {
    const start = window.to - (4 - night) * DAY_MS + HOUR_MS + random.int(0, 10) * MINUTE_MS;
    for (const time of paced(random, start, start + 80 * MINUTE_MS, 50)) {
      const change = random.pick(changes);
      log.add(
        time,
        logEvent(
          random,
          time,
          actor,
          {
            type: change.type,
            display: change.display,
            target: [change.target(random)],
            transaction: { type: 'WEB', id: random.base62(27), detail: { requestApiTokenId: tokenId } },
          },
          script,
        ),
      );
    }
  }
  return log;
}

/** Look-alike: a security engineer, paged at 03:00, signs in from home and works in the admin console. */
function onCallAtNight(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('okta:on-call-at-night');
  const person = personAt(world, 'security-1');
  const log = new ScenarioLog({
    id: 'okta-on-call-at-night',
    format: 'okta',
    kind: 'look-alike',
    summary: `${person.name}, on call, signs in from home at 03:00 with MFA and works in the Okta admin console in Safari`,
  });
  const actor = userActor(random, person);
  const days = workdays(window);
  for (const day of days)
    browserDay(log, random, at(random, day, 8.75, 30), actor, CHROME_CLIENT(OFFICE), random.int(2, 4));
  const home: Client = {
    ip: HOME_IP,
    userAgent: SAFARI_MAC,
    browser: 'SAFARI',
    os: 'Mac OS X',
    device: 'Computer',
    city: 'Dublin',
    country: 'Ireland',
  };
  for (const night of [days[1] + DAY_MS, days[8] + DAY_MS]) {
    const start = night + 3 * HOUR_MS + random.int(0, 15) * MINUTE_MS;
    browserDay(log, random, start, actor, home, 2);
    for (const time of session(random, start + 5 * MINUTE_MS, 60, random.int(12, 20)))
      log.add(
        time,
        logEvent(
          random,
          time,
          actor,
          {
            type: random.pick(['user.session.clear', 'user.mfa.factor.reset_all', 'user.account.lock']),
            display: 'Admin action on user',
            target: [userTarget(random)],
          },
          home,
        ),
      );
  }
  return log;
}

/** Look-alike: an IT engineer tries their own API token with curl, six calls in ten minutes. */
function briefApiTokenUse(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('okta:brief-api-token-use');
  const person = personAt(world, 'it-1');
  const log = new ScenarioLog({
    id: 'okta-brief-api-token-use',
    format: 'okta',
    kind: 'look-alike',
    summary: `${person.name} tries their own API token with curl from the office: a few calls in ten minutes`,
  });
  const actor = userActor(random, person);
  const days = workdays(window);
  for (const day of days)
    browserDay(log, random, at(random, day, 8.5, 30), actor, CHROME_CLIENT(OFFICE), random.int(2, 4));
  const tokenId = oktaId(random, '00T');
  const curl: Client = { ...OFFICE, userAgent: CURL, browser: 'UNKNOWN', os: 'Unknown' };
  for (const time of session(random, at(random, days[4], 14, 20), 10, 6))
    log.add(
      time,
      logEvent(
        random,
        time,
        actor,
        {
          type: 'group.user_membership.add',
          display: 'Add user to group membership',
          target: [groupTarget(random)],
          transaction: { type: 'WEB', id: random.base62(27), detail: { requestApiTokenId: tokenId } },
        },
        curl,
      ),
    );
  return log;
}

/** Look-alikes: a registered OAuth service app with its own client credentials, and Okta's own system jobs. */
function machinesWithTheirOwnCredentials(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('okta:machines');
  const log = new ScenarioLog({
    id: 'okta-machines',
    format: 'okta',
    kind: 'look-alike',
    summary:
      "A registered OAuth service app working with its own client credentials around the clock, and Okta's own system jobs",
  });
  const app = inventoryNhi(
    world,
    (identity) =>
      identity.flavor === 'okta-service-app' &&
      identity.row.kind === 'SERVICE_ACCOUNT' &&
      identity.row.environment === 'production',
  );
  const actor: Actor = {
    id: app.externalId,
    type: 'PublicClientApp',
    alternateId: app.externalId,
    displayName: app.name,
  };
  const client: Client = {
    ip: '35.205.14.71',
    userAgent: PYTHON_REQUESTS,
    browser: 'UNKNOWN',
    os: 'Unknown',
    device: 'Unknown',
    city: 'Saint-Ghislain',
    country: 'Belgium',
  };
  for (const time of paced(random, window.from, window.to, 0.5)) {
    const granted = random.chance(0.25);
    log.add(
      time,
      logEvent(
        random,
        time,
        actor,
        granted
          ? {
              type: 'app.oauth2.as.token.grant.access_token',
              display: 'OAuth2 access token is granted',
              target: [
                {
                  id: random.base62(20),
                  type: 'access_token',
                  alternateId: 'okta.users.read',
                  displayName: 'Access Token',
                  detailEntry: null,
                },
              ],
            }
          : {
              type: 'user.account.update_profile',
              display: 'Update user profile for Okta',
              target: [userTarget(random)],
            },
        client,
      ),
    );
  }
  const system: Actor = {
    id: oktaId(random, '0oa'),
    type: 'SystemPrincipal',
    alternateId: 'system@okta.com',
    displayName: 'Okta System',
  };
  const none: Client = {
    ip: '',
    userAgent: '',
    browser: 'UNKNOWN',
    os: 'Unknown',
    device: 'Unknown',
    city: '',
    country: '',
  };
  for (const time of paced(random, window.from, window.to, 0.1))
    log.add(time, {
      ...logEvent(
        random,
        time,
        system,
        {
          type: 'user.lifecycle.deactivate',
          display: 'Deactivate Okta user',
          target: [userTarget(random)],
          transaction: { type: 'JOB', id: random.base62(27), detail: {} },
        },
        none,
      ),
      client: { userAgent: null, zone: null, device: null, id: null, ipAddress: null, geographicalContext: null },
    });
  return log;
}

/** Discovered: an OAuth service app nobody registered (a low-code automation) acting with its own token. */
function shadowServiceApp(context: LogContext): ScenarioLog {
  const { window } = context;
  const random = context.random.fork('okta:shadow-app');
  const log = new ScenarioLog({
    id: 'okta-shadow-app',
    format: 'okta',
    kind: 'discovered',
    summary:
      'An OAuth service app, n8n-okta-automation, that the inventory does not know, changing users with its own token',
  });
  const actor: Actor = {
    id: oktaId(random, '0oa'),
    type: 'PublicClientApp',
    alternateId: 'n8n-okta-automation',
    displayName: 'n8n-okta-automation',
  };
  const client: Client = {
    ip: '52.58.31.190',
    userAgent: 'axios/1.7.7',
    browser: 'UNKNOWN',
    os: 'Unknown',
    device: 'Unknown',
    city: 'Frankfurt am Main',
    country: 'Germany',
  };
  for (const time of paced(random, window.to - 8 * DAY_MS, window.to - HOUR_MS, 0.4))
    log.add(
      time,
      logEvent(
        random,
        time,
        actor,
        { type: 'user.account.update_profile', display: 'Update user profile for Okta', target: [userTarget(random)] },
        client,
      ),
    );
  return log;
}

export function oktaLogs(context: LogContext): FormatLogs {
  const logs = [scriptOnApiToken(context), onCallAtNight(context), briefApiTokenUse(context)];
  const machines = [machinesWithTheirOwnCredentials(context), shadowServiceApp(context)];
  return {
    scenarios: [...logs, ...machines].map((log) => log.scenario),
    files: [
      fileOf('okta/system-log-api.json', 'okta', 'array', logs),
      fileOf('okta/log-stream.ndjson', 'okta', 'ndjson', machines),
    ],
  };
}
