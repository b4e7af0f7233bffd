import { expect, test } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { open, saveScreenshot, signIn } from './support/app';

test('security filters the inventory, opens an agent, reassigns its sponsor, and its audit trail shows the change', async ({
  page,
}) => {
  const security = ROLE_ACCOUNTS.SECURITY;
  await signIn(page, security);
  await open(page, '/inventory');

  await page.getByLabel('Kind').selectOption({ label: 'AI agent' });
  await page.getByLabel('Environment').selectOption('production');
  await expect(page).toHaveURL(/kind=AI_AGENT/);
  await expect(page).toHaveURL(/environment=production/);
  const rows = page.getByRole('link', { name: /-agent$/ });
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'nightly-export' })).toHaveCount(0);
  await saveScreenshot(page, 'inventory-filtered');

  await page.getByRole('link', { name: 'billing-reconciler-agent' }).click();
  await expect(page.getByRole('heading', { name: 'billing-reconciler-agent' })).toBeVisible();
  await page.getByRole('link', { name: 'Edit' }).click();
  await page
    .getByLabel('Sponsor')
    .selectOption({ label: `${ROLE_ACCOUNTS.ADMIN.name} · ${ROLE_ACCOUNTS.ADMIN.email}` });
  await page.getByRole('button', { name: 'Save changes' }).click();

  await expect(page).toHaveURL(/\/inventory\/identities\/[^/]+\?saved=1$/);
  await expect(page.getByText(ROLE_ACCOUNTS.ADMIN.email).first()).toBeVisible();
  const change = page.getByRole('row').filter({ hasText: 'nhi.update' });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText(security.email);
  await saveScreenshot(page, 'inventory-detail-after-sponsor-change');
});

test('a sponsor sees only the identities they sponsor, and none of the controls that are not theirs', async ({
  page,
}) => {
  const sponsor = ROLE_ACCOUNTS.SPONSOR;
  await signIn(page, sponsor);
  await open(page, '/inventory');
  await expect(page.getByRole('link', { name: 'support-triage-agent' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'nightly-export' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Add identity' })).toHaveCount(0);
  const response = await page.goto('/inventory/identities/new');
  expect(response?.status()).toBe(403);
});
