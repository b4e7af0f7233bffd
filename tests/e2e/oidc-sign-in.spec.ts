import { expect, test, type Page } from '@playwright/test';
import { SSO_USER, STRANGER, UNVERIFIED_SSO_USER } from './support/accounts';
import { expectDashboardOf, open } from './support/app';
import { e2eEnvironment, userinfoAnswered } from './support/environment';

/** Starts single sign-on from Steward's sign-in page and gets through the provider's login and consent. */
async function signInThroughProvider(page: Page, login: string): Promise<void> {
  const { oidcIssuer, oidcDisplayName } = e2eEnvironment();
  await open(page, '/signin');
  await page.getByRole('button', { name: `Continue with ${oidcDisplayName}` }).click();

  await expect(page).toHaveURL(new RegExp(`^${oidcIssuer}/interaction/`));
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password will do');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  // The consent screen lists what Steward asks for.
  await expect(page).toHaveURL(new RegExp(`^${oidcIssuer}/interaction/`));
  await expect(page.getByText('email', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test.describe('single sign-on through OpenID Connect', () => {
  test('a person Steward knows lands on the dashboard with their role', async ({ page }) => {
    const userinfoBefore = await userinfoAnswered();
    await signInThroughProvider(page, SSO_USER.email);

    await expect(page).toHaveURL('/');
    await expectDashboardOf(page, SSO_USER, 'SECURITY');
    const email = page.getByTestId('current-person').getByText(SSO_USER.email, { exact: true });
    await expect(email).not.toBeEmpty();
    // The provider keeps the email out of the ID token (conformIdTokenClaims): Steward read it from userinfo.
    expect(await userinfoAnswered()).toBeGreaterThan(userinfoBefore);
  });

  test('a person Steward does not know ends on the no-access page', async ({ page }) => {
    await signInThroughProvider(page, STRANGER.email);

    await expect(page).toHaveURL('/no-access');
    await expect(page.getByRole('heading', { name: 'You have no access to Steward' })).toBeVisible();

    // No session was created: the dashboard still sends them to sign in.
    await page.goto('/');
    await expect(page).toHaveURL('/signin?callbackUrl=%2F');
  });

  test('a person whose email the provider has not verified is refused and told why', async ({ page }) => {
    await signInThroughProvider(page, UNVERIFIED_SSO_USER.email);

    await expect(page).toHaveURL('/signin?error=EmailUnverified');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Your identity provider has not verified your email address' }),
    ).toBeVisible();

    await page.goto('/');
    await expect(page).toHaveURL('/signin?callbackUrl=%2F');
  });
});
