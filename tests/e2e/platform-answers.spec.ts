import { expect, test } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { expectDashboardOf, submitSignInForm } from './support/app';
import { e2eEnvironment } from './support/environment';

/** The same server under the other name of the loopback interface than the one it is configured with. */
function loopbackAddress(path: string): string {
  const configured = new URL(e2eEnvironment().baseURL);
  return `http://127.0.0.1:${configured.port}${path}`;
}

async function expectApiError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
}

test.describe('every answer under /api/v1 is the API’s JSON error body', () => {
  test('an unknown path is a JSON 404, whatever the method', async () => {
    const { baseURL } = e2eEnvironment();
    await expectApiError(await fetch(`${baseURL}/api/v1/no-such-endpoint`), 404, 'NOT_FOUND');
    await expectApiError(await fetch(`${baseURL}/api/v1/audit/nothing/here`, { method: 'POST' }), 404, 'NOT_FOUND');
  });

  test('a method an endpoint does not serve is a JSON 405 naming the ones it does', async () => {
    const response = await fetch(`${e2eEnvironment().baseURL}/api/v1/identities`);
    expect(response.headers.get('allow')).toBe('POST');
    await expectApiError(response, 405, 'METHOD_NOT_ALLOWED');
  });

  test('headers over the server’s limit are a JSON 431', async () => {
    const response = await fetch(`${e2eEnvironment().baseURL}/api/v1/identities`, {
      method: 'POST',
      headers: { 'X-Padding': 'a'.repeat(20_000) },
    });
    await expectApiError(response, 431, 'HEADERS_TOO_LARGE');
  });
});

test('a server action posted from another site is refused with a 403', async () => {
  const { baseURL } = e2eEnvironment();
  const response = await fetch(`${baseURL}/`, {
    method: 'POST',
    headers: { 'Next-Action': '0123456789abcdef', Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
    body: '[]',
  });
  expect(response.status).toBe(403);
});

test.describe('Steward under another name than its configured one', () => {
  test('sends a page to the same path on the configured origin', async () => {
    const { baseURL } = e2eEnvironment();
    const response = await fetch(loopbackAddress('/signin?callbackUrl=%2Finventory'), { redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe(`${baseURL}/signin?callbackUrl=%2Finventory`);
  });

  test('a newcomer who opens 127.0.0.1 signs in and reaches the dashboard', async ({ page }) => {
    const person = ROLE_ACCOUNTS.SECURITY;
    await page.goto(loopbackAddress('/'));
    await expect(page).toHaveURL(`${e2eEnvironment().baseURL}/signin?callbackUrl=%2F`);
    await submitSignInForm(page, person.email, person.password!);
    await expect(page).toHaveURL(`${e2eEnvironment().baseURL}/`);
    await expectDashboardOf(page, person, 'SECURITY');
  });
});
