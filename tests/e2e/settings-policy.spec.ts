import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { open, saveScreenshot, signIn, waitForHydration } from './support/app';

const admin = ROLE_ACCOUNTS.ADMIN;
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

async function screenshotAtEachWidth(page: Page, name: string): Promise<void> {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.reload();
    await waitForHydration(page);
    await saveScreenshot(page, `${name}-${size.width}`);
  }
  await page.setViewportSize(WIDTHS[0]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, `${name}-dark-${WIDTHS[0].width}`);
  await page.emulateMedia({ colorScheme: 'light' });
}

test.describe('Settings: scope policy', () => {
  test('an admin changes the state-changing TTL cap and the verbs of a system, and sees them saved', async ({
    page,
  }) => {
    await signIn(page, admin);
    await open(page, '/settings');
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Scope policy' }).click();
    await expect(page).toHaveURL('/settings/policy');
    await expect(page.getByRole('heading', { name: 'Scope policy' })).toBeVisible();
    await waitForHydration(page);

    const readOnly = page.getByLabel('Read-only scopes', { exact: true });
    const stateChanging = page.getByLabel('State-changing scopes', { exact: true });
    const stateChangingUnit = page.getByLabel('Unit of: State-changing scopes');
    const save = page.getByRole('button', { name: 'Save policy' });
    await expect(readOnly).toHaveValue('8');
    await expect(stateChanging).toHaveValue('1');
    await expect(stateChangingUnit).toHaveValue('hours');

    // Longer than read-only scopes: refused, with what was typed kept.
    await stateChanging.fill('12');
    await save.click();
    await expect(
      page.getByText('State-changing scopes cannot be allowed to last longer than read-only ones.'),
    ).toBeVisible();
    await expect(stateChanging).toHaveAttribute('aria-invalid', 'true');
    await expect(stateChanging).toHaveValue('12');

    await stateChanging.fill('45');
    await stateChangingUnit.selectOption('minutes');
    await page.getByLabel('System 1', { exact: true }).fill('github');
    await page.getByLabel('Verbs that change state in system 1').fill('pulls.merge, contents.write, *.delete');
    const tryAction = page.getByLabel('Try an action');
    await tryAction.fill('github:repos.delete');
    await expect(page.getByText('changes state', { exact: true })).toBeVisible();
    await tryAction.fill('github:pulls.create');
    await expect(page.getByText('read-only', { exact: true })).toBeVisible();
    await save.click();
    await expect(page.getByText('The scope policy is saved.', { exact: false })).toBeVisible();

    await page.reload();
    await waitForHydration(page);
    await expect(stateChanging).toHaveValue('45');
    await expect(stateChangingUnit).toHaveValue('minutes');
    await expect(page.getByLabel('System 1', { exact: true })).toHaveValue('github');
    await expect(page.getByLabel('Verbs that change state in system 1')).toHaveValue(
      'pulls.merge, contents.write, *.delete',
    );

    await screenshotAtEachWidth(page, 'settings-policy');

    // Back to the defaults, so that no other test depends on this one.
    await stateChanging.fill('1');
    await stateChangingUnit.selectOption('hours');
    await page.getByRole('button', { name: 'Remove system 1' }).click();
    await save.click();
    await expect(page.getByText('The scope policy is saved.', { exact: false }).last()).toBeVisible();
    await page.reload();
    await waitForHydration(page);
    await expect(stateChanging).toHaveValue('1');
    await expect(page.getByLabel('System 1', { exact: true })).toHaveValue('');
  });
});

type Received = { headers: IncomingHttpHeaders; body: string };

function signedBy(secret: string, { headers, body }: Received): boolean {
  const parts = Object.fromEntries(
    String(headers['steward-signature'])
      .split(',')
      .map((part) => part.split('=', 2)),
  );
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(String(parts.v1 ?? ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

test.describe('Settings: webhook', () => {
  test('an admin sets the webhook, copies its secret once, and a signed test event arrives; a failure shows', async ({
    page,
  }) => {
    const received: Received[] = [];
    let status = 200;
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/steward`;

    try {
      await signIn(page, admin);
      await open(page, '/settings/webhook');
      await expect(page.getByRole('heading', { name: 'Webhook', exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Send a test event' })).toBeDisabled();

      const urlField = page.getByLabel('URL', { exact: true });
      await urlField.fill('http://hooks.example.com/steward');
      await page.getByRole('button', { name: 'Save webhook' }).click();
      await expect(page.getByText(/^Use https/)).toBeVisible();
      await expect(urlField).toHaveAttribute('aria-invalid', 'true');

      await urlField.fill(url);
      await page.getByRole('button', { name: 'Save webhook' }).click();
      const secretBox = page.getByTestId('webhook-secret');
      await expect(secretBox).toBeVisible();
      const secret = (await secretBox.textContent()) ?? '';
      expect(secret).toMatch(/^stw_whsec_/);
      await page.getByRole('button', { name: 'Done' }).click();
      await expect(secretBox).toHaveCount(0);
      await expect(urlField).toHaveValue(url);
      await expect(page.getByText(secret)).toHaveCount(0);

      await page.getByRole('button', { name: 'Send a test event' }).click();
      await expect(page.getByText('The test event was delivered: the receiver answered 200.')).toBeVisible();
      expect(received).toHaveLength(1);
      expect(signedBy(secret, received[0])).toBe(true);
      const delivered = JSON.parse(received[0].body) as { id: string; event: string };
      expect(delivered.event).toBe('webhook.test');
      await expect(page.getByTestId(`delivery-${delivered.id}`)).toContainText('Delivered');

      status = 500;
      await page.getByRole('button', { name: 'Send a test event' }).click();
      await expect(page.getByText(/The test event was not delivered: The receiver answered 500/)).toBeVisible();
      const failed = JSON.parse(received[1].body) as { id: string };
      await expect(page.getByTestId(`delivery-${failed.id}`)).toContainText('Retrying');
      await expect(page.getByTestId(`delivery-${failed.id}`)).toContainText('The receiver answered 500');

      // Removing the webhook fails what still waits; saving the URL again keeps the secret the receiver has.
      await urlField.fill('');
      await page.getByRole('button', { name: 'Save webhook' }).click();
      await expect(page.getByText('The webhook is removed: no events are sent from now on.')).toBeVisible();
      await expect(page.getByTestId(`delivery-${failed.id}`)).toContainText('Failed');
      await expect(page.getByTestId(`delivery-${failed.id}`)).toContainText('The webhook was removed');
      await urlField.fill(url);
      await page.getByRole('button', { name: 'Save webhook' }).click();
      await expect(page.getByText('The webhook is saved.', { exact: true })).toBeVisible();
      await expect(secretBox).toHaveCount(0);

      await screenshotAtEachWidth(page, 'settings-webhook');

      // Removed again, so that scope events of other tests are not queued for a receiver that is gone.
      await urlField.fill('');
      await page.getByRole('button', { name: 'Save webhook' }).click();
      await expect(page.getByText('The webhook is removed: no events are sent from now on.').last()).toBeVisible();
      await expect(urlField).toHaveValue('');
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
