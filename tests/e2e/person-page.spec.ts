import { expect, test } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { open, saveScreenshot, signIn, waitForHydration } from './support/app';
import { importCsv } from './support/csv-import';
import { SCREEN_SIZES } from './support/screens';

const FLEET = 60;
const fleetName = (index: number) => `fleet-bot-${String(index).padStart(3, '0')}`;

test("a person's page shows their borrowed credentials first and pages every identity they sponsor", async ({
  page,
}) => {
  test.slow(); // two CSV imports and a page at two widths
  // Nobody else's test makes the auditor a sponsor, so the counts below are theirs alone.
  const person = ROLE_ACCOUNTS.AUDITOR;
  await signIn(page, ROLE_ACCOUNTS.SECURITY);
  await importCsv(page, 'Identities', [
    'system,externalId,name,kind,environment,sponsorEmail,description',
    ...Array.from(
      { length: FLEET },
      (_, index) => `fleet,${fleetName(index)},${fleetName(index)},BOT,production,${person.email},`,
    ),
  ]);
  await importCsv(page, 'Credentials', [
    'system,name,kind,fingerprint,subjectType,subject,holder,environment,issuedAt,expiresAt,lastRotatedAt',
    `fleet,Avery's token in the fleet,PERSONAL_ACCESS_TOKEN,sha256:e2e-fleet-borrowed,HUMAN,${person.email},fleet:${fleetName(0)},production,,,`,
  ]);

  await open(page, `/inventory/people?q=${encodeURIComponent(person.email)}`);
  await page.getByRole('link', { name: person.name }).click();
  await expect(page.getByRole('heading', { name: person.name })).toBeVisible();
  const headings = page.locator('main h2');
  await expect(headings.first()).toHaveText('Their credentials used by identities (1)');
  const borrowed = page.getByRole('table', { name: 'Their credentials used by identities' });
  await expect(borrowed.getByRole('row').filter({ hasText: "Avery's token in the fleet" })).toContainText(fleetName(0));

  await expect(page.getByRole('heading', { name: `Identities they sponsor (${FLEET})` })).toBeVisible();
  const sponsored = page.getByRole('table', { name: 'Identities they sponsor' });
  await expect(sponsored.getByRole('link', { name: fleetName(0) })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(`1–50 of ${FLEET} identities`);
  const personUrl = page.url();
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await page.reload();
    await waitForHydration(page);
    await saveScreenshot(page, `person-page-${size.width}`);
  }

  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(`${personUrl}?page=2`);
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(`51–60 of ${FLEET} identities`);
  await expect(sponsored.getByRole('link', { name: fleetName(FLEET - 1) })).toBeVisible();
  await expect(sponsored.getByRole('link', { name: fleetName(0) })).toHaveCount(0);

  await page.goto(`${personUrl}?page=x`);
  await expect(page.getByText('This address has filters Steward does not understand')).toBeVisible();
});
