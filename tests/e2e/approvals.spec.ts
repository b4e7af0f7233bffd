import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { open, saveScreenshot, signIn } from './support/app';

const security = ROLE_ACCOUNTS.SECURITY;
const sponsor = ROLE_ACCOUNTS.SPONSOR;

test.describe.configure({ mode: 'serial' });

function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${test.info().retry}`;
}

/** The agent the requests come from: registered for this spec, sponsored by the sponsor, with its own key. */
const agent = { name: '', key: '' };

type ScopeBody = {
  task: string;
  justification: string;
  actions: string[];
  resources: string[];
  ttlSeconds: number;
  initiator: string;
  maxUses?: number;
};

async function requestScope(request: APIRequestContext, body: ScopeBody): Promise<string> {
  const response = await request.post('/api/v1/scope-requests', {
    headers: { authorization: `Bearer ${agent.key}` },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return id;
}

async function scopeStatus(request: APIRequestContext, id: string): Promise<{ status: string; expiresAt?: string }> {
  const response = await request.get(`/api/v1/scope-requests/${id}`, {
    headers: { authorization: `Bearer ${agent.key}` },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as { status: string; expiresAt?: string };
}

function readOnlyRequest(task: string): ScopeBody {
  return {
    task,
    justification: 'Compare the ledger with the invoices merged this month and report the differences.',
    actions: ['github:contents.read', 'github:pulls.read'],
    resources: ['github:acme/billing/*', 'github:acme/ledger/*'],
    ttlSeconds: 2 * 3600,
    initiator: security.email,
  };
}

/** The queue's card for one request, found by its task. */
function requestCard(page: Page, task: string) {
  return page.getByRole('article').filter({ has: page.getByRole('heading', { name: task }) });
}

/** What axe finds against WCAG 2 A and AA in the page's main content (or the open dialog), as readable lines. */
async function accessibilityViolations(page: Page, within = 'main'): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(within).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/** A dialog as the window shows it: a full-page picture would stretch the page behind it. */
async function viewportShots(page: Page, name: string): Promise<void> {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(test.info().project.outputDir, 'screenshots', `${name}-${size.width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function atWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await saveScreenshot(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.beforeAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  try {
    await signIn(page, security);
    agent.name = unique('invoice-reconciler').replace(' ', '-');
    await open(page, '/inventory/identities/new');
    await page.getByLabel('Name', { exact: true }).fill(agent.name);
    await page.getByLabel('System', { exact: true }).fill('github');
    await page.getByLabel('External identifier', { exact: true }).fill(`app-${agent.name}`);
    await page.getByLabel('Sponsor', { exact: true }).selectOption({ label: `${sponsor.name} · ${sponsor.email}` });
    await page.getByRole('button', { name: 'Add identity' }).click();
    await expect(page).toHaveURL(/\/inventory\/identities\/[^/]+\?created=1$/);

    await open(page, '/settings/api-keys');
    await page.getByRole('button', { name: 'Create a key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name', { exact: true }).fill(`${agent.name}-key`);
    await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: 'Agent' });
    await dialog.getByRole('combobox', { name: 'Identity', exact: true }).fill(agent.name);
    await page.getByRole('option').filter({ hasText: agent.name }).first().click();
    await dialog.getByRole('button', { name: 'Create key' }).click();
    agent.key = (await page.getByTestId('api-key-secret').textContent()) ?? '';
    expect(agent.key).not.toBe('');
  } finally {
    await context.close();
  }
});

test('a sponsor approves a request for a shorter time and fewer resources, finds it under active grants and revokes it', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const task = unique('Reconcile the March invoices');
  const id = await requestScope(request, readOnlyRequest(task));

  await signIn(page, sponsor);
  await open(page, '/approvals');
  const card = requestCard(page, task);
  await expect(card).toContainText('Compare the ledger with the invoices merged this month');
  await expect(card).toContainText(security.name);
  await expect(card).toContainText('github:pulls.read');
  await expect(card).toContainText('github:acme/ledger/*');
  await expect(card).toContainText('2 hours');
  await expect(card).toContainText(/Low risk|Medium risk|High risk/);
  await expect(card.getByRole('link', { name: agent.name })).toBeVisible();
  await atWidths(page, 'approvals-queue');
  expect(await accessibilityViolations(page)).toEqual([]);

  await card.getByRole('button', { name: 'Approve…' }).click();
  const dialog = page.getByRole('dialog', { name: `Approve “${task}”?` });
  await dialog.getByLabel('Lifetime').selectOption({ label: '30 minutes' });
  await dialog.getByLabel('Resources').fill('github:acme/billing/*');
  await viewportShots(page, 'approvals-approve-dialog');
  expect(await accessibilityViolations(page, '[role="dialog"]')).toEqual([]);
  await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByText('Approved: the agent may fetch its task token now.')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(requestCard(page, task)).toHaveCount(0);

  const approved = await scopeStatus(request, id);
  expect(approved.status).toBe('APPROVED');
  const lifetime = new Date(approved.expiresAt ?? 0).getTime() - Date.now();
  expect(lifetime).toBeGreaterThan(25 * 60_000);
  expect(lifetime).toBeLessThanOrEqual(30 * 60_000);

  await page.getByRole('navigation', { name: 'Approvals' }).getByRole('link', { name: 'Active grants' }).click();
  await expect(page).toHaveURL('/approvals/grants');
  const grant = page.getByRole('row').filter({ hasText: task });
  await expect(grant).toContainText(/2\d minutes left/);
  await expect(grant).toContainText('github:acme/billing/*');
  await expect(grant).not.toContainText('github:acme/ledger/*');
  await expect(grant).toContainText('Not fetched');
  await atWidths(page, 'approvals-active-grants');
  expect(await accessibilityViolations(page)).toEqual([]);

  await grant.getByRole('button', { name: 'Revoke' }).click();
  const revoke = page.getByRole('dialog', { name: `Revoke “${task}”?` });
  await revoke.getByRole('button', { name: 'Revoke grant' }).click();
  await expect(revoke.getByText('Give a reason: it is recorded.')).toBeVisible();
  await revoke.getByLabel('Reason').fill('The reconciliation moved to next week');
  await revoke.getByRole('button', { name: 'Revoke grant' }).click();
  await expect(page.getByText('Revoked: its task token is refused from the next decision on.')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: task })).toHaveCount(0);
  expect((await scopeStatus(request, id)).status).toBe('REVOKED');
});

test('a sponsor denies a request, and the reason is asked for before anything is recorded', async ({
  page,
  request,
}) => {
  const task = unique('Export every customer record');
  const id = await requestScope(request, {
    ...readOnlyRequest(task),
    actions: ['github:contents.read'],
    resources: ['github:acme/*'],
  });

  await signIn(page, sponsor);
  await open(page, '/approvals');
  const card = requestCard(page, task);
  await card.getByRole('button', { name: 'Deny…' }).click();
  const dialog = page.getByRole('dialog', { name: `Deny “${task}”?` });
  await dialog.getByRole('button', { name: 'Deny', exact: true }).click();
  await expect(dialog.getByText('Give a reason: it is recorded.')).toBeVisible();
  expect((await scopeStatus(request, id)).status).toBe('PENDING');

  await dialog.getByLabel('Reason').fill('Every repository of the organisation is far more than the task needs');
  await dialog.getByRole('button', { name: 'Deny', exact: true }).click();
  await expect(page.getByText('Denied: the agent is told so the next time it asks.')).toBeVisible();
  await expect(requestCard(page, task)).toHaveCount(0);
  expect((await scopeStatus(request, id)).status).toBe('DENIED');
});

test('nobody decides on a task they initiated, and nobody gives both approvals of a risky scope', async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const own = unique('Tag the release candidate');
  const ownId = await requestScope(request, { ...readOnlyRequest(own), initiator: sponsor.email });
  const risky = unique('Merge the payments hotfix');
  const riskyId = await requestScope(request, {
    task: risky,
    justification: 'The on-call engineer asked for the hotfix to be merged tonight.',
    actions: ['github:pulls.merge'],
    resources: ['github:acme/payments-production/*'],
    ttlSeconds: 3600,
    initiator: ROLE_ACCOUNTS.AUDITOR.email,
  });

  await signIn(page, sponsor);
  await open(page, '/approvals');
  const ownCard = requestCard(page, own);
  await expect(ownCard.getByTestId('decision-blocked')).toHaveText(
    'Separation of duties. You initiated this task: someone else must decide on its scope.',
  );
  await expect(ownCard.getByRole('button')).toHaveCount(0);

  const asSecurity = await browser.newContext({ baseURL });
  const asAdmin = await browser.newContext({ baseURL });
  try {
    const stale = await asSecurity.newPage();
    await signIn(stale, security);
    await open(stale, '/approvals');
    await expect(requestCard(stale, risky)).toContainText(
      'State-changing and risky: Security approves it too after you.',
    );

    const fresh = await asSecurity.newPage();
    await open(fresh, '/approvals');
    await requestCard(fresh, risky).getByRole('button', { name: 'Approve…' }).click();
    await fresh
      .getByRole('dialog', { name: `Approve “${risky}”?` })
      .getByRole('button', { name: 'Approve', exact: true })
      .click();
    await expect(
      fresh.getByText('Approved on your part: Security approves it too before the agent gets a token.'),
    ).toBeVisible();
    await expect(requestCard(fresh, risky).getByTestId('decision-blocked')).toContainText(
      'You gave the first approval: the second must come from someone else.',
    );

    await requestCard(stale, risky).getByRole('button', { name: 'Approve…' }).click();
    const refused = stale.getByRole('dialog', { name: `Approve “${risky}”?` });
    await refused.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(refused.getByRole('alert')).toHaveText(
      'You gave the first approval: the second must come from someone else.',
    );
    await viewportShots(stale, 'approvals-separation-of-duties-refusal');
    expect((await scopeStatus(request, riskyId)).status).toBe('PENDING');

    await page.reload();
    const waiting = requestCard(page, risky);
    await expect(waiting).toContainText('Second approval');
    await expect(waiting.getByTestId('decision-blocked')).toHaveText(
      'This scope waits for a second approval by Security. Nothing more is needed from you.',
    );
    await atWidths(page, 'approvals-queue-blocked');

    const admin = await asAdmin.newPage();
    await signIn(admin, ROLE_ACCOUNTS.ADMIN);
    await open(admin, '/approvals');
    await requestCard(admin, risky).getByRole('button', { name: 'Approve…' }).click();
    await admin
      .getByRole('dialog', { name: `Approve “${risky}”?` })
      .getByRole('button', { name: 'Approve', exact: true })
      .click();
    await expect(admin.getByText('Approved: the agent may fetch its task token now.')).toBeVisible();
    expect((await scopeStatus(request, riskyId)).status).toBe('APPROVED');

    await open(fresh, '/approvals');
    await requestCard(fresh, own).getByRole('button', { name: 'Deny…' }).click();
    const deny = fresh.getByRole('dialog', { name: `Deny “${own}”?` });
    await deny.getByLabel('Reason').fill('Tagging is done by the release pipeline, not an agent');
    await deny.getByRole('button', { name: 'Deny', exact: true }).click();
    await expect(fresh.getByText('Denied: the agent is told so the next time it asks.')).toBeVisible();
    expect((await scopeStatus(request, ownId)).status).toBe('DENIED');
  } finally {
    await asAdmin.close();
    await asSecurity.close();
  }
});

test('the kill switch: a sponsor suspends the agent, then revokes every grant it holds', async ({ page, request }) => {
  test.setTimeout(60_000);
  const tasks = [unique('Read the audit export'), unique('List the open invoices')];
  const ids: string[] = [];
  for (const task of tasks) ids.push(await requestScope(request, readOnlyRequest(task)));

  await signIn(page, sponsor);
  await open(page, '/approvals');
  for (const task of tasks) {
    await requestCard(page, task).getByRole('button', { name: 'Approve…' }).click();
    await page
      .getByRole('dialog', { name: `Approve “${task}”?` })
      .getByRole('button', { name: 'Approve', exact: true })
      .click();
    await expect(requestCard(page, task)).toHaveCount(0);
  }
  for (const id of ids) expect((await scopeStatus(request, id)).status).toBe('APPROVED');

  await open(page, '/approvals/grants');
  const section = page.getByTestId('agent-grants').filter({ hasText: agent.name });
  await section.getByRole('link', { name: 'Only its grants' }).click();
  await expect(page.getByText(`Only the grants of ${agent.name}.`)).toBeVisible();
  await expect(section.getByRole('row').filter({ hasText: tasks[0] })).toBeVisible();
  await expect(section.getByRole('row').filter({ hasText: tasks[1] })).toBeVisible();

  await section.getByRole('button', { name: 'Suspend agent' }).click();
  const suspend = page.getByRole('dialog', { name: `Suspend ${agent.name}?` });
  await expect(suspend).toContainText('Only the security team can lift the suspension.');
  await suspend.getByRole('button', { name: 'Suspend', exact: true }).click();
  await expect(
    page.getByText(`${agent.name} is suspended: every runtime decision for it is now a deny.`),
  ).toBeVisible();
  await expect(section).toContainText('Suspended: every runtime decision for it is a deny');
  await expect(section.getByRole('button', { name: 'Suspend agent' })).toHaveCount(0);

  await section.getByRole('button', { name: 'Revoke all its grants' }).click();
  const revokeAll = page.getByRole('dialog', { name: `Revoke every grant of ${agent.name}?` });
  await revokeAll.getByLabel('Reason').fill('The agent is being investigated');
  await revokeAll.getByRole('button', { name: 'Revoke all' }).click();
  await expect(page.getByText(/^\d+ grants revoked: every task token of the agent is refused/)).toBeVisible();
  await expect(section).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'This identity holds no active grant' })).toBeVisible();
});

test('with nothing left to decide the queue says so, and a bad address is answered calmly', async ({ page }) => {
  await signIn(page, sponsor);
  await open(page, '/approvals');
  await expect(page.getByRole('heading', { name: 'Nothing waits for you' })).toBeVisible();
  await atWidths(page, 'approvals-empty-queue');

  await open(page, '/approvals?page=x');
  await expect(page.getByText('This address has filters Steward does not understand')).toBeVisible();
  await open(page, '/approvals/grants?page=-1');
  await expect(page.getByText('This address has filters Steward does not understand')).toBeVisible();
});
