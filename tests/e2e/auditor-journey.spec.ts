import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signInToDemo, startDemoApp, type DemoApp } from './support/demo-app';
import { saveScreenshot, waitForHydration } from './support/app';

/**
 * The auditor's way through Steward on the demo organisation: narrow the trail to agents acting with a person's
 * credential, open one such event, take an evidence pack away and verify it with the offline command.
 */

const AUDITOR = 'auditor@acme.example';
let demo: DemoApp;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  demo = await startDemoApp(process.cwd());
});

test.afterAll(async () => {
  await demo?.stop();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('an auditor filters to borrowed credentials, opens an event, exports a pack and verifies it offline', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signInToDemo(page, demo.baseURL, AUDITOR);
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(`${demo.baseURL}/audit`);
  await waitForHydration(page);
  await page.getByRole('combobox', { name: 'Attribution' }).selectOption('AGENT_BORROWED');
  await expect(page).toHaveURL(/[?&]attribution=AGENT_BORROWED/);
  const rows = page.locator('[data-testid^="audit-event-"]');
  await expect(rows.first()).toBeVisible();
  const badges = await rows.locator('td:last-child').allInnerTexts();
  expect(badges.length).toBeGreaterThan(0);
  for (const badge of badges) expect(badge).toContain('borrowed');
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'audit-borrowed');

  const first = rows.first();
  const seq = (await first.getAttribute('data-testid'))?.replace('audit-event-', '') ?? '';
  await first.getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`[?&]seq=${seq}(&|$)`));
  const detail = page.getByRole('heading', { name: `Event #${seq}` });
  await expect(detail).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Place in the chain' })).toBeVisible();
  await expect(page.getByText('Previous hash', { exact: true })).toBeVisible();

  await page.goto(`${demo.baseURL}/evidence`);
  await waitForHydration(page);
  expect(await seriousViolations(page)).toEqual([]);
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From (UTC day)').fill(today);
  await page.getByLabel('To (UTC day, included)').fill(today);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Pack (JSON)' }).click(),
  ]);
  const packFile = testInfo.outputPath('pack.json');
  await download.saveAs(packFile);

  const verify = spawnSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', join(process.cwd(), 'lib/cli/verify.ts'), '--evidence', packFile],
    { encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'file:/nonexistent/never-opened.db' } },
  );
  expect(verify.stdout + verify.stderr).not.toMatch(/FAIL/);
  expect(verify.status).toBe(0);
});
