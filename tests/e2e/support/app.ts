import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { NAVIGATION, ROLE_LABELS, type Person, type Role } from './accounts';

/** The sidebar's links. At a desktop width the copy for narrow screens is hidden, so role queries skip it. */
export function mainNavigationLinks(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link');
}

/**
 * Waits until React has hydrated the page: Next's App Router adds its route announcer in an effect, so it
 * exists only once the page's client components have their event handlers. A click before that is lost
 * (the sign-out button does nothing, the sign-in form submits natively).
 */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('next-route-announcer')).toBeAttached();
}

/** Opens a page of the app and waits until it is interactive. */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitForHydration(page);
}

/** Fills in and submits the sign-in form of the page already open. */
export async function submitSignInForm(page: Page, email: string, password: string): Promise<void> {
  await waitForHydration(page);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await open(page, '/signin');
  await submitSignInForm(page, email, password);
}

/** Signs in and waits for the dashboard (or the page the sign-in page was asked to return to). */
export async function signIn(
  page: Page,
  person: { email: string; password: string | null },
  landing = '/',
): Promise<void> {
  if (person.password === null) throw new Error(`${person.email} has no password`);
  await signInWithPassword(page, person.email, person.password);
  await expect(page).toHaveURL(landing);
  await waitForHydration(page);
}

/** The dashboard shows this person, with this role's label and exactly this role's navigation. */
export async function expectDashboardOf(page: Page, person: Person, role: Role): Promise<void> {
  await expect(mainNavigationLinks(page)).toHaveText([...NAVIGATION[role]]);
  const current = page.getByTestId('current-person');
  await expect(current.getByText(person.name, { exact: true })).toBeVisible();
  await expect(current.getByText(person.email, { exact: true })).toBeVisible();
  await expect(page.getByTestId('current-role')).toHaveText(ROLE_LABELS[role]);
}

export async function signOut(page: Page): Promise<void> {
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/signin');
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(test.info().project.outputDir, 'screenshots', `${name}.png`), fullPage: true });
}
