import { expect, test, type Browser, type Page } from '@playwright/test';
import { CHANGELING, ROLE_ACCOUNTS } from './support/accounts';
import { open, saveScreenshot, signIn } from './support/app';

const security = ROLE_ACCOUNTS.SECURITY;
const sponsor = ROLE_ACCOUNTS.SPONSOR;
const admin = ROLE_ACCOUNTS.ADMIN;
/** Sponsored by the sponsor throughout the suite (another spec hands billing-reconciler-agent to the admin). */
const SPONSORED_AGENT = 'support-triage-agent';

function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${test.info().retry}`;
}

/** Types into a searchable picker and picks the first suggestion that carries this name. */
async function pick(page: Page, label: string, query: string, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.fill(query);
  await page.getByRole('option').filter({ hasText: option }).first().click();
  await expect(box).toHaveValue(option);
}

/** As security, records a person's credential held by the sponsor's agent, through the credential form. */
async function addBorrowedCredential(page: Page, name: string): Promise<void> {
  await open(page, '/inventory/credentials/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Personal access token' });
  await page.getByLabel('System', { exact: true }).fill('github');
  await page.getByLabel('Fingerprint', { exact: true }).fill(`sha256:${name}`);
  await page.getByLabel('Authenticates as').selectOption('HUMAN');
  await pick(page, 'Person', 'sponsor@e2e', sponsor.name);
  await pick(page, 'Held by', 'support-triage', SPONSORED_AGENT);
  await page.getByRole('button', { name: 'Add credential' }).click();
  await expect(page).toHaveURL(/\/inventory\/credentials\?created=1$/);
}

async function signedInPage(browser: Browser, baseURL: string | undefined, person: typeof security) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, person);
  return { context, page };
}

test('security adds a credential by searching for the person and the holding identity, kinds labelled', async ({
  page,
}) => {
  await signIn(page, security);
  await open(page, '/inventory/credentials/new');
  await expect(page.getByLabel('Kind', { exact: true }).locator('option')).toContainText([
    'Password',
    'Personal access token',
    'SSH key',
  ]);
  // Searchable pickers, not selects of every identity in the inventory.
  await expect(page.getByRole('combobox', { name: 'Identity', exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Held by', exact: true })).toBeVisible();
  await page.getByRole('combobox', { name: 'Held by', exact: true }).fill('nightly');
  await expect(page.getByRole('listbox', { name: 'Matching identities' }).getByRole('option')).toHaveText([
    /nightly-export/,
  ]);
  await saveScreenshot(page, 'credential-form-picker');

  const name = unique('deploy-pat');
  await addBorrowedCredential(page, name);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Personal access token');
  await expect(row).toContainText('Borrowed');
  await expect(row).toContainText(SPONSORED_AGENT);
});

test('a sponsor revokes a credential of their own agent after a confirmation that says what stops, and its trail shows it', async ({
  browser,
  baseURL,
}) => {
  const name = unique('borrowed-pat');
  const asSecurity = await signedInPage(browser, baseURL, security);
  try {
    await addBorrowedCredential(asSecurity.page, name);
  } finally {
    await asSecurity.context.close();
  }

  const { context, page } = await signedInPage(browser, baseURL, sponsor);
  try {
    await open(page, '/inventory/credentials');
    await page.getByRole('link', { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke “${name}”?` });
    await expect(dialog).toBeVisible();
    const consequences = dialog.getByRole('list', { name: 'What stops working' });
    await expect(consequences).toContainText(`It authenticates as the person ${sponsor.name} (${sponsor.email})`);
    await expect(consequences).toContainText(`${SPONSORED_AGENT} holds it`);
    await expect(consequences).toContainText('Every use of it stops');
    await page.setViewportSize({ width: 1440, height: 900 });
    await saveScreenshot(page, 'credential-revoke-confirmation-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'credential-revoke-confirmation-390');
    await page.setViewportSize({ width: 1280, height: 800 });

    await dialog.getByRole('button', { name: 'Revoke credential' }).click();
    await expect(dialog.getByText('Say why, for the audit trail.')).toBeVisible();
    await dialog.getByLabel('Reason').fill('The agent moves to its own GitHub App token');
    await dialog.getByRole('button', { name: 'Revoke credential' }).click();

    await expect(page.getByText(`${name} is revoked: every use of it is refused from now on.`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page.getByText('The agent moves to its own GitHub App token')).toBeVisible();
    const trail = page.getByRole('table', { name: 'Audit events of this credential' });
    const revocation = trail.getByRole('row').filter({ hasText: 'credential.revoke' });
    await expect(revocation).toHaveCount(1);
    await expect(revocation).toContainText(sponsor.email);
    await expect(page.getByRole('link', { name: 'Revoke', exact: true })).toHaveCount(0);
    await saveScreenshot(page, 'credential-after-revocation');
  } finally {
    await context.close();
  }
});

test('an auditor sees credentials but no way to revoke them', async ({ page }) => {
  await signIn(page, ROLE_ACCOUNTS.AUDITOR);
  await open(page, '/inventory/credentials');
  await expect(page.getByRole('link', { name: /^Revoke / })).toHaveCount(0);
});

test('an admin is asked before a role change or a disabled sign-in, and cancelling changes nothing', async ({
  page,
}) => {
  await signIn(page, admin);
  await open(page, '/settings/people');
  const row = page.getByTestId(`account-${CHANGELING.email}`);
  const roleSelect = row.getByLabel(`Role of ${CHANGELING.name}`);

  await roleSelect.selectOption('ADMIN');
  const confirmRole = page.getByRole('alertdialog', { name: `Make ${CHANGELING.name} Admin?` });
  await expect(confirmRole).toContainText(
    `${CHANGELING.name} will manage people, roles, settings and API keys, and may do everything else in Steward, instead of being Auditor.`,
  );
  await expect(confirmRole.getByRole('button', { name: 'Make Admin' })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await saveScreenshot(page, 'role-change-confirmation-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, 'role-change-confirmation-390');
  await page.setViewportSize({ width: 1280, height: 800 });
  await confirmRole.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirmRole).toBeHidden();
  await expect(roleSelect).toHaveValue('AUDITOR');

  await row.getByRole('button', { name: `Disable access for ${CHANGELING.name}` }).click();
  const confirmAccess = page.getByRole('alertdialog', { name: `Disable sign-in for ${CHANGELING.name}?` });
  await expect(confirmAccess).toContainText('cannot sign in until an admin enables them again');
  await confirmAccess.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirmAccess).toBeHidden();

  await page.reload();
  await expect(roleSelect).toHaveValue('AUDITOR');
  await expect(row).toContainText('Enabled');
});

test('a sponsor edits only the description and environment of their agent, and names a co-owner', async ({ page }) => {
  await signIn(page, sponsor);
  await open(page, `/inventory?q=${SPONSORED_AGENT}`);
  await page.getByRole('link', { name: SPONSORED_AGENT }).click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { name: `Edit ${SPONSORED_AGENT}` })).toBeVisible();

  for (const label of ['Name', 'Kind', 'System', 'External identifier', 'Sponsor']) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute('readonly', '');
  }
  await expect(page.getByText('Set by the source system and the security team.').first()).toBeVisible();
  await expect(page.getByRole('note')).toContainText('As its sponsor you change its description, its environment');
  await page.setViewportSize({ width: 1440, height: 900 });
  await saveScreenshot(page, 'sponsor-edit-form-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, 'sponsor-edit-form-390');
  await page.setViewportSize({ width: 1280, height: 800 });

  const description = unique('Triage bot for the support queue');
  await page.getByLabel('Description', { exact: true }).fill(description);
  await page.getByLabel('Environment', { exact: true }).fill('staging');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/inventory\/identities\/[^/]+\?saved=1$/);
  await expect(page.getByText(description)).toBeVisible();

  await page.getByRole('link', { name: 'Edit' }).click();
  const auditor = ROLE_ACCOUNTS.AUDITOR;
  await page.getByRole('combobox', { name: 'Add a co-owner' }).fill('auditor@e2e');
  await page.getByRole('option').filter({ hasText: auditor.email }).click();
  await expect(page.getByRole('list', { name: 'Co-owners' })).toContainText(auditor.name);
  await page.getByRole('button', { name: 'Save co-owners' }).click();
  await expect(page.getByText('Co-owners saved: 1 added, 0 removed.')).toBeVisible();
});

test('a new API key lives 90 days unless changed, and a key close to its end is flagged in the list', async ({
  page,
}) => {
  await signIn(page, security);
  await open(page, '/settings/api-keys');

  const createKey = async (name: string, lifetime?: string) => {
    await page.getByRole('button', { name: 'Create a key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await expect(dialog.getByLabel('Lifetime')).toHaveValue('90');
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: 'Ingest' });
    if (lifetime) {
      await dialog.getByLabel('Lifetime').selectOption({ label: 'Another number of days…' });
      await dialog.getByLabel('Expires after (days)').fill(lifetime);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await saveScreenshot(page, `api-key-create-${lifetime ?? 'default'}-1440`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await expect(page.getByTestId('api-key-secret')).toBeVisible();
    await page.getByRole('button', { name: 'Done' }).click();
  };

  const lasting = unique('okta-collector');
  await createKey(lasting);
  const short = unique('one-off-import');
  await createKey(short, '10');

  const lastingRow = page.getByRole('row').filter({ hasText: lasting });
  await expect(lastingRow).toContainText('expires in 3 months');
  await expect(lastingRow.getByText('Expires soon')).toHaveCount(0);
  const shortRow = page.getByRole('row').filter({ hasText: short });
  await expect(shortRow.getByText('Expires soon')).toBeVisible();
  await expect(shortRow).toContainText('expires in 10 days');
  await page.setViewportSize({ width: 1440, height: 900 });
  await saveScreenshot(page, 'api-keys-expiring-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, 'api-keys-expiring-390');
});

test('decommissioning shows what it revokes first; a sponsor who suspends their agent learns only security lifts it', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000); // two people sign in and the agent changes hands three times
  const name = unique('decommission-impact-pat');
  const asSecurity = await signedInPage(browser, baseURL, security);
  const asSponsor = await signedInPage(browser, baseURL, sponsor);
  try {
    await addBorrowedCredential(asSecurity.page, name);
    // Searched for: other specs add enough identities to push it off the first page.
    await open(asSecurity.page, `/inventory?q=${SPONSORED_AGENT}`);
    await asSecurity.page.getByRole('link', { name: SPONSORED_AGENT }).click();
    await expect(asSecurity.page.getByRole('heading', { name: SPONSORED_AGENT, level: 1 })).toBeVisible();
    const agentUrl = asSecurity.page.url();
    await asSecurity.page.getByRole('button', { name: 'Decommission' }).click();
    const decommission = asSecurity.page.getByRole('dialog', { name: `Decommission ${SPONSORED_AGENT}?` });
    await expect(decommission.getByTestId('decommission-impact')).toContainText('Revoked at the same moment');
    await expect(decommission.getByRole('list', { name: 'What decommissioning revokes' })).toContainText(name);
    await saveScreenshot(asSecurity.page, 'decommission-impact');
    await decommission.getByRole('button', { name: 'Cancel' }).click();

    await open(asSponsor.page, agentUrl);
    await asSponsor.page.getByRole('button', { name: 'Suspend' }).click();
    const suspend = asSponsor.page.getByRole('dialog', { name: `Suspend ${SPONSORED_AGENT}?` });
    await expect(suspend).toContainText('Only the security team can lift the suspension.');
    await suspend.getByRole('button', { name: 'Suspend' }).click();
    await expect(asSponsor.page.getByTestId('suspension-note')).toContainText(
      'only the security team can reactivate it',
    );
    await expect(asSponsor.page.getByRole('button', { name: 'Reactivate' })).toHaveCount(0);

    await open(asSecurity.page, agentUrl);
    await asSecurity.page.getByRole('button', { name: 'Reactivate' }).click();
    await asSecurity.page
      .getByRole('dialog', { name: `Make ${SPONSORED_AGENT} active?` })
      .getByRole('button', { name: 'Make active' })
      .click();
    await expect(asSecurity.page.getByRole('button', { name: 'Suspend' })).toBeVisible();
    await expect(asSecurity.page.getByRole('button', { name: 'Reactivate' })).toHaveCount(0);
  } finally {
    await asSponsor.context.close();
    await asSecurity.context.close();
  }
});
