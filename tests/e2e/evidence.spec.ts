import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { verifyEvidencePack } from '../../lib/evidence/verify-pack';
import { ROLE_ACCOUNTS } from './support/accounts';
import { open, saveScreenshot, signIn, waitForHydration } from './support/app';
import { SCREEN_SIZES } from './support/screens';

// lib/evidence/verify-pack is pure (no database, no server-only code): the same check an auditor runs offline.

const today = () => new Date().toISOString().slice(0, 10);

test('an auditor reads the controls, exports a pack that verifies offline, and is told why a bad range is refused', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, ROLE_ACCOUNTS.AUDITOR);
  await open(page, '/evidence');
  await expect(page.getByRole('heading', { name: 'Evidence', level: 1 })).toBeVisible();
  await expect(page.getByText(/^43 controls:/)).toBeVisible();
  for (const framework of ['OWASP NHI Top 10 (2025)', 'NIST CSF 2.0', 'CMMC 2.0 L2 / NIST SP 800-171']) {
    await expect(page.getByRole('heading', { name: framework })).toBeVisible();
  }
  const goalHijack = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /ASI01/ }) });
  await expect(goalHijack.getByText('Not applicable')).toBeVisible();

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))).toEqual([]);

  await page.getByLabel('From (UTC day)').fill(today());
  await page.getByLabel('To (UTC day, included)').fill(today());
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Pack (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`steward-evidence-${today()}_${today()}.json`);
  const pack = await readFile(await download.path());
  const result = verifyEvidencePack(pack);
  expect(result.checks.filter((check) => !check.ok)).toEqual([]);
  expect(result.ok).toBe(true);
  const keyId = (
    await page
      .getByText(/^[0-9a-f]{64}$/)
      .first()
      .textContent()
  )?.trim();
  expect(result.summary?.keyId).toBe(keyId);

  await page.getByLabel('From (UTC day)').fill('2026-02-01');
  await page.getByLabel('To (UTC day, included)').fill('2026-01-01');
  await page.getByRole('button', { name: 'Pack (JSON)' }).click();
  await expect(page).toHaveURL(/\/evidence\?from=2026-02-01&to=2026-01-01&error=/);
  await expect(page.getByText('The start must come before the end.')).toBeVisible();

  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await open(page, '/evidence');
    await waitForHydration(page);
    await saveScreenshot(page, `evidence-${size.width}`);
  }
});

test('a sponsor has no evidence page', async ({ page }) => {
  await signIn(page, ROLE_ACCOUNTS.SPONSOR);
  const response = await page.goto('/evidence');
  expect(response?.status()).toBe(403);
});
