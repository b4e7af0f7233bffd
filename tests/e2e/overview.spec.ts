import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { open, saveScreenshot, signIn, waitForHydration } from './support/app';
import { importCsv } from './support/csv-import';
import { SCREEN_SIZES } from './support/screens';

/** Each width from a fresh load, as a phone or a laptop would open the page: three loads of a long page. */
async function screenshotAtEachWidth(page: Page, name: string): Promise<void> {
  test.slow();
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await page.reload();
    await waitForHydration(page);
    await saveScreenshot(page, `${name}-${size.width}`);
  }
}

async function cardValue(page: Page, key: string): Promise<string> {
  const text = await page.getByTestId(`card-${key}`).getByTestId('stat-value').textContent();
  return (text ?? '').trim();
}

async function questionValue(page: Page, key: string): Promise<string> {
  const text = await page.getByTestId(`question-${key}`).getByTestId('question-value').textContent();
  return (text ?? '').trim();
}

test("an overview figure links to the filtered list it counts, and that list shows the figure's number", async ({
  page,
}) => {
  await signIn(page, ROLE_ACCOUNTS.SECURITY);
  await expect(page.getByRole('heading', { name: 'Needs attention now' })).toBeVisible();

  const orphaned = await questionValue(page, 'orphaned');
  expect(Number(orphaned)).toBeGreaterThan(0);
  await page.getByTestId('question-orphaned').getByRole('link', { name: 'See them' }).click();
  await expect(page).toHaveURL(/\/inventory\?orphaned=1$/);
  await expect(page.getByRole('checkbox', { name: 'Orphaned' })).toBeChecked();
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(
    new RegExp(`of ${orphaned} (identity|identities)$`),
  );

  await open(page, '/');
  const findings = await cardValue(page, 'findings');
  await page.getByTestId('card-findings').click();
  await expect(page).toHaveURL(/\/inventory\/findings$/);
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(
    new RegExp(`of ${findings} findings?$`),
  );

  await open(page, '/');
  await screenshotAtEachWidth(page, 'overview-security');
});

test('what needs attention links to the list behind each count', async ({ page }) => {
  const security = ROLE_ACCOUNTS.SECURITY;
  await signIn(page, security);
  await importCsv(page, 'Credentials', [
    'system,name,kind,fingerprint,subjectType,subject,holder,environment,issuedAt,expiresAt,lastRotatedAt',
    `github,Sol's token in the reconciler,PERSONAL_ACCESS_TOKEN,sha256:e2e-overview-borrowed,HUMAN,${security.email},github:app-101,production,,,`,
  ]);
  await open(page, '/');
  const item = page.getByTestId('attention-borrowed-in-production');
  await expect(item).toContainText("Identities using a person's credential in production");
  const count = ((await item.getByTestId('attention-count').textContent()) ?? '').trim();
  expect(Number(count)).toBeGreaterThan(0);
  await screenshotAtEachWidth(page, 'overview-attention');
  await page.setViewportSize(SCREEN_SIZES[0]);
  await item.getByRole('link').click();
  await expect(page).toHaveURL(/\/inventory\?borrowed=1&environment=production$/);
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(
    new RegExp(`of ${count} (identity|identities)$`),
  );
  await expect(page.getByRole('link', { name: 'billing-reconciler-agent' })).toBeVisible();
});

test("a sponsor's overview counts the identities they sponsor only", async ({ page, browser }) => {
  await signIn(page, ROLE_ACCOUNTS.SECURITY);
  const everyone = Number(await cardValue(page, 'nhis'));

  const context = await browser.newContext();
  const sponsorPage = await context.newPage();
  await signIn(sponsorPage, ROLE_ACCOUNTS.SPONSOR);
  const theirs = await cardValue(sponsorPage, 'nhis');
  expect(Number(theirs)).toBeLessThan(everyone);
  await expect(sponsorPage.getByTestId('card-events')).toHaveCount(0);
  await expect(sponsorPage.getByTestId('question-chain')).toHaveCount(0);
  await expect(sponsorPage.getByRole('heading', { name: 'Governance trends' })).toBeVisible();
  await sponsorPage.getByTestId('card-nhis').click();
  await expect(sponsorPage).toHaveURL(/\/inventory$/);
  await expect(sponsorPage.getByRole('navigation', { name: 'Pagination' })).toContainText(
    new RegExp(`of ${theirs} (identity|identities)$`),
  );
  await expect(sponsorPage.getByRole('link', { name: 'nightly-export' })).toHaveCount(0);
  await open(sponsorPage, '/');
  await screenshotAtEachWidth(sponsorPage, 'overview-sponsor');
  await context.close();
});

test("the overview answers Monday's questions, and each governance trend has its numbers and CSV", async ({ page }) => {
  await signIn(page, ROLE_ACCOUNTS.SECURITY);
  for (const question of [
    'How many agents still act as a person?',
    'What is waiting for approval?',
    'What is standing, what is task-scoped?',
    'Which identities are orphaned?',
    'Is the audit chain intact?',
  ])
    await expect(page.getByRole('heading', { name: question })).toBeVisible();
  await expect(
    page.getByTestId('question-chain').getByRole('link', { name: 'Verify the whole chain' }),
  ).toHaveAttribute('href', '/audit/verify');

  const trends = ['credentials', 'burn-down', 'turnaround', 'grant-lifetime', 'orphaned'];
  for (const id of trends) {
    const panel = page.getByTestId(`metric-${id}`);
    await expect(panel.getByRole('img')).toHaveAttribute('aria-label', /day by day over the last 90 days/);
    const csv = panel.getByRole('link', { name: /^CSV/ });
    await expect(csv).toHaveAttribute('download', `steward-${id}-90-days.csv`);
    expect(decodeURIComponent((await csv.getAttribute('href')) ?? '')).toMatch(/^data:text\/csv;charset=utf-8,day,/);
  }
  const credentials = page.getByTestId('metric-credentials');
  await credentials.getByText('Show the numbers').click();
  const table = credentials.getByRole('table', { name: 'Standing vs task-scoped credentials, by day' });
  await expect(table.getByRole('row')).toHaveCount(91);
  await expect(table.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText(
    (await credentials.getByTestId('today-standing').textContent()) ?? '',
  );

  const results = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = results.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''));
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`),
  ).toEqual([]);
});
