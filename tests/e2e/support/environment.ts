/**
 * What global setup hands to the tests. Playwright copies environment variables set in global setup to
 * its workers, and workers load playwright.config.ts after that, so the config can read them too.
 */
export const ENV = {
  baseUrl: 'STEWARD_E2E_BASE_URL',
  oidcIssuer: 'STEWARD_E2E_OIDC_ISSUER',
  oidcDisplayName: 'STEWARD_E2E_OIDC_DISPLAY_NAME',
} as const;

export const OIDC_DISPLAY_NAME = 'E2E Identity';

/** oidc-provider's default userinfo endpoint, and where the harness reports how often it answered it. */
export const USERINFO_PATH = '/me';
export const USERINFO_STATS_PATH = '/__e2e/userinfo-stats';

/** How many userinfo requests the OpenID Connect provider harness has answered so far. */
export async function userinfoAnswered(): Promise<number> {
  const response = await fetch(`${e2eEnvironment().oidcIssuer}${USERINFO_STATS_PATH}`);
  const body = (await response.json()) as { userinfoAnswered: number };
  return body.userinfoAnswered;
}

export type E2eEnvironment = { baseURL: string; oidcIssuer: string; oidcDisplayName: string };

export function e2eEnvironment(): E2eEnvironment {
  const baseURL = process.env[ENV.baseUrl];
  const oidcIssuer = process.env[ENV.oidcIssuer];
  if (!baseURL || !oidcIssuer) {
    throw new Error(`${ENV.baseUrl} and ${ENV.oidcIssuer} are not set: run the tests with \`npx playwright test\`.`);
  }
  return { baseURL, oidcIssuer, oidcDisplayName: process.env[ENV.oidcDisplayName] ?? OIDC_DISPLAY_NAME };
}
