import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { open, saveScreenshot, signIn, signOut } from './support/app';

const security = ROLE_ACCOUNTS.SECURITY;
const sponsor = ROLE_ACCOUNTS.SPONSOR;

const ALLOWED_CALL = { action: 'github:pulls.read', resource: 'github:acme/payments/pulls/7' };

function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}`;
}

/** A new AI agent sponsored by the sponsor, with its own agent key, made in the dashboard as Security would. */
async function registerAgent(page: Page, name: string): Promise<string> {
  await open(page, '/inventory/identities/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('System', { exact: true }).fill('github');
  await page.getByLabel('External identifier', { exact: true }).fill(`app-${name}`);
  await page.getByLabel('Sponsor', { exact: true }).selectOption({ label: `${sponsor.name} · ${sponsor.email}` });
  await page.getByRole('button', { name: 'Add identity' }).click();
  await expect(page).toHaveURL(/\/inventory\/identities\/[^/]+\?created=1$/);

  await open(page, '/settings/api-keys');
  await page.getByRole('button', { name: 'Create a key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create an API key' });
  await dialog.getByLabel('Name', { exact: true }).fill(`${name}-key`);
  await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: 'Agent' });
  await dialog.getByRole('combobox', { name: 'Identity', exact: true }).fill(name);
  await page.getByRole('option').filter({ hasText: name }).first().click();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const key = (await page.getByTestId('api-key-secret').textContent()) ?? '';
  expect(key).not.toBe('');
  const secretDialog = page.getByRole('dialog', { name: 'Copy the secret now' });
  await secretDialog.getByRole('button', { name: 'Done' }).click();
  await expect(secretDialog).toBeHidden();
  return key;
}

async function requestScope(request: APIRequestContext, key: string, task: string): Promise<string> {
  const response = await request.post('/api/v1/scope-requests', {
    headers: { authorization: `Bearer ${key}` },
    data: {
      task,
      justification: 'Summarise the open pull requests of the payments service for the release notes.',
      actions: [ALLOWED_CALL.action],
      resources: ['github:acme/payments/*'],
      ttlSeconds: 3600,
      initiator: security.email,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function fetchToken(request: APIRequestContext, key: string, id: string): Promise<string> {
  const response = await request.post(`/api/v1/scope-requests/${id}/token`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

async function decide(request: APIRequestContext, token: string): Promise<{ decision: string; reason: string }> {
  const response = await request.post('/api/v1/authorize', {
    headers: { authorization: `Bearer ${token}` },
    data: ALLOWED_CALL,
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { decision: string; reason: string };
}

test('Security previews a bulk revocation, confirms it by typing, and the receipt shows the token refused', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const agent = unique('payments-summariser');
  const task = unique('Summarise the payments pull requests');

  await signIn(page, security);
  const key = await registerAgent(page, agent);
  const scopeId = await requestScope(request, key, task);
  await signOut(page);

  await signIn(page, sponsor);
  await open(page, '/approvals');
  const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: task }) });
  await card.getByRole('button', { name: 'Approve…' }).click();
  await page
    .getByRole('dialog', { name: `Approve “${task}”?` })
    .getByRole('button', { name: 'Approve', exact: true })
    .click();
  await expect(page.getByText('Approved: the agent may fetch its task token now.')).toBeVisible();
  await signOut(page);

  const token = await fetchToken(request, key, scopeId);
  expect(await decide(request, token)).toMatchObject({ decision: 'allow', reason: 'ALLOWED' });

  await signIn(page, security);
  await open(page, '/approvals/revoke');
  await page
    .locator('label')
    .filter({ hasText: /^Identity/ })
    .click();
  await page.getByRole('combobox', { name: 'Identity' }).fill(agent);
  await page.getByRole('option').filter({ hasText: agent }).first().click();
  await page.getByRole('button', { name: 'Preview impact' }).click();

  await expect(page.getByRole('heading', { name: `2. What revoking ${agent} ends` })).toBeVisible();
  await expect(page.getByTestId('impact-scopes')).toHaveText('1');
  await expect(page.getByTestId('impact-tokens')).toHaveText('1');
  await expect(page.getByRole('list', { name: 'Approved scopes to revoke' })).toContainText(task);
  await expect(page.getByRole('list', { name: 'People affected' })).toContainText(sponsor.name);
  const revoke = page.getByRole('button', { name: 'Revoke now' });
  await expect(revoke).toBeDisabled();
  await page.getByLabel('Reason').fill('The payments repository was moved; the agent must ask again.');
  await page.getByLabel(`Type ${agent} to confirm`).fill(agent.slice(0, -1));
  await expect(revoke).toBeDisabled();
  await page.getByLabel(`Type ${agent} to confirm`).fill(agent);
  await saveScreenshot(page, 'bulk-revocation-preview');
  await revoke.click();

  const receipt = page.getByTestId('revocation-receipt');
  await expect(receipt.getByRole('status')).toContainText(
    'The revoked task token is now refused by the decision code that serves /authorize.',
  );
  await expect(receipt.getByTestId('receipt-counts')).toHaveText('1 scope, 1 task token, 0 other credentials');
  const row = receipt.getByTestId('receipt-token');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(scopeId);
  await expect(row.getByText('Refused · TOKEN_REVOKED')).toHaveCount(2);
  await saveScreenshot(page, 'bulk-revocation-receipt');
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, 'bulk-revocation-receipt-390');

  expect(await decide(request, token)).toMatchObject({ decision: 'deny', reason: 'TOKEN_REVOKED' });
});
