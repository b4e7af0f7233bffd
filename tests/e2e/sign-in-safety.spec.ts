import { expect, test, type Request } from '@playwright/test';
import { PASSWORD, ROLE_ACCOUNTS } from './support/accounts';
import { signIn, waitForHydration } from './support/app';

/** Callback URLs that parse to another origin, or to none, in a browser. */
const FOREIGN_CALLBACKS = [
  '/\\evil.example',
  '//evil.example',
  'https://evil.example',
  '/\t/evil.example',
  '\\\\evil.example',
  'javascript:alert(1)',
];

test.describe('the sign-in page never sends a visitor to another site', () => {
  test('a signed-in visitor opening sign-in with a foreign callback URL lands on the dashboard', async ({ page }) => {
    await signIn(page, ROLE_ACCOUNTS.AUDITOR);
    const origin = new URL(page.url()).origin;
    for (const callbackUrl of FOREIGN_CALLBACKS) {
      const response = await page.request.get(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
        maxRedirects: 0,
      });
      expect(response.status(), callbackUrl).toBe(307);
      expect(new URL(response.headers().location ?? '', origin).href, callbackUrl).toBe(`${origin}/`);
    }
    await page.goto(`/signin?callbackUrl=${encodeURIComponent('/\\evil.example')}`);
    await expect(page).toHaveURL('/');
  });

  test("next-auth's own redirect after a password sign-in stays on Steward", async ({ page, baseURL }) => {
    const csrf = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    for (const callbackUrl of ['/\\evil.example', '//evil.example', 'https://evil.example/']) {
      const response = await page.request.post('/api/auth/callback/password', {
        form: {
          csrfToken: csrf.csrfToken,
          email: ROLE_ACCOUNTS.AUDITOR.email,
          password: PASSWORD,
          callbackUrl,
          json: 'true',
        },
      });
      const { url } = (await response.json()) as { url: string };
      expect(url, callbackUrl).toBe(`${baseURL}/`);
    }
  });
});

test.describe('the sign-in form before the page is interactive', () => {
  test('never posts the password to the page nor puts it in a URL', async ({ page }) => {
    const submissions: Request[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'document') submissions.push(request);
    });
    // Without its scripts the page never hydrates: this is the moment before it is interactive, held still.
    await page.route('**/_next/static/**/*.js', (route) => route.abort());
    await page.goto('/signin');

    const submit = page.getByRole('button', { name: 'Sign in', exact: true });
    await expect(submit).toBeDisabled();
    await page.getByLabel('Email', { exact: true }).fill(ROLE_ACCOUNTS.SECURITY.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Password', { exact: true }).press('Enter');

    // Whatever still submits the form natively (a script, an extension) posts to next-auth's CSRF-checked
    // endpoint, which refuses it without the token and sends the visitor back to sign in.
    const native = page.waitForRequest((request) => request.url().includes('/api/auth/callback/password'));
    await page.locator('form').evaluate((form: HTMLFormElement) => form.submit());
    expect((await native).method()).toBe('POST');
    await page.waitForURL(/\/signin\?callbackUrl=/);

    const posted = submissions.filter((request) => request.method() === 'POST');
    expect(posted.map((request) => new URL(request.url()).pathname)).toEqual(['/api/auth/callback/password']);
    for (const request of submissions) expect(request.url()).not.toMatch(/correct(\+|%20| )horse/);
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

    await page.unroute('**/_next/static/**/*.js');
    await page.goto('/signin');
    await waitForHydration(page);
    await expect(submit).toBeEnabled();
  });
});
