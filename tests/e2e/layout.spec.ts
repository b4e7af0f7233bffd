import { expect, test, type Locator, type Page } from '@playwright/test';
import { saveScreenshot, waitForHydration } from './support/app';
import { DEMO_ADMIN, DEMO_SECURITY, LONG_NAMED, signInToDemo, startDemoApp, type DemoApp } from './support/demo-app';

/**
 * How the dashboard fits the screens people use, on a demo-sized inventory (its own server and database):
 * a 1440 px laptop, a 390 px phone, and the dark theme. Screenshots go to
 * test-results/screenshots/ for a person to look at.
 */

const DEMO_SETUP_TIMEOUT_MS = 240_000;
let demo: DemoApp;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(DEMO_SETUP_TIMEOUT_MS);
  demo = await startDemoApp(process.cwd());
});

test.afterAll(async () => {
  await demo?.stop();
});

async function go(page: Page, path: string): Promise<void> {
  const response = await page.goto(`${demo.baseURL}${path}`);
  expect(response?.status(), path).toBe(200);
  await waitForHydration(page);
}

/** The header cell's right edge is on screen: the column can be read without scrolling sideways. */
async function expectWithinViewport(header: Locator, viewportWidth: number, what?: string): Promise<void> {
  await expect(header).toBeVisible();
  const box = await header.boundingBox();
  expect(box, 'the header has a box').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(
    box!.x + box!.width,
    `${what ?? (await header.innerText())} ends inside the ${viewportWidth} px viewport`,
  ).toBeLessThanOrEqual(viewportWidth);
}

function columnHeader(page: Page, name: string | RegExp): Locator {
  return page.getByRole('columnheader', { name });
}

/** Nothing on the page is wider than the screen: wide tables scroll inside their card instead. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the page scrolls sideways by this many pixels').toBeLessThanOrEqual(0);
}

/** The page background's mean channel value, 0 (black) to 255 (white), whatever colour syntax it is in. */
async function backgroundLightness(page: Page): Promise<number> {
  return page.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d')!;
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [red, green, blue] = context.getImageData(0, 0, 1, 1).data;
    return (red + green + blue) / 3;
  });
}

const RISK_COLUMNS = ['Credentials', 'Last seen', 'Findings'] as const;

for (const viewport of [{ width: 1440, height: 900 }]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('the identities table shows its risk columns and its sort marker without scrolling', async ({ page }) => {
      await signInToDemo(page, demo.baseURL, DEMO_SECURITY);
      await go(page, '/inventory');
      for (const name of ['Name', 'Sponsor', 'Status', ...RISK_COLUMNS]) {
        await expectWithinViewport(columnHeader(page, name), viewport.width);
      }
      await expect(page.getByText(/standing$/).first()).toBeVisible();
      await saveScreenshot(page, `inventory-${viewport.width}`);

      // Sorted by a column shown only on request: that column appears, with its marker, on screen.
      await go(page, '/inventory?sort=severity');
      const severity = columnHeader(page, 'Severity');
      await expect(severity).toHaveAttribute('aria-sort', 'descending');
      await expectWithinViewport(severity, viewport.width);
      await expectWithinViewport(severity.locator('svg'), viewport.width, 'the sort marker');
      await saveScreenshot(page, `inventory-sorted-by-severity-${viewport.width}`);

      await go(page, `/inventory?q=${encodeURIComponent(LONG_NAMED.identities[0].slice(0, 30))}`);
      for (const name of RISK_COLUMNS) await expectWithinViewport(columnHeader(page, name), viewport.width);
      await saveScreenshot(page, `inventory-long-names-${viewport.width}`);
    });

    test('the credentials table and an identity’s credentials fit too', async ({ page }) => {
      await signInToDemo(page, demo.baseURL, DEMO_SECURITY);
      await go(page, '/inventory/credentials');
      for (const name of ['Name', 'Authenticates as', 'Age', 'Expiry', 'Last used', 'Status']) {
        await expectWithinViewport(columnHeader(page, name), viewport.width);
      }
      await saveScreenshot(page, `credentials-${viewport.width}`);

      await go(page, '/inventory?sort=credentials');
      await page.getByRole('table').locator('tbody').getByRole('link').first().click();
      await expect(page.getByRole('table', { name: 'Credentials of this identity' })).toBeVisible();
      await waitForHydration(page);
      const credentials = page.getByRole('table', { name: 'Credentials of this identity' });
      for (const name of ['Name', 'Status']) {
        await expectWithinViewport(credentials.getByRole('columnheader', { name }), viewport.width);
      }
      await saveScreenshot(page, `identity-detail-${viewport.width}`);
    });
  });
}

test.describe('the column chooser', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('shows more columns on request, and the address keeps the choice', async ({ page }) => {
    await signInToDemo(page, demo.baseURL, DEMO_SECURITY);
    await go(page, '/inventory');
    await expect(columnHeader(page, 'Kind')).toHaveCount(0);
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Kind' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Environment' }).click();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/cols=kind%2Cenvironment|cols=kind,environment/);
    await expect(columnHeader(page, 'Kind')).toBeVisible();
    await expect(columnHeader(page, 'Environment')).toBeVisible();
    await page.reload();
    await expect(columnHeader(page, 'Kind')).toBeVisible();
    // Sorting and paging keep the chosen columns.
    await columnHeader(page, 'Last seen').getByRole('link').click();
    await expect(page).toHaveURL(/sort=lastSeen/);
    await expect(columnHeader(page, 'Environment')).toBeVisible();
  });
});

test.describe('paging a demo-sized inventory', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('shows the page count, jumps to a page, and says when a page is past the end', async ({ page }) => {
    await signInToDemo(page, demo.baseURL, DEMO_SECURITY);
    await go(page, '/inventory');
    const paging = page.getByRole('navigation', { name: 'Pagination' });
    await expect(paging.getByText(/^1–50 of [\d,]+ identities$/)).toBeVisible();
    const pageCount = Number((await paging.getByText(/^of [\d,]+$/).innerText()).replace(/\D/g, ''));
    expect(pageCount).toBeGreaterThan(3);

    await paging.getByLabel('Page').fill('3');
    await paging.getByLabel('Page').press('Enter');
    await expect(page).toHaveURL(/page=3/);
    await expect(paging.getByText(/^101–150 of/)).toBeVisible();

    await go(page, `/inventory?sort=lastSeen&page=${pageCount + 5}`);
    await expect(page.getByRole('heading', { name: `There is no page ${pageCount + 5}` })).toBeVisible();
    await page.getByRole('link', { name: `Go to the last page (${pageCount})` }).click();
    await expect(page).toHaveURL(new RegExp(`sort=lastSeen&page=${pageCount}$`));
    await expect(page.getByRole('table')).toBeVisible();
  });
});

const PAGES = [
  ['overview', '/'],
  ['inventory', '/inventory'],
  ['credentials', '/inventory/credentials'],
  ['people', '/inventory/people'],
  ['borrowed', '/borrowed'],
  ['approvals', '/approvals'],
  ['approvals-grants', '/approvals/grants'],
  ['approvals-revoke', '/approvals/revoke'],
  ['audit', '/audit'],
  ['evidence', '/evidence'],
  ['settings-people', '/settings/people'],
  ['settings-api-keys', '/settings/api-keys'],
  ['settings-policy', '/settings/policy'],
  ['settings-webhook', '/settings/webhook'],
] as const;

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the navigation is a menu that opens, is keyboard-usable, and closes on the way to a page', async ({ page }) => {
    await signInToDemo(page, demo.baseURL, DEMO_ADMIN);
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await saveScreenshot(page, 'phone-overview');

    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.focus();
    await page.keyboard.press('Enter');
    const sheet = page.getByRole('dialog', { name: /Navigation/ });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveCount(7);
    await saveScreenshot(page, 'phone-menu-open');
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    await expect(menu).toBeFocused();

    await menu.click();
    await sheet.getByRole('link', { name: 'Inventory' }).click();
    await expect(page).toHaveURL(`${demo.baseURL}/inventory`);
    await expect(sheet).toHaveCount(0);
  });

  test('no page is cut off: wide tables scroll inside their card', async ({ page }) => {
    test.setTimeout(120_000);
    await signInToDemo(page, demo.baseURL, DEMO_ADMIN);
    for (const [name, path] of PAGES) {
      await go(page, path);
      await expectNoSidewaysScroll(page);
      await saveScreenshot(page, `phone-${name}`);
    }
  });
});

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark', viewport: { width: 1440, height: 900 } });

  test('every page follows the system setting, charts included', async ({ page }) => {
    test.setTimeout(120_000);
    await signInToDemo(page, demo.baseURL, DEMO_ADMIN);
    for (const [name, path] of PAGES) {
      await go(page, path);
      expect(await backgroundLightness(page), `${path} has a dark background`).toBeLessThan(60);
      await saveScreenshot(page, `dark-${name}`);
    }
    await go(page, '/inventory?sort=severity');
    await saveScreenshot(page, 'dark-inventory-severity');
  });

  test('on a phone too', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInToDemo(page, demo.baseURL, DEMO_ADMIN);
    await page.getByRole('button', { name: 'Menu' }).click();
    await saveScreenshot(page, 'dark-phone-menu-open');
  });
});
