import { expect, test } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { open, saveScreenshot, signIn, waitForHydration } from './support/app';
import { importCsv } from './support/csv-import';
import { SCREEN_SIZES } from './support/screens';

const ORPHANS = ['queue-orphan-one', 'queue-orphan-two'];
const titleOf = (name: string) => `${name} has no accountable sponsor`;

test('security filters the findings queue and accepts two findings in bulk with one reason', async ({ page }) => {
  await signIn(page, ROLE_ACCOUNTS.SECURITY);
  await importCsv(page, 'Identities', [
    'system,externalId,name,kind,environment,sponsorEmail,description',
    ...ORPHANS.map((name) => `queue,${name},${name},SERVICE_ACCOUNT,staging,,`),
  ]);

  await open(page, '/inventory');
  await page.getByRole('navigation', { name: 'Inventory' }).getByRole('link', { name: 'Findings' }).click();
  await expect(page).toHaveURL(/\/inventory\/findings$/);
  await page.getByLabel('Type').selectOption({ label: 'Orphaned' });
  await page.getByLabel('Framework control').selectOption('NHI1');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/type=ORPHANED/);
  await expect(page).toHaveURL(/control=NHI1/);
  for (const name of ORPHANS) {
    const row = page.getByRole('row').filter({ hasText: titleOf(name) });
    await expect(row.getByRole('link', { name })).toBeVisible();
    await expect(row).toContainText('No sponsor');
  }

  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await page.reload();
    await waitForHydration(page);
    await saveScreenshot(page, `findings-queue-${size.width}`);
  }
  await page.setViewportSize(SCREEN_SIZES[0]);
  for (const name of ORPHANS) await page.getByRole('checkbox', { name: `Select ${titleOf(name)}` }).check();
  await expect(page.getByText('2 selected')).toBeVisible();

  await page.getByRole('button', { name: 'Accept risk…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Accept 2 risks for a while' });
  await dialog.getByLabel('Why is it acceptable?').fill('Owned by the data team until their sponsor starts');
  await dialog.getByLabel('For how many days?').fill('14');
  await saveScreenshot(page, 'findings-bulk-accept-dialog');
  await dialog.getByRole('button', { name: 'Accept 2 risks' }).click();
  await expect(page.getByText(/2 findings accepted until \d{4}-\d{2}-\d{2}\./)).toBeVisible();
  await expect(dialog).toBeHidden();
  for (const name of ORPHANS) await expect(page.getByRole('row').filter({ hasText: titleOf(name) })).toHaveCount(0);

  await open(page, '/inventory/findings?status=ACCEPTED&type=ORPHANED');
  for (const name of ORPHANS) {
    await expect(page.getByRole('row').filter({ hasText: titleOf(name) })).toContainText('Accepted');
  }
});

test('a sponsor reads the findings of their own identities only, without accept controls', async ({ page }) => {
  await signIn(page, ROLE_ACCOUNTS.SPONSOR);
  await open(page, '/inventory/findings?status=all');
  await expect(page.getByRole('heading', { name: 'Findings' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'nightly-export' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: ORPHANS[0] })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Accept risk…' })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
});

test('the findings queue answers a filter it does not understand calmly', async ({ page }) => {
  await signIn(page, ROLE_ACCOUNTS.AUDITOR);
  const response = await page.goto('/inventory/findings?severity=SEVERE&page=0');
  expect(response?.status()).toBe(200);
  await expect(page.getByText('This address has filters Steward does not understand')).toBeVisible();
});
