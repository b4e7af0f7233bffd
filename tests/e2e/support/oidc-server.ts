/**
 * A real OpenID Connect provider (oidc-provider 9) for the end-to-end tests, on plain http at
 * http://localhost:<OIDC_PORT>. Its development interactions show a login form (any password is accepted
 * for the known login names) and a consent screen. It keeps oidc-provider's default conformIdTokenClaims,
 * so the email and name are only in the userinfo response, never in the ID token.
 *
 *   OIDC_PORT=… OIDC_CLIENT_ID=… OIDC_CLIENT_SECRET=… OIDC_REDIRECT_URI=… node --import tsx tests/e2e/support/oidc-server.ts
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider, { type Account } from 'oidc-provider';
import { IDP_ACCOUNTS } from './accounts';
import { USERINFO_PATH, USERINFO_STATS_PATH } from './environment';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const port = Number(required('OIDC_PORT'));
const issuer = `http://localhost:${port}`;
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

async function findAccount(_ctx: unknown, id: string): Promise<Account | undefined> {
  const person = IDP_ACCOUNTS.find((account) => account.email === id.trim().toLowerCase());
  if (!person) return undefined;
  return {
    accountId: person.email,
    claims: () => ({ sub: person.email, email: person.email, email_verified: person.emailVerified, name: person.name }),
  };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: required('OIDC_CLIENT_ID'),
      client_secret: required('OIDC_CLIENT_SECRET'),
      client_name: 'Steward (end-to-end tests)',
      redirect_uris: [required('OIDC_REDIRECT_URI')],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true } },
  // The app sends a PKCE challenge: insist on it, so a regression that drops it fails here.
  pkce: { required: () => true },
  findAccount,
  routes: { userinfo: USERINFO_PATH },
  ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'e2e' }] },
});

for (const event of ['server_error', 'authorization.error', 'grant.error', 'userinfo.error', 'backchannel.error']) {
  provider.on(event, (...args: unknown[]) => {
    const error = args.find((arg) => arg instanceof Error);
    console.error(`[oidc] ${event}:`, error ?? args[1]);
  });
}

/**
 * The harness counts the userinfo requests it answered and tells the tests at USERINFO_STATS_PATH, so a
 * test can prove that the app read the email from userinfo (the ID token does not carry it).
 */
const handle = provider.callback();
let userinfoAnswered = 0;
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', issuer).pathname;
  if (path === USERINFO_STATS_PATH) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ userinfoAnswered }));
    return;
  }
  if (path === USERINFO_PATH) {
    res.on('finish', () => {
      if (res.statusCode === 200) userinfoAnswered += 1;
    });
  }
  handle(req, res);
});
server.listen(port, '127.0.0.1', () => console.log(`[oidc] issuer ${issuer} is listening`));

function stop(): void {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
