import { execFileSync } from 'node:child_process';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const RULE = 'no-restricted-imports';

async function restrictedImportsIn(filePath: string, code: string): Promise<number> {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === RULE).length;
}

describe('layering: components never import from app/', () => {
  it.each([
    ["import { revokeApiKeyAction } from '@/app/(dashboard)/settings/api-keys/actions';"],
    ["import type { ImportState } from '../../app/(dashboard)/inventory/import/actions';"],
    ["export { setAccessAction } from '@/app/(dashboard)/settings/people/actions';"],
  ])('the linter refuses %s in a component', async (line) => {
    expect(await restrictedImportsIn('components/people/probe.tsx', `${line}\n`)).toBe(1);
  });

  it('lets pages import their own actions, and components import components', async () => {
    const page = "import { revokeApiKeyAction } from '@/app/(dashboard)/settings/api-keys/actions';\n";
    expect(await restrictedImportsIn('app/(dashboard)/settings/api-keys/probe.tsx', page)).toBe(0);
    const component = "import { Button } from '@/components/ui/button';\n";
    expect(await restrictedImportsIn('components/people/probe.tsx', component)).toBe(0);
  });

  it('no component imports from app/ today', () => {
    const pattern = String.raw`from ['"](@/app/|(\.\./)+app/)`;
    const found = (() => {
      try {
        return execFileSync('git', ['grep', '-nE', pattern, '--', 'components'], { encoding: 'utf8' });
      } catch {
        return ''; // git grep exits 1 when nothing matches
      }
    })();
    expect(found).toBe('');
  });
}, 60_000);
