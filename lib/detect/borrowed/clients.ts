import type { ClientClass, ClientRule } from './types';

/**
 * What kind of client a user agent names. Rules are tried in order and the first match wins, so agent
 * frameworks (which often ride on an SDK's user agent as a suffix) come before SDKs, and a person's command-line
 * tools come before the SDKs they are built on (aws-cli carries botocore in its user agent).
 */
function rule(family: string, clientClass: ClientClass, pattern: RegExp): ClientRule {
  return { family, clientClass, pattern };
}

/** Names that would otherwise match an agent rule: AWS Copilot is a deployment CLI, not GitHub Copilot. */
const TOOL_EXCEPTIONS: ClientRule[] = [rule('aws-copilot-cli', 'cli', /^aws-copilot\//i)];

const AGENT_RULES: ClientRule[] = [
  rule('claude-code', 'agent', /claude-cli\/|claude[-_ ]code|claude-user/i),
  rule('codex', 'agent', /codex_cli|codex-cli|openai-codex/i),
  rule('openai-agents', 'agent', /openai-agents|agents-sdk|\bagents\/python/i),
  rule('openai-sdk', 'agent', /\bopenai\/(python|js|node)|openai-python|openai-node/i),
  rule('anthropic-sdk', 'agent', /\banthropic\/(python|js|typescript)|anthropic-sdk|anthropic-python/i),
  rule('langchain', 'agent', /lang[-_]?chain|langgraph|x-client-framework:langchain/i),
  rule('llamaindex', 'agent', /llama[-_]?index/i),
  rule('autogen', 'agent', /\bautogen/i),
  rule('crewai', 'agent', /crew[-_]?ai/i),
  rule('semantic-kernel', 'agent', /semantic[-_]?kernel/i),
  rule('strands-agents', 'agent', /strands[-_]?agents?/i),
  rule('pydantic-ai', 'agent', /pydantic[-_]?ai/i),
  rule('smolagents', 'agent', /smolagents/i),
  rule('mcp-client', 'agent', /\bmcp[-_/]|[-_]mcp\b|model[-_]?context[-_]?protocol|mcp-server/i),
  rule('copilot-agent', 'agent', /copilot/i),
  rule('cursor', 'agent', /\bcursor\/|cursor-agent/i),
  rule('devin', 'agent', /\bdevin\b/i),
  rule('aider', 'agent', /\baider\b/i),
  rule('cline', 'agent', /\bcline\/|roo-?code/i),
  rule('gemini-cli', 'agent', /gemini[-_ ]?cli/i),
  rule('amazon-q', 'agent', /amazon[-_ ]?q[-_ ]?(developer|cli)|\bq-developer|\bkiro\//i),
  rule('opencode', 'agent', /\bopencode\//i),
  rule('windsurf', 'agent', /windsurf|codeium/i),
  rule('goose', 'agent', /\bgoose\//i),
  rule('browser-automation', 'agent', /headlesschrome|playwright|puppeteer|selenium|browser[-_]use/i),
];

/** A person's own tools. Not automation by themselves: they count only with behaviour no person shows. */
const CLI_RULES: ClientRule[] = [
  rule('aws-console', 'human_app', /s3console|^console\.[a-z0-9.-]*amazonaws\.com|^signin\.amazonaws\.com/i),
  rule('aws-internal', 'service', /^aws internal|^aws-internal\/|\.amazonaws\.com$/i),
  rule('aws-deploy-tool', 'cli', /aws-cdk\/|sam-cli|aws-sam-cli|pulumi|serverless\/|eksctl/i),
  // CloudShell opens only from a console session: whatever runs in it, a person is at the keyboard.
  rule('aws-cloudshell', 'cli', /exec-env\/cloudshell/i),
  rule('aws-cli-on-server', 'sdk', /aws-cli\/.*exec-env\/(aws_|ec2|ecs|lambda|codebuild)/i),
  rule('aws-cli', 'cli', /^aws-cli\//i),
  rule('gcloud-script', 'sdk', /gcloud\/.*from-script\/true/i),
  rule('gcloud', 'cli', /google-cloud-sdk|^gcloud\/|\bgsutil\/|^bq\//i),
  rule('azure-cli', 'cli', /azurecli\/|azure-cli\//i),
  rule('azure-powershell', 'cli', /azurepowershell|azure powershell/i),
  rule('gh', 'cli', /^github cli\b|^gh\//i),
  rule('git', 'cli', /^git\/|^jgit\/|git-credential/i),
  rule('curl', 'cli', /^curl\//i),
  rule('wget', 'cli', /^wget\//i),
  rule('httpie', 'cli', /^httpie\//i),
  rule('postman', 'cli', /postmanruntime/i),
  rule('insomnia', 'cli', /^insomnia\//i),
  rule('powershell', 'cli', /windowspowershell|powershell\//i),
  rule('terraform', 'cli', /terraform\//i),
  rule('kubectl', 'cli', /^kubectl\//i),
  rule('github-desktop', 'human_app', /githubdesktop/i),
  // An editor's own integration (VS Code's pull-request view, JetBrains' GitHub plugin) polls while the person works.
  rule('editor', 'human_app', /vscode|visual studio code|jetbrains|intellij/i),
  rule('okta-verify', 'human_app', /oktaverify|okta verify/i),
  rule('mobile-app', 'human_app', /^dalvik\/|cfnetwork\/|\b(iphone|ipad)\b|\bios[ /]\d|\bandroid \d/i),
];

const SDK_RULES: ClientRule[] = [
  rule('boto3', 'sdk', /boto3\/|botocore\//i),
  rule('aws-sdk', 'sdk', /aws-sdk-|aws-sdk\/|awssdk/i),
  rule('okta-sdk', 'sdk', /okta-sdk-|okta-oidc-/i),
  rule(
    'google-sdk',
    'sdk',
    /google-api-[a-z]+-client|gcloud-python|gcloud-node|google-cloud-[a-z]|gl-python\/|gl-node\/|gl-go\/|gccl\/|grpc-/i,
  ),
  rule('azure-sdk', 'sdk', /azsdk-|msal\.|msal-|microsoft\.graph|graph-(python|dotnet|java)/i),
  rule('octokit', 'sdk', /octokit|pygithub|go-github|ghapi\//i),
  rule('python-requests', 'sdk', /python-requests\/|python-urllib|python-httpx|aiohttp\/|^python\/[0-9]/i),
  rule('go-http-client', 'sdk', /go-http-client|^go\/[0-9]/i),
  rule('okhttp', 'sdk', /okhttp/i),
  rule('axios', 'sdk', /axios\//i),
  rule('node-fetch', 'sdk', /node-fetch|undici|^node\/|^node$|got \(|superagent/i),
  rule('java-http', 'sdk', /^java\/|apache-httpclient|jersey\/|reactor-netty/i),
  rule('dotnet-http', 'sdk', /^\.net|system\.net\.http|restsharp/i),
  rule('ruby-http', 'sdk', /^ruby\b|faraday|rest-client\//i),
  rule('rust-http', 'sdk', /^reqwest|^hyper\//i),
  rule('php-http', 'sdk', /guzzlehttp|^php\//i),
  rule('js-runtime', 'sdk', /^bun\/|^deno\//i),
  rule('generated-client', 'sdk', /openapi-generator|swagger-codegen/i),
];

const BROWSER_RULE = rule('browser', 'browser', /^mozilla\/5\.0.*(chrome|firefox|safari|edg|opera|trident)/i);

export const DEFAULT_CLIENT_RULES: readonly ClientRule[] = [
  ...TOOL_EXCEPTIONS,
  ...AGENT_RULES,
  ...CLI_RULES,
  ...SDK_RULES,
  BROWSER_RULE,
];

export type ClientInfo = { family: string; clientClass: ClientClass };

const UNKNOWN_CLIENT: ClientInfo = { family: 'unknown', clientClass: 'unknown' };

/** CloudTrail wraps some user agents in brackets ("[aws-cli/2.15 …]"); rules read them bare. */
function unwrap(userAgent: string): string {
  const trimmed = userAgent.trim();
  return trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1).trim() : trimmed;
}

/** Classifies user agents, remembering each distinct string (logs repeat a few hundred of them). */
export function clientClassifier(
  rules: readonly ClientRule[] = DEFAULT_CLIENT_RULES,
): (ua: string | null) => ClientInfo {
  const seen = new Map<string, ClientInfo>();
  return (userAgent) => {
    if (!userAgent) return UNKNOWN_CLIENT;
    let info = seen.get(userAgent);
    if (!info) {
      const bare = unwrap(userAgent);
      const matched = rules.find((candidate) => candidate.pattern.test(bare));
      info = matched ? { family: matched.family, clientClass: matched.clientClass } : UNKNOWN_CLIENT;
      seen.set(userAgent, info);
    }
    return info;
  };
}

/**
 * Everyday apps (Microsoft's own, a phone's built-in mail) that refresh a person's tokens in the background all day: a
 * person's, not automation. Known by application id first; by display name only as Microsoft writes it at the start
 * of the name, since a tenant's own registrations are often named after the product they work with.
 */
const FIRST_PARTY_PERSON_APPS =
  /^(microsoft (?!azure cli|azure powershell|graph)|office|outlook|onedrive|sharepoint online|windows (sign in|search|spotlight)|azure portal|my (apps|signins|profile)|onenote|yammer|viva |skype|power bi|bing|universal store|apple internet accounts|ios accounts|exchange online|intune|company portal|accounts control)/i;
const FIRST_PARTY_PERSON_APP_IDS = new Set([
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Microsoft Teams
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Microsoft Teams Web Client
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft Office
  '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook Mobile
  '5d661950-3475-41cd-a2c3-d671a3162bc1', // Microsoft Outlook
  'ab9b8c07-8f02-4f72-87fa-80105867a763', // OneDrive SyncEngine
  'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', // Azure Portal
  '29d9ed98-a469-4536-ade2-f981bc1d605e', // Microsoft Authentication Broker
  '4813382a-8fa7-425e-ab75-3b753aab3abb', // Microsoft Authenticator App
  'ecd6b820-32c2-49b6-98a6-444530e5a77a', // Microsoft Edge
  'f44b1140-bc5e-48c6-8dc0-5cf5a53c0e34', // Microsoft Edge
  '38aa3b87-a06d-4817-b275-7a316988d93b', // Windows Sign In
  '4765445b-32c6-49b0-83e6-1d93765276ca', // OfficeHome
  '0ec893e0-5785-4de6-99da-4ed124e5296c', // Office UWP PWA
  '89bee1f7-5e6e-4d8a-9f3d-ecd601259da7', // Office365 Shell WCSS-Client
  '00000006-0000-0ff1-ce00-000000000000', // Microsoft Office 365 Portal
  '0000000c-0000-0000-c000-000000000000', // Microsoft App Access Panel (My Apps)
  '08e18876-6177-487e-b8b5-cf950c1e598c', // SharePoint Online Web Client Extensibility
  '9ba1a5c7-f17a-4de9-a1f1-6178c8d51223', // Microsoft Intune Company Portal
  '22098786-6e16-43cc-a27d-191a01a1e3b5', // Microsoft To-Do client
  '57336123-6e14-4acc-8dcf-287b6088aa28', // Microsoft Whiteboard Client
  '26a7ee05-5602-4d76-a7ba-eae8b7b67941', // Windows Search
  '1b3c667f-cde3-4090-b60b-3d2abd0117f0', // Windows Spotlight
  '268761a2-03f3-40df-8a8b-c3db24145b6b', // Universal Store Native Client
  'a40d7d7d-59aa-447e-a655-679a4107e548', // Accounts Control UI
  'f8d98a96-0999-43f5-8af3-69971c7bb423', // iOS Accounts
]);
const PERSON_CLI_APPS =
  /azure cli|azure powershell|graph command line|graph powershell|graph explorer|visual studio|github cli|github desktop|git credential manager|google cloud sdk/i;
const PERSON_CLI_APP_IDS = new Set([
  '04b07795-8ddb-461a-bbee-02f9e1bf7b46', // Microsoft Azure CLI
  '1950a258-227b-4e31-a9cf-717495945fc2', // Microsoft Azure PowerShell
  '14d82eec-204b-4c2f-b7e8-296a70dab67e', // Microsoft Graph Command Line Tools
  'de8bc8b5-d9f9-48b1-a8ad-b748da725064', // Graph Explorer
  'aebc6443-996d-45c2-90f0-388ff96faa56', // Visual Studio Code
  '872cd9fa-d31f-45e0-9eab-6e460a02d1f1', // Visual Studio
  '178c6fc778ccc68e1d6a', // GitHub CLI (gh)
  '32555940559.apps.googleusercontent.com', // Google Cloud SDK (gcloud)
]);

export type AppKind = 'person_app' | 'person_cli' | 'other_app';

/** Which kind of OAuth application a token was issued to, and whether its id (not only its name) says so. */
export function appKindOf(appId: string | null, appName: string | null): { kind: AppKind; byId: boolean } {
  const id = appId?.toLowerCase() ?? '';
  // Command-line tools first: their names also start with "Microsoft", and scripts sign in through them.
  if (PERSON_CLI_APP_IDS.has(id)) return { kind: 'person_cli', byId: true };
  if (appName && PERSON_CLI_APPS.test(appName)) return { kind: 'person_cli', byId: false };
  if (FIRST_PARTY_PERSON_APP_IDS.has(id)) return { kind: 'person_app', byId: true };
  if (appName && FIRST_PARTY_PERSON_APPS.test(appName)) return { kind: 'person_app', byId: false };
  return { kind: 'other_app', byId: false };
}

/** Classes that show a program, not a person, at the other end. */
export function isAutomationClass(clientClass: ClientClass): boolean {
  return clientClass === 'agent' || clientClass === 'sdk';
}

export function isPersonClass(clientClass: ClientClass): boolean {
  return clientClass === 'browser' || clientClass === 'human_app';
}
