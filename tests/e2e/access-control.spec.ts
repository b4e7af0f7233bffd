import { expect, test } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { expectDashboardOf, saveScreenshot, signIn, submitSignInForm } from './support/app';

test.describe('who may open which page', () => {
  test('a signed-out visitor to People & access is sent to sign in, and back after signing in', async ({ page }) => {
    await page.goto('/settings/people');
    await expect(page).toHaveURL('/signin?callbackUrl=%2Fsettings%2Fpeople');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    const admin = ROLE_ACCOUNTS.ADMIN;
    await submitSignInForm(page, admin.email, admin.password ?? '');
    await expect(page).toHaveURL('/settings/people');
    await expect(page.getByRole('heading', { name: 'People & access' })).toBeVisible();
  });

  test('an auditor who opens People & access gets the 403 page', async ({ page }) => {
    const auditor = ROLE_ACCOUNTS.AUDITOR;
    await signIn(page, auditor);
    await expectDashboardOf(page, auditor, 'AUDITOR');

    const response = await page.goto('/settings/people');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Your role does not give access to this page' })).toBeVisible();
    await expect(page.getByText('403 · Forbidden')).toBeVisible();
    await expect(page.getByTestId(`account-${ROLE_ACCOUNTS.ADMIN.email}`)).toHaveCount(0);
    await saveScreenshot(page, 'forbidden-auditor-settings-people');
  });
});
