import { expect, test } from '@playwright/test';
import { ROLE_ACCOUNTS, type Role } from './support/accounts';
import { expectDashboardOf, saveScreenshot, signIn, signInWithPassword, signOut } from './support/app';

test.describe('signing in with a password', () => {
  for (const role of Object.keys(ROLE_ACCOUNTS) as Role[]) {
    const person = ROLE_ACCOUNTS[role];

    test(`${role} sees exactly their own navigation, name and role`, async ({ page }) => {
      await signIn(page, person);
      await expectDashboardOf(page, person, role);
      await saveScreenshot(page, `overview-${role.toLowerCase()}`);

      await signOut(page);
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    });
  }

  test('a wrong password shows an error and stays signed out', async ({ page }) => {
    const person = ROLE_ACCOUNTS.SECURITY;
    await signInWithPassword(page, person.email, 'not the right password');

    // Next's route announcer is an empty alert too: look for the one with the message.
    await expect(page.getByRole('alert').filter({ hasText: 'The email or the password is not right.' })).toBeVisible();
    await expect(page).toHaveURL('/signin');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();

    await page.goto('/');
    await expect(page).toHaveURL('/signin?callbackUrl=%2F');
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  });
});
