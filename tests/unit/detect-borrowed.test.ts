import { describe, expect, it } from 'vitest';
import { clientClassifier, DEFAULT_CLIENT_RULES, detectBorrowedCredentials } from '@/lib/detect/borrowed';
import type { BorrowedCase, DetectionInventory } from '@/lib/detect/borrowed';
import {
  githubApiRequest,
  githubUser,
  githubWeb,
  MINUTE,
  oktaSignIn,
  oktaUser,
  series,
  T0,
  UA,
} from '@/tests/fixtures/detect/events';
import { inventoryOf, labelledScenarios, NOW, type Scenario } from '@/tests/fixtures/detect/scenarios';

const scenarios = labelledScenarios();

function run(scenario: Scenario, inventory: Partial<DetectionInventory> = {}): BorrowedCase[] {
  return detectBorrowedCredentials(scenario.events, { ...inventoryOf(scenario), ...inventory }, { now: NOW });
}

const flaggedOf = (cases: BorrowedCase[]) => cases.filter((found) => found.flagged);

describe('borrowed credentials: labelled scenarios in each format', () => {
  it.each(scenarios.filter((scenario) => scenario.borrowed).map((scenario) => [scenario.name, scenario] as const))(
    'flags %s',
    (_name, scenario) => {
      const flagged = flaggedOf(run(scenario));
      expect(flagged).toHaveLength(1);
      const [found] = flagged;
      expect(found.confidence).toBe(scenario.expect);
      expect(found.reasons.some((reason) => reason.weight > 0)).toBe(true);
      expect(found.evidence.some((event) => event.role === 'automation')).toBe(true);
      const events = new Map(scenario.events.map((event, index) => [index, event]));
      for (const item of found.evidence) expect(events.get(item.index)?.sourceEventId).toBe(item.sourceEventId);
      for (const item of found.evidence) expect(item.note).toMatch(/^[a-z][\w ,'/-]*$/);
    },
  );

  it.each(scenarios.filter((scenario) => !scenario.borrowed).map((scenario) => [scenario.name, scenario] as const))(
    'leaves alone %s',
    (_name, scenario) => {
      const cases = run(scenario);
      expect(flaggedOf(cases)).toEqual([]);
      if (scenario.lowAllowed) expect(cases.every((found) => found.confidence === 'low')).toBe(true);
      else expect(cases).toEqual([]);
    },
  );

  it('finds the same cases when every scenario is in one import', () => {
    const everything = scenarios.flatMap((scenario) => scenario.events);
    const inventory: DetectionInventory = {
      people: [],
      nhis: scenarios.flatMap((scenario) => scenario.inventory?.nhis ?? []),
      credentials: scenarios.flatMap((scenario) => scenario.inventory?.credentials ?? []),
      suppressions: [],
    };
    const together = detectBorrowedCredentials(everything, inventory, { now: NOW });
    const apart = scenarios.flatMap((scenario) => run(scenario));
    const summary = (cases: BorrowedCase[]) =>
      cases.map((found) => `${found.id} ${found.confidence} ${found.flagged}`).sort();
    expect(summary(together)).toEqual(summary(apart));
  });

  it('measures precision and recall over the whole labelled set', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const scenario of scenarios) {
      const flagged = flaggedOf(run(scenario)).length > 0;
      if (flagged && scenario.borrowed) truePositives++;
      if (flagged && !scenario.borrowed) falsePositives++;
      if (!flagged && scenario.borrowed) falseNegatives++;
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.info(
      `borrowed-credential detection on ${scenarios.length} labelled scenarios: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} (TP ${truePositives}, FP ${falsePositives}, FN ${falseNegatives})`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});

function scenarioNamed(fragment: string): Scenario {
  const found = scenarios.find((scenario) => scenario.name.includes(fragment));
  if (!found) throw new Error(`no scenario ${fragment}`);
  return found;
}

describe('a borrowed-credential case', () => {
  const boto3 = scenarioNamed('boto3 at machine rate');
  const [found] = flaggedOf(run(boto3));

  it('names the person, the key, the clients and the span it covers', () => {
    expect(found.human.label).toBe('bob.martin');
    expect(found.human.externalIds).toEqual(['arn:aws:iam::111122223333:user/bob.martin']);
    expect(found.credential).toMatchObject({ kind: 'long_lived_access_key', externalId: 'AKIAIOSFODNN7BOB00001' });
    expect(found.agents).toEqual([
      expect.objectContaining({ family: 'boto3', clientClass: 'sdk', userAgent: UA.boto3 }),
    ]);
    expect(found.sources).toEqual(['aws']);
    expect(found.eventCount).toBe(720);
    expect(found.firstSeen.getTime()).toBeLessThan(found.lastSeen.getTime());
  });

  it('gives its reasons in words, with the MFA sign-ins and the machine rate', () => {
    const codes = found.reasons.map((reason) => reason.code);
    expect(codes).toEqual(
      expect.arrayContaining(['SDK_CLIENT', 'MACHINE_RATE', 'KEY_USED_WHILE_MFA_SIGN_IN', 'NEW_NETWORK']),
    );
    const rate = found.reasons.find((reason) => reason.code === 'MACHINE_RATE')!;
    expect(rate.message).toMatch(/calls an hour .* no five-minute pause/);
  });

  it("keeps bounded evidence: the automation beside the person's own interactive use", () => {
    expect(found.evidence.length).toBeLessThanOrEqual(60);
    expect(found.evidence.filter((event) => event.role === 'interactive').length).toBeGreaterThan(0);
    const times = found.evidence.map((event) => event.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('reads the same case id on every run', () => {
    expect(flaggedOf(run(boto3))[0].id).toBe(found.id);
  });
});

describe('suppressions', () => {
  const agent = scenarioNamed('LangChain agent');
  const rule = (expiresAt: Date) => ({
    id: 'sup-1',
    reason: 'Approved pilot until the task-scoped token ships',
    expiresAt,
    match: { human: 'alice-*', agent: 'langchain' },
  });

  it('turns a matching case off and reports it as suppressed', () => {
    const cases = run(agent, { suppressions: [rule(new Date(NOW.getTime() + 86_400_000))] });
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ flagged: false, confidence: 'high' });
    expect(cases[0].suppression).toMatchObject({
      ruleId: 'sup-1',
      reason: 'Approved pilot until the task-scoped token ships',
    });
  });

  it('stops suppressing once the rule expires', () => {
    const [found] = run(agent, { suppressions: [rule(new Date(NOW.getTime() - 1))] });
    expect(found).toMatchObject({ flagged: true, suppression: null });
  });

  it('does not suppress when one pattern does not match', () => {
    const other = { ...rule(new Date(NOW.getTime() + 86_400_000)), match: { human: 'alice-*', agent: 'boto3' } };
    expect(run(agent, { suppressions: [other] })[0].flagged).toBe(true);
  });
});

describe("clients and the sample's shapes", () => {
  it("leaves a person's one curl call with their token beside their browser informational at most", () => {
    const actor = githubUser('user_actor');
    const events = [
      githubWeb(actor, T0 + 10 * 60 * MINUTE, '175.16.199.1'),
      githubApiRequest(actor, { id: '555555' }, T0 + 10 * 60 * MINUTE + 1141, UA.curl, '175.16.199.1'),
    ];
    const cases = detectBorrowedCredentials(events, inventoryOf({}), { now: NOW });
    expect(cases.filter((found) => found.confidence !== 'low')).toEqual([]);
  });

  it('takes a configured list of clients: an in-house agent is recognised', () => {
    const actor = githubUser('maria-q');
    const events = series(T0 + 9 * 60 * MINUTE, 5, MINUTE).map((at) =>
      githubApiRequest(actor, { id: '31337' }, at, 'acme-triage/2.1', '175.16.199.9'),
    );
    const rules = [
      { pattern: /^acme-triage\//, family: 'acme-triage', clientClass: 'agent' as const },
      ...DEFAULT_CLIENT_RULES,
    ];
    expect(detectBorrowedCredentials(events, inventoryOf({}), { now: NOW })).toEqual([]);
    const [found] = detectBorrowedCredentials(events, inventoryOf({}), { now: NOW, clientRules: rules });
    expect(found).toMatchObject({ flagged: true, confidence: 'medium' });
    expect(found.agents[0].family).toBe('acme-triage');
  });

  it('links a person across sources: their Okta MFA sign-in counts beside their GitHub token used elsewhere', () => {
    const okta = oktaUser('00u1fay000000000001', 'fay@acme.example');
    const signIns = [oktaSignIn(okta, T0 + 9 * 60 * MINUTE, '175.16.199.20', 'sess-fay')];
    const byEmail = githubUser('fay-dev', 'fay@acme.example');
    const byLogin = githubUser('fay-dev');
    const calls = (actor: typeof byEmail) =>
      series(T0 + 10 * 60 * MINUTE, 8, MINUTE).map((at) =>
        githubApiRequest(actor, { id: '4242' }, at, UA.octokit, '203.0.113.40'),
      );
    const reasonsOf = (cases: BorrowedCase[]) => cases.flatMap((found) => found.reasons.map((reason) => reason.code));
    expect(
      reasonsOf(detectBorrowedCredentials([...signIns, ...calls(byEmail)], inventoryOf({}), { now: NOW })),
    ).toContain('KEY_USED_WHILE_MFA_SIGN_IN');
    expect(
      reasonsOf(detectBorrowedCredentials([...signIns, ...calls(byLogin)], inventoryOf({}), { now: NOW })),
    ).not.toContain('KEY_USED_WHILE_MFA_SIGN_IN');
    const people = [{ id: 'human-fay', email: 'fay@acme.example', name: 'Fay Duarte', externalIds: ['fay-dev'] }];
    const [found] = detectBorrowedCredentials([...signIns, ...calls(byLogin)], inventoryOf({ inventory: { people } }), {
      now: NOW,
    });
    expect(found.human).toMatchObject({ personId: 'human-fay', label: 'Fay Duarte', email: 'fay@acme.example' });
    expect(found.reasons.map((reason) => reason.code)).toContain('KEY_USED_WHILE_MFA_SIGN_IN');
  });
});

describe('user agents as the logs write them', () => {
  const classify = clientClassifier();
  it.each([
    [UA.boto3, 'sdk', 'boto3'],
    [UA.awsCli, 'cli', 'aws-cli'],
    ['[aws-cli/1.18.69 Python/3.8.2 Linux/5.4.0 botocore/1.16.19]', 'cli', 'aws-cli'],
    [
      'aws-internal/3 aws-sdk-java/1.12.720 Linux/5.10 OpenJDK_64-Bit_Server_VM/25.412-b08 java/1.8.0_412',
      'service',
      'aws-internal',
    ],
    ['AWS Internal', 'service', 'aws-internal'],
    ['[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.720]', 'human_app', 'aws-console'],
    [
      'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#5.10 exec-env/AWS_ECS_FARGATE md/command#s3.cp',
      'sdk',
      'aws-cli-on-server',
    ],
    ['aws-cli/2.15.30 ua/2.0 os/linux#6.1 exec-env/CloudShell md/command#s3.ls', 'cli', 'aws-cloudshell'],
    ['aws-copilot/v1.34.0', 'cli', 'aws-copilot-cli'],
    [UA.langchainBoto3, 'agent', 'langchain'],
    [UA.githubMcp, 'agent', 'claude-code'],
    ['claude-cli/1.0.120 (external, cli)', 'agent', 'claude-code'],
    ['OpenAI/Python 1.54.3', 'agent', 'openai-sdk'],
    ['Anthropic/Python 0.39.0', 'agent', 'anthropic-sdk'],
    [UA.gh, 'cli', 'gh'],
    [UA.git, 'cli', 'git'],
    [UA.curl, 'cli', 'curl'],
    [UA.gcloud, 'cli', 'gcloud'],
    [
      'google-cloud-sdk gcloud/497.0.0 command/gcloud.storage.cp interactive/False from-script/True',
      'sdk',
      'gcloud-script',
    ],
    [UA.googleApiPython, 'sdk', 'google-sdk'],
    [UA.pythonRequests, 'sdk', 'python-requests'],
    [UA.goHttp, 'sdk', 'go-http-client'],
    ['okhttp/4.12.0', 'sdk', 'okhttp'],
    ['axios/1.7.7', 'sdk', 'axios'],
    ['node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'sdk', 'node-fetch'],
    ['undici', 'sdk', 'node-fetch'],
    [UA.oktaSdk, 'sdk', 'okta-sdk'],
    [UA.chrome, 'browser', 'browser'],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      'agent',
      'browser-automation',
    ],
    [UA.teamsAndroid, 'human_app', 'mobile-app'],
    [
      'Boto3/1.35.50 md/Botocore#1.35.50 ua/2.0 os/linux#6.1 lang/python#3.12 exec-env/CloudShell Botocore/1.35.50',
      'cli',
      'aws-cloudshell',
    ],
    ['GitHub VSCode Pull Requests octokit-rest.js/20.1.1 octokit-core.js/5.2.0 Node.js/20.18.0', 'human_app', 'editor'],
    ['GitHubDesktop/3.4.9 (Macintosh)', 'human_app', 'github-desktop'],
    [
      'GitHub/1.190.0 (com.github.stormbreaker.prod; build:1190000; iOS 18.1.0) Alamofire/5.9.1',
      'human_app',
      'mobile-app',
    ],
    ['Cline/3.2.0', 'agent', 'cline'],
    ['GeminiCLI/0.1.18 (linux; x64)', 'agent', 'gemini-cli'],
    ['GuzzleHttp/7', 'sdk', 'php-http'],
    ['Bun/1.1.34', 'sdk', 'js-runtime'],
  ])('%s is %s', (userAgent, clientClass, family) => {
    expect(classify(userAgent)).toEqual({ clientClass, family });
  });
});

describe('a case keeps its identity', () => {
  it('when the directory learns the person whose token an app uses', () => {
    const scenario = scenarios.find((candidate) => candidate.name.startsWith("Entra: a person's token signs in"))!;
    const before = flaggedOf(run(scenario, { people: [] }));
    const known = { id: 'person-dave', email: 'dave@acme.example', name: 'Dave', externalIds: [] };
    const after = flaggedOf(run(scenario, { people: [known] }));
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0].human.personId).toBe('person-dave');
    expect(after[0].id).toBe(before[0].id);
    expect(after[0].credential.key).toBe(before[0].credential.key);
  });
});
