import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { open, saveScreenshot, signIn, signOut, waitForHydration } from './support/app';
import { SCREEN_SIZES } from './support/screens';

test('a security lead signs a checkpoint; an auditor verifies the chain against it and may not sign', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signIn(page, ROLE_ACCOUNTS.SECURITY);
  await open(page, '/audit/verify');
  await expect(page.getByRole('heading', { name: 'Chain verification', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Sign a checkpoint now' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign checkpoint' }).click();
  await expect(page.getByText(/^Signed a checkpoint at seq \d+\.$/).first()).toBeVisible();
  await signOut(page);

  await signIn(page, ROLE_ACCOUNTS.AUDITOR);
  await open(page, '/audit/verify');
  await expect(page.getByRole('button', { name: 'Sign a checkpoint now' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Verify the chain now' }).click();
  await expect(page.getByText(/^Intact up to seq \d+/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/^Matches the signed checkpoint at seq \d+/)).toBeVisible();

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))).toEqual([]);

  const published = await request.get('/.well-known/steward-checkpoint-key');
  expect(published.status()).toBe(200);
  const key = (await published.json()) as { keyId: string; algorithm: string; publicKeyPem: string };
  expect(key.algorithm).toBe('Ed25519');
  await expect(page.getByText(key.keyId, { exact: true }).first()).toBeVisible();

  const verified = await page.request.get('/api/v1/audit/verify');
  const result = (await verified.json()) as { ok: boolean; checkpoint?: { seq: number; keyId: string; ok: boolean } };
  expect(result).toMatchObject({ ok: true, checkpoint: { keyId: key.keyId, ok: true } });

  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await open(page, '/audit/verify');
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Verify the chain now' }).click();
    await expect(page.getByText(/^Intact up to seq \d+/)).toBeVisible({ timeout: 60_000 });
    await saveScreenshot(page, `audit-verify-${size.width}`);
  }
});
