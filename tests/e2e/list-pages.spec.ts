import { expect, test } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { open, signIn } from './support/app';

const INVALID = 'This address has filters Steward does not understand';

/** Every list page, with addresses a person could paste or mistype. */
const BAD_ADDRESSES = [
  '/inventory?page=0',
  '/inventory?page=x',
  '/inventory?status=bogus',
  '/inventory/credentials?page=0',
  '/inventory/credentials?status=bogus',
  '/inventory/people?page=0',
  '/inventory/people?page=x',
  '/inventory/people?status=bogus',
  '/settings/people?page=0',
  '/settings/people?page=x',
  '/settings/people?access=bogus',
  '/settings/api-keys?page=0',
  '/settings/api-keys?page=x',
] as const;

test.describe('list pages answer addresses they do not understand', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, ROLE_ACCOUNTS.ADMIN);
  });

  for (const address of BAD_ADDRESSES) {
    test(`${address} answers 200 with a way back to the full list`, async ({ page }) => {
      const response = await page.goto(address);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { name: INVALID })).toBeVisible();
      const field = new URL(address, 'http://x').searchParams.keys().next().value;
      await expect(page.getByText(`Check ${field} in the address`)).toBeVisible();
      await page.getByRole('link', { name: 'Clear the filters' }).click();
      await expect(page).toHaveURL(address.split('?')[0]);
      await expect(page.getByRole('heading', { name: INVALID })).toHaveCount(0);
    });
  }
});

test.describe('paging', () => {
  test('a page past the end says so and links to the last page, on every list', async ({ page }) => {
    await signIn(page, ROLE_ACCOUNTS.ADMIN);
    for (const path of ['/inventory', '/inventory/people', '/settings/people']) {
      const response = await page.goto(`${path}?page=40`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { name: 'There is no page 40' })).toBeVisible();
      await expect(page.getByText('is empty')).toHaveCount(0);
      await page.getByRole('link', { name: /^Go to the last page/ }).click();
      await expect(page).toHaveURL(path);
      await expect(page.getByRole('table')).toBeVisible();
    }
  });
});

test.describe('filters apply when they change', () => {
  test('a select applies at once, the search after a pause in typing, and Clear resets both', async ({ page }) => {
    await signIn(page, ROLE_ACCOUNTS.SECURITY);
    await open(page, '/inventory');
    await page.getByLabel('Kind').selectOption({ label: 'Service account' });
    await expect(page).toHaveURL(/[?&]kind=SERVICE_ACCOUNT/);
    await expect(page.getByRole('link', { name: 'nightly-export' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'support-triage-agent' })).toHaveCount(0);

    await page.getByLabel('Kind').selectOption({ label: 'All kinds' });
    await expect(page).not.toHaveURL(/kind=/);
    await page.getByRole('searchbox', { name: /Search by name/ }).pressSequentially('billing', { delay: 30 });
    await expect(page).toHaveURL(/[?&]q=billing/);
    await expect(page.getByRole('link', { name: 'billing-reconciler-agent' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'nightly-export' })).toHaveCount(0);

    await page.getByLabel('Status').selectOption({ label: 'Active' });
    await expect(page).toHaveURL(/status=ACTIVE/);
    await expect(page).toHaveURL(/q=billing/);
    await page.getByRole('link', { name: 'Clear', exact: true }).click();
    await expect(page).toHaveURL('/inventory');
    await expect(page.getByLabel('Status')).toHaveValue('');
    await expect(page.getByRole('searchbox', { name: /Search by name/ })).toHaveValue('');
    await expect(page.getByRole('link', { name: 'nightly-export' })).toBeVisible();
  });

  test('the search applies on Enter without waiting, and the form carries only the filters that are set', async ({
    page,
  }) => {
    await signIn(page, ROLE_ACCOUNTS.SECURITY);
    await open(page, '/inventory/people');
    await page.getByLabel('Status').selectOption({ label: 'Active' });
    await expect(page).toHaveURL('/inventory/people?status=active');
    await page.getByRole('searchbox').fill('security@');
    await page.getByRole('searchbox').press('Enter');
    await expect(page).toHaveURL('/inventory/people?q=security%40&status=active');
    await expect(page.getByTestId(`person-${ROLE_ACCOUNTS.SECURITY.email}`)).toBeVisible();
    await expect(page.getByTestId(`person-${ROLE_ACCOUNTS.ADMIN.email}`)).toHaveCount(0);
  });
});
