import { expect, test } from '@playwright/test';
import { CHANGELING, ROLE_ACCOUNTS, ROLE_LABELS, type Role } from './support/accounts';
import { expectDashboardOf, open, signIn } from './support/app';

const admin = ROLE_ACCOUNTS.ADMIN;

test.describe('People & access', () => {
  test("an admin's role change applies on the person's next request", async ({ browser, baseURL }) => {
    const personContext = await browser.newContext({ baseURL });
    const adminContext = await browser.newContext({ baseURL });
    try {
      const personPage = await personContext.newPage();
      await signIn(personPage, CHANGELING);
      await expectDashboardOf(personPage, CHANGELING, 'AUDITOR');

      const adminPage = await adminContext.newPage();
      await signIn(adminPage, admin);
      await open(adminPage, '/settings/people');
      const row = adminPage.getByTestId(`account-${CHANGELING.email}`);
      const roleSelect = row.getByLabel(`Role of ${CHANGELING.name}`);

      const changeRole = async (role: Role) => {
        await roleSelect.selectOption(role);
        await adminPage
          .getByRole('alertdialog', { name: `Make ${CHANGELING.name} ${ROLE_LABELS[role]}?` })
          .getByRole('button', { name: `Make ${ROLE_LABELS[role]}` })
          .click();
        await expect(
          adminPage.getByText(`${CHANGELING.name} is now ${role}. It applies on their next request.`),
        ).toBeVisible();
        await expect(roleSelect).toHaveValue(role);
      };

      await changeRole('SPONSOR');
      await personPage.reload();
      await expectDashboardOf(personPage, CHANGELING, 'SPONSOR');

      // And back, so the account ends as the seeder made it.
      await changeRole('AUDITOR');
      await personPage.reload();
      await expectDashboardOf(personPage, CHANGELING, 'AUDITOR');
    } finally {
      await adminContext.close();
      await personContext.close();
    }
  });

  test('an admin adds a person after correcting the field errors', async ({ page, browser, baseURL }) => {
    const suffix = `${Date.now().toString(36)}${test.info().retry}`;
    const newcomer = {
      name: 'Riley Newcomer',
      email: `riley.${suffix}@e2e.example`,
      password: 'a long enough passphrase',
    };

    await signIn(page, admin);
    await open(page, '/settings/people');
    await page.getByRole('button', { name: 'Add a person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a person' });
    await expect(dialog).toBeVisible();

    const name = dialog.getByLabel('Name', { exact: true });
    const email = dialog.getByLabel('Email', { exact: true });
    const password = dialog.getByLabel('Initial password', { exact: true });
    await name.fill(newcomer.name);
    await email.fill('riley-at-nowhere');
    await dialog.getByLabel('Role', { exact: true }).selectOption('SPONSOR');
    await password.fill('short');
    await dialog.getByRole('button', { name: 'Add person' }).click();

    await expect(dialog.getByText('Enter a valid email address.')).toBeVisible();
    await expect(dialog.getByText('Use at least 12 characters.')).toBeVisible();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toHaveValue(newcomer.name);
    await expect(email).toHaveValue('riley-at-nowhere');
    await expect(dialog.getByLabel('Role', { exact: true })).toHaveValue('SPONSOR');
    await expect(page.getByTestId(`account-${newcomer.email}`)).toHaveCount(0);

    await email.fill(newcomer.email);
    await password.fill(newcomer.password);
    await dialog.getByRole('button', { name: 'Add person' }).click();

    await expect(page.getByText(`${newcomer.name} can now sign in as SPONSOR.`)).toBeVisible();
    await expect(dialog).toBeHidden();
    const row = page.getByTestId(`account-${newcomer.email}`);
    await expect(row).toBeVisible();
    await expect(row.getByText(newcomer.name, { exact: true })).toBeVisible();
    await expect(row.getByLabel(`Role of ${newcomer.name}`)).toHaveValue('SPONSOR');

    // The new person can sign in with the initial password and gets the role they were given.
    const newcomerContext = await browser.newContext({ baseURL });
    try {
      const newcomerPage = await newcomerContext.newPage();
      await signIn(newcomerPage, newcomer);
      await expectDashboardOf(newcomerPage, newcomer, 'SPONSOR');
    } finally {
      await newcomerContext.close();
    }
  });
});
