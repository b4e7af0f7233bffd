import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { ROLE_ACCOUNTS } from './support/accounts';
import { open, saveScreenshot, signIn, signOut, waitForHydration } from './support/app';
import { LONG_NAMED } from './support/long-names';
import { SCREEN_SIZES } from './support/screens';

/**
 * The borrowed-credentials pages as the security team uses them: upload a CloudTrail file, find the case it
 * opens, read its evidence and move it along the remediation workflow. Every name carries this run's tag, so the
 * spec finds its own cases by search whatever else the shared database holds.
 */

const RUN = Date.now().toString(36).toUpperCase();
const ACCOUNT = '111122223333';
const OFFICE_IP = '198.51.100.23';
const SERVER_IP = '203.0.113.80';
const AGENT_USER_AGENT = 'langchain/0.3 python-requests/2.31';
const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const MINUTE = 60_000;

test.describe.configure({ mode: 'serial' });

let eventNumber = 0;
/** The case the first test opens, for the auditor to read. */
let caseAddress = '';

/** An access key id of the given kind, unique to this run and `name`. */
function accessKeyId(prefix: 'AKIA' | 'ASIA', name: string): string {
  return `${prefix}${createHash('sha256').update(`${name}:${RUN}`).digest('hex').slice(0, 16).toUpperCase()}`;
}

function iamUser(userName: string, keyId: string, consoleSession = false) {
  return {
    type: 'IAMUser',
    principalId: `AIDA${userName.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 21),
    arn: `arn:aws:iam::${ACCOUNT}:user/${userName}`,
    accountId: ACCOUNT,
    userName,
    accessKeyId: keyId,
    ...(consoleSession
      ? { sessionContext: { attributes: { creationDate: new Date().toISOString(), mfaAuthenticated: 'true' } } }
      : {}),
  };
}

function cloudTrailEvent(
  identity: object,
  at: number,
  call: string,
  userAgent: string,
  ip: string,
  extra: object = {},
) {
  const [service, eventName] = call.split(':');
  eventNumber += 1;
  return {
    eventVersion: '1.10',
    userIdentity: identity,
    eventTime: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: `${service}.amazonaws.com`,
    eventName,
    awsRegion: 'eu-west-1',
    sourceIPAddress: ip,
    userAgent,
    requestID: `req-${RUN}-${eventNumber}`,
    eventID: `e2e-${RUN}-${eventNumber}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...extra,
  };
}

/**
 * A person signs in to the console with MFA and works there, while an agent framework on a server calls S3 with
 * their long-lived key every 20 seconds (for an hour and a half unless told otherwise).
 */
function borrowedKeyDay(userName: string, start: number, calls = 270): object[] {
  const key = iamUser(userName, accessKeyId('AKIA', userName));
  const console = iamUser(userName, accessKeyId('ASIA', userName), true);
  const records: object[] = [
    cloudTrailEvent(key, start, 'signin:ConsoleLogin', BROWSER, OFFICE_IP, {
      eventType: 'AwsConsoleSignIn',
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: {
        LoginTo: 'https://console.aws.amazon.com/console/home',
        MobileVersion: 'No',
        MFAUsed: 'Yes',
      },
    }),
  ];
  for (let minute = 5; minute < 120; minute += 15)
    records.push(
      cloudTrailEvent(console, start + minute * MINUTE, 'ec2:DescribeInstances', BROWSER, OFFICE_IP, {
        sessionCredentialFromConsole: 'true',
      }),
    );
  for (let call = 0; call < calls; call += 1)
    records.push(
      cloudTrailEvent(key, start + 20 * MINUTE + call * 20_000, 's3:GetObject', AGENT_USER_AGENT, SERVER_IP),
    );
  return records;
}

function ndjson(records: object[]): Buffer {
  return Buffer.from(records.map((record) => JSON.stringify(record)).join('\n'));
}

async function uploadCloudTrail(page: Page, fileName: string, records: object[]): Promise<void> {
  await open(page, '/borrowed/import');
  await page.getByRole('radio', { name: /^AWS CloudTrail/ }).check();
  await page
    .getByLabel('Log file')
    .setInputFiles({ name: fileName, mimeType: 'application/x-ndjson', buffer: ndjson(records) });
  await page.getByRole('button', { name: 'Upload and import' }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary.getByRole('definition').first()).toHaveText(records.length.toLocaleString('en-US'));
}

/** Searches the list for `text` and waits until the address and the rows follow. */
async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search cases' }).fill(text);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(text).replace(/[.]/g, '\\.')}`));
}

test('security uploads a CloudTrail file, finds the borrowed key, reads its evidence and moves it to migrating', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const userName = `zephyrine.quartermain.${RUN.toLowerCase()}`;
  await signIn(page, ROLE_ACCOUNTS.SECURITY);
  // For a person to look at: on a database without imported logs, this is the list's first-visit state.
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await open(page, '/borrowed');
    await saveScreenshot(page, `borrowed-first-visit-${size.width}`);
  }
  await page.setViewportSize(SCREEN_SIZES[0]);

  await uploadCloudTrail(page, 'trail.ndjson', borrowedKeyDay(userName, Date.now() - 3 * 60 * MINUTE));
  await expect(page.getByText('rejected', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'See the cases' }).click();
  await expect(page).toHaveURL('/borrowed');
  await waitForHydration(page);

  await search(page, userName);
  const row = page.getByRole('row').filter({ hasText: userName });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Long-lived access key');
  await expect(row).toContainText(/High|Medium/);
  await expect(row).toContainText('Open');
  await row.getByRole('link', { name: /Long-lived access key/ }).click();
  await expect(page).toHaveURL(/\/borrowed\/.+/);
  await waitForHydration(page);
  caseAddress = new URL(page.url()).pathname;

  await expect(page.getByRole('heading', { level: 1 })).toContainText(userName);
  const evidence = page.getByTestId('evidence');
  await expect(evidence.getByTestId('evidence-interactive').first()).toBeVisible();
  await expect(evidence.getByTestId('evidence-automation').first()).toContainText(AGENT_USER_AGENT);
  await expect(page.getByTestId('lane-interactive')).toBeVisible();
  await expect(page.getByTestId('lane-automation')).toBeVisible();
  await saveScreenshot(page, 'borrowed-case-1440');

  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  const assign = page.getByRole('dialog', { name: /Who moves this agent/ });
  // The fixture's people have no search text stored: their email matches.
  await assign.getByLabel('Assignee').fill(ROLE_ACCOUNTS.SECURITY.email);
  await page.getByRole('option', { name: new RegExp(ROLE_ACCOUNTS.SECURITY.name) }).click();
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByText(`Assigned to ${ROLE_ACCOUNTS.SECURITY.name}.`)).toBeVisible();
  await expect(page.getByTestId('case-assignee')).toHaveText(ROLE_ACCOUNTS.SECURITY.name);

  await page.getByRole('button', { name: 'Start migration' }).click();
  const migrate = page.getByRole('dialog', { name: 'Start moving the agent?' });
  await migrate.getByRole('button', { name: 'Start migration' }).click();
  await expect(page.getByText(/Migration started/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Remediation steps' }).locator('[aria-current="step"]')).toContainText(
    'Migrating',
  );

  // The resolve dialog says why it cannot resolve yet: the key is not in the inventory, so its end must be stated.
  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByTestId('resolve-refusal')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('the pages fit a laptop and a phone, with no case and with many long-named ones', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ROLE_ACCOUNTS.SECURITY);
  const tag = `nobody-${RUN.toLowerCase()}`;
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await open(page, `/borrowed?q=${tag}`);
    await expect(page.getByText('No case matches these filters')).toBeVisible();
    await saveScreenshot(page, `borrowed-no-match-${size.width}`);
    await open(page, '/borrowed/import');
    await saveScreenshot(page, `borrowed-import-${size.width}`);
  }

  const people = Array.from(
    { length: 55 },
    (_, index) => `${LONG_NAMED.sponsor.toLowerCase().replace(/[^a-z]+/g, '.')}.${index}.${RUN.toLowerCase()}`,
  );
  const start = Date.now() - 5 * 60 * MINUTE;
  await page.setViewportSize(SCREEN_SIZES[0]);
  await uploadCloudTrail(
    page,
    `${LONG_NAMED.identities[0]}.ndjson`,
    people.flatMap((person, index) => borrowedKeyDay(person, start + index * MINUTE, 60)),
  );
  await saveScreenshot(page, 'borrowed-import-summary-1440');

  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await open(page, `/borrowed?q=${RUN.toLowerCase()}`);
    await expect(page.getByRole('link', { name: 'Older' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the page scrolls sideways by this many pixels').toBeLessThanOrEqual(0);
    await saveScreenshot(page, `borrowed-list-${size.width}`);
    await page
      .getByRole('link', { name: /Long-lived access key/ })
      .first()
      .click();
    await waitForHydration(page);
    await expect(page.getByTestId('evidence')).toBeVisible();
    const caseOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(caseOverflow, 'the case page scrolls sideways by this many pixels').toBeLessThanOrEqual(0);
    await saveScreenshot(page, `borrowed-case-${size.width}`);
  }

  await page.setViewportSize(SCREEN_SIZES[0]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await waitForHydration(page);
  await saveScreenshot(page, 'borrowed-case-dark-1440');
  await page.emulateMedia({ colorScheme: 'light' });

  // One look-alike suppressed, with a reason and an end date, then lifted again.
  await open(page, '/borrowed/suppressions');
  await page.getByLabel('Reason').fill('A load test of the reconciliation agent, run with its owner this week');
  await page.getByLabel('Person', { exact: true }).fill(people[0]);
  await page.getByRole('button', { name: 'Suppress matching cases' }).click();
  await expect(page.getByText('Suppression saved: 1 case no longer counts as a flag.')).toBeVisible();
  const suppression = page.getByTestId('suppression').filter({ hasText: people[0] });
  await expect(suppression).toContainText('In force');
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await saveScreenshot(page, `borrowed-suppressions-${size.width}`);
  }
  await page.setViewportSize(SCREEN_SIZES[0]);
  await suppression.getByRole('button', { name: 'Lift' }).click();
  await page.getByRole('alertdialog', { name: 'Lift this suppression?' }).getByRole('button', { name: 'Lift' }).click();
  await expect(page.getByText('Suppression lifted: 1 case counts again.')).toBeVisible();
  await expect(suppression).toContainText('Lifted');
});

test('an auditor reads a case without the remediation buttons, and a bad filter is answered calmly', async ({
  page,
}) => {
  await signIn(page, ROLE_ACCOUNTS.AUDITOR);
  const response = await page.goto('/borrowed?status=SIDEWAYS&confidence=certain');
  expect(response?.status()).toBe(200);
  await expect(page.getByText('This address has filters Steward does not understand')).toBeVisible();
  await expect(page.getByText(/Check status, confidence in the address/)).toBeVisible();
  await open(page, '/borrowed');
  await expect(page.getByRole('link', { name: 'Import logs' })).toHaveCount(0);
  expect((await page.goto('/borrowed/bc_no-such-case%25'))?.status()).toBe(404);
  await open(page, caseAddress);
  await expect(page.getByTestId('evidence')).toBeVisible();
  await expect(page.getByTestId('case-assignee')).toHaveText(ROLE_ACCOUNTS.SECURITY.name);
  await expect(page.getByRole('button', { name: /Assign|Reassign|Resolve|Reopen|Start migration/ })).toHaveCount(0);

  // Neither the page nor its upload route lets an auditor import.
  expect((await page.goto('/borrowed/import'))?.status()).toBe(403);
  const origin = new URL(page.url()).origin;
  const refused = await page.request.post('/borrowed/import/upload?format=cloudtrail', {
    headers: { origin, 'content-type': 'application/octet-stream' },
    data: ndjson(borrowedKeyDay(`auditor.upload.${RUN.toLowerCase()}`, Date.now() - 60 * MINUTE, 5)),
  });
  expect(refused.status()).toBe(403);
});

test('the upload route refuses a request sent from another site, and a sponsor reads only their own cases', async ({
  page,
}) => {
  await signIn(page, ROLE_ACCOUNTS.SECURITY);
  const foreign = await page.request.post('/borrowed/import/upload?format=cloudtrail', {
    headers: { origin: 'https://elsewhere.example', 'content-type': 'application/octet-stream' },
    data: ndjson(borrowedKeyDay(`foreign.upload.${RUN.toLowerCase()}`, Date.now() - 60 * MINUTE, 5)),
  });
  expect(foreign.status()).toBe(403);
  expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  await signOut(page);

  await signIn(page, ROLE_ACCOUNTS.SPONSOR);
  await open(page, '/borrowed');
  await expect(page.getByText(/The identities you sponsor that act with a person’s/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Suppressions' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Long-lived access key/ })).toHaveCount(0);
  expect((await page.goto(caseAddress))?.status()).toBe(404);
});
