import { REPOSITORIES } from '../catalog';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Random } from '../random';
import { at, paced, run, session, workdays } from './timeline';
import {
  fileOf,
  inventoryNhi,
  personAt,
  ScenarioLog,
  type FormatLogs,
  type JsonRecord,
  type LogContext,
} from './types';

/** GitHub Enterprise audit log as an audit log stream writes it: one event per line, times in epoch milliseconds. */

const BUSINESS = { business: 'acme-corp', business_id: 7431 };
const ORG = { org: 'acme', org_id: 90125 };
const OFFICE_IP = '198.51.100.23';
const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const MCP_SERVER = 'github-mcp-server/v0.24.1';
const GH_CLI = 'GitHub CLI 2.63.2';
const GIT = 'git/2.47.1';
const GH_CLI_OAUTH_APP = '178c6fc778ccc68e1d6a';

type Actor = { login: string; id: number; email: string | null };

function auditEvent(random: Random, time: number, actor: Actor, action: string, fields: JsonRecord): JsonRecord {
  return {
    '@timestamp': time,
    _document_id: random.base62(22),
    action,
    actor: actor.login,
    actor_id: actor.id,
    actor_is_bot: false,
    actor_location: { country_code: 'IE' },
    ...BUSINESS,
    created_at: time,
    ...ORG,
    ...(actor.email ? { external_identity_nameid: actor.email, external_identity_username: actor.email } : {}),
    ...fields,
  };
}

const loginOf = (person: { first: string; last: string }) =>
  `${person.first}-${person.last}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z-]+/g, '') + '-acme';

const WEB_ACTIONS = [
  'pull_request.merge',
  'pull_request_review.submit',
  'pull_request.create',
  'protected_branch.update',
  'repo.update_member',
];

/** A person's day on github.com: reviews, merges and settings in the browser, without a token. */
function webDay(log: ScenarioLog, random: Random, day: number, actor: Actor, count: number): void {
  for (const time of session(random, at(random, day, 9, 30), 480, count)) {
    const repo = `acme/${random.pick(REPOSITORIES)}`;
    log.add(
      time,
      auditEvent(random, time, actor, random.pick(WEB_ACTIONS), {
        repo,
        repo_id: random.int(400_000_000, 900_000_000),
        user_agent: CHROME,
        actor_ip: OFFICE_IP,
        operation_type: 'modify',
        request_category: 'other',
      }),
    );
  }
}

function apiRequest(
  random: Random,
  time: number,
  actor: Actor,
  request: { method: string; route: string; status: number; repo?: string },
  token: JsonRecord,
  client: { userAgent: string; ip: string },
): JsonRecord {
  return auditEvent(random, time, actor, 'api.request', {
    operation_type: 'access',
    request_category: 'api',
    request_method: request.method,
    route: request.route,
    status_code: request.status,
    ...(request.repo ? { repo: request.repo } : {}),
    request_id: `${random.hex(4).toUpperCase()}:${random.hex(5).toUpperCase()}:${random.hex(7).toUpperCase()}:${random.hex(7).toUpperCase()}:${random.hex(8).toUpperCase()}`,
    ...token,
    user_agent: client.userAgent,
    actor_ip: client.ip,
  });
}

const REVIEW_ROUTES = [
  { method: 'GET', route: '/repos/{owner}/{repo}/pulls', status: 200 },
  { method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}/files', status: 200 },
  { method: 'GET', route: '/repos/{owner}/{repo}/contents/{path}', status: 200 },
  { method: 'GET', route: '/search/issues', status: 200 },
  { method: 'POST', route: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', status: 200 },
  { method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', status: 201 },
];

function hashedToken(random: Random): string {
  return `${random.base62(43)}=`;
}

/**
 * Borrowed: a platform engineer's fine-grained personal access token sits in a coding agent's GitHub MCP server
 * on a cloud devbox, which reviews and comments on pull requests day and night; the engineer works on github.com
 * in the browser from the office.
 */
function agentOnPersonalAccessToken(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('github:agent-on-pat');
  const person = personAt(world, 'platform-2');
  const log = new ScenarioLog({
    id: 'github-agent-on-pat',
    format: 'github',
    kind: 'borrowed',
    summary: `${person.name}'s fine-grained personal access token used by a coding agent through the GitHub MCP server from a cloud devbox, day and night`,
  });
  const actor: Actor = { login: loginOf(person), id: random.int(10_000_000, 190_000_000), email: person.email };
  for (const day of workdays(window)) webDay(log, random, day, actor, random.int(6, 14));
  const token = {
    programmatic_access_type: 'Fine-grained personal access token',
    token_id: random.int(1_000_000, 9_999_999),
    hashed_token: hashedToken(random),
  };
  const devbox = ['3.249.201.18', '3.249.201.44'];
  const agentCall = (time: number) => {
    const request = random.pick(REVIEW_ROUTES);
    log.add(
      time,
      apiRequest(random, time, actor, { ...request, repo: `acme/${random.pick(REPOSITORIES)}` }, token, {
        userAgent: MCP_SERVER,
        ip: random.pick(devbox),
      }),
    );
  };
  const start = window.to - 4 * DAY_MS + 7 * HOUR_MS;
  for (const beat of paced(random, start, window.to - 3 * HOUR_MS, 1.2))
    run(random, beat, random.int(2, 4)).forEach(agentCall);
  for (const burst of [start + 4 * HOUR_MS, start + 29 * HOUR_MS, start + 52 * HOUR_MS])
    paced(random, burst, burst + 75 * MINUTE_MS, 45).forEach(agentCall);
  return log;
}

/** Look-alike: an engineer uses `gh` (its OAuth token) for a few commands in one sitting. */
function briefGhUse(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('github:brief-gh-use');
  const person = personAt(world, 'platform-4');
  const log = new ScenarioLog({
    id: 'github-brief-gh-use',
    format: 'github',
    kind: 'look-alike',
    summary: `${person.name} runs a handful of \`gh\` commands in one sitting with the GitHub CLI's OAuth token`,
  });
  const actor: Actor = { login: loginOf(person), id: random.int(10_000_000, 190_000_000), email: person.email };
  const days = workdays(window);
  for (const day of days) webDay(log, random, day, actor, random.int(4, 10));
  const token = {
    programmatic_access_type: 'OAuth access token',
    token_id: random.int(1_000_000, 9_999_999),
    hashed_token: hashedToken(random),
    oauth_application_id: GH_CLI_OAUTH_APP,
    oauth_application_name: 'GitHub CLI',
  };
  for (const time of session(random, at(random, days[5], 16, 30), 15, 11)) {
    const request = random.pick([
      { method: 'GET', route: '/repos/{owner}/{repo}/pulls', status: 200 },
      { method: 'GET', route: '/repos/{owner}/{repo}/actions/runs', status: 200 },
      { method: 'POST', route: '/graphql', status: 200 },
    ]);
    log.add(
      time,
      apiRequest(random, time, actor, { ...request, repo: 'acme/release-tools' }, token, {
        userAgent: GH_CLI,
        ip: OFFICE_IP,
      }),
    );
  }
  return log;
}

/** Look-alike: an engineer's git over HTTPS with their classic token, a few fetches and pushes a day from the office. */
function gitWithOwnToken(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('github:git-with-own-token');
  const person = personAt(world, 'payments-2');
  const log = new ScenarioLog({
    id: 'github-git-with-own-token',
    format: 'github',
    kind: 'look-alike',
    summary: `${person.name} clones, fetches and pushes with git over HTTPS using their own classic token, during working hours`,
  });
  const actor: Actor = { login: loginOf(person), id: random.int(10_000_000, 190_000_000), email: person.email };
  const token = {
    programmatic_access_type: 'Personal access token (classic)',
    token_id: random.int(1_000_000, 9_999_999),
    hashed_token: hashedToken(random),
  };
  for (const day of workdays(window)) {
    webDay(log, random, day, actor, random.int(2, 6));
    for (const time of session(random, at(random, day, 9.5, 20), 450, random.int(2, 5))) {
      const repo = `acme/${random.pick(['payments', 'ledger', 'payouts'])}`;
      log.add(
        time,
        auditEvent(random, time, actor, random.pick(['git.fetch', 'git.fetch', 'git.push', 'git.clone']), {
          repo,
          repository: repo,
          transport_protocol: 1,
          transport_protocol_name: 'http',
          repository_public: false,
          ...token,
          user_agent: GIT,
          actor_ip: OFFICE_IP,
        }),
      );
    }
  }
  return log;
}

function botEvent(
  random: Random,
  time: number,
  login: string,
  id: number,
  action: string,
  fields: JsonRecord,
): JsonRecord {
  return { ...auditEvent(random, time, { login, id, email: null }, action, fields), actor_is_bot: true };
}

/** Look-alikes: GitHub Apps with their own installation tokens, and the Copilot coding agent acting as itself for the person who started it. */
function appsAndAgents(context: LogContext): ScenarioLog {
  const { world, window } = context;
  const random = context.random.fork('github:apps-and-agents');
  const log = new ScenarioLog({
    id: 'github-apps-and-agents',
    format: 'github',
    kind: 'look-alike',
    summary:
      "A registered GitHub App and Dependabot working with their own tokens, and Copilot's coding agent acting as an agent for the engineer who assigned it",
  });
  const app = inventoryNhi(world, (identity) => identity.flavor === 'github-app' && identity.row.kind === 'BOT');
  const appLogin = `${app.name}[bot]`;
  const appId = Number(app.externalId.replace('app/', ''));
  for (const time of paced(random, window.from, window.to, 0.4)) {
    const request = random.pick([
      { method: 'GET', route: '/repos/{owner}/{repo}/deployments', status: 200 },
      { method: 'POST', route: '/repos/{owner}/{repo}/deployments', status: 201 },
      { method: 'POST', route: '/repos/{owner}/{repo}/statuses/{sha}', status: 201 },
    ]);
    log.add(time, {
      ...apiRequest(
        random,
        time,
        { login: appLogin, id: appId, email: null },
        { ...request, repo: `acme/${random.pick(REPOSITORIES)}` },
        { programmatic_access_type: 'GitHub App server-to-server token', integration_id: appId, integration: app.name },
        { userAgent: 'octokit.js/4.0.2 octokit-core.js/6.1.2 Node.js/22', ip: '140.82.115.10' },
      ),
      actor_is_bot: true,
    });
  }
  for (const day of workdays(window)) {
    for (const time of session(random, at(random, day, 6, 10), 30, random.int(2, 5)))
      log.add(
        time,
        botEvent(random, time, 'dependabot[bot]', 49699333, 'pull_request.create', {
          repo: `acme/${random.pick(REPOSITORIES)}`,
          actor_ip: '140.82.115.52',
          user_agent: 'dependabot-core/1.0',
        }),
      );
  }
  const engineer = personAt(world, 'platform-4');
  const assignedBy = loginOf(engineer);
  for (const day of workdays(window).filter(() => random.chance(0.5))) {
    const sessionId = random.uuid();
    for (const time of session(random, at(random, day, 11, 120), 40, random.int(8, 16))) {
      const action = random.pick(['git.push', 'pull_request.create', 'api.request']);
      log.add(time, {
        ...auditEvent(random, time, { login: 'Copilot', id: 198982749, email: null }, action, {
          repo: 'acme/release-tools',
          actor_ip: '4.207.199.31',
          user_agent: 'copilot-swe-agent/1.0',
        }),
        actor_is_agent: true,
        agent_session_id: sessionId,
        user: assignedBy,
        user_id: random.int(10_000_000, 190_000_000),
      });
    }
  }
  return log;
}

/** Discovered: a GitHub App nobody registered, reviewing pull requests with an LLM around the clock. */
function shadowApp(context: LogContext): ScenarioLog {
  const { window } = context;
  const random = context.random.fork('github:shadow-app');
  const log = new ScenarioLog({
    id: 'github-shadow-app',
    format: 'github',
    kind: 'discovered',
    summary:
      'A GitHub App, ai-pr-summarizer, that the inventory does not know, commenting on pull requests with its own token',
  });
  const appId = 1_204_377;
  for (const time of paced(random, window.to - 9 * DAY_MS, window.to - HOUR_MS, 0.6)) {
    const request = random.pick([
      { method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}/files', status: 200 },
      { method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', status: 201 },
    ]);
    log.add(time, {
      ...apiRequest(
        random,
        time,
        { login: 'ai-pr-summarizer[bot]', id: 201_337_451, email: null },
        { ...request, repo: `acme/${random.pick(REPOSITORIES)}` },
        {
          programmatic_access_type: 'GitHub App server-to-server token',
          integration_id: appId,
          integration: 'ai-pr-summarizer',
        },
        { userAgent: 'python-httpx/0.27.2', ip: '35.241.177.20' },
      ),
      actor_is_bot: true,
    });
  }
  return log;
}

export function githubLogs(context: LogContext): FormatLogs {
  const logs = [
    agentOnPersonalAccessToken(context),
    briefGhUse(context),
    gitWithOwnToken(context),
    appsAndAgents(context),
    shadowApp(context),
  ];
  return {
    scenarios: logs.map((log) => log.scenario),
    files: [fileOf('github/audit-log-stream.ndjson', 'github', 'ndjson', logs)],
  };
}
