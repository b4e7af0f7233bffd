import { expect, type Page } from '@playwright/test';
import { open } from './app';

/** Imports a CSV through the import page as the signed-in person: preview, then import every row. */
export async function importCsv(page: Page, kind: 'Identities' | 'Credentials', lines: string[]): Promise<void> {
  await open(page, '/inventory/import');
  await page.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
  await page.getByLabel('CSV file').setInputFiles({
    name: `${kind.toLowerCase()}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\r\n')),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  const rows = lines.length - 1;
  await page.getByRole('button', { name: `Import ${rows} ${rows === 1 ? 'row' : 'rows'}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
}
