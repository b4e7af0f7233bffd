import { describe, expect, it } from 'vitest';
import { sameOriginPath } from '../../lib/auth/callback-url';

const ORIGIN = 'http://localhost:3000';

describe('sameOriginPath', () => {
  it.each([
    ['/', '/'],
    ['/inventory?status=ACTIVE#top', '/inventory?status=ACTIVE#top'],
    ['inventory', '/inventory'],
    ['http://localhost:3000/audit', '/audit'],
    ['/%5Cevil.example', '/%5Cevil.example'],
    ['/a/../settings', '/settings'],
    // A browser resolves a scheme-relative URL of the same scheme against the page, as the parser does.
    ['http:evil.example', '/evil.example'],
  ])('keeps the same-origin path %j as %j', (input, expected) => {
    expect(sameOriginPath(input, ORIGIN)).toBe(expected);
  });

  it.each([
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    '//evil.example',
    '///evil.example',
    'https://evil.example',
    'http://localhost:3001/',
    'https://localhost:3000/',
    'http://localhost:3000//evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/\t/evil.example',
    '/\n/evil.example',
    '\t//evil.example',
    '/\r\n\\evil.example',
    'http://evil.example@localhost:3000.evil.example/',
    '',
  ])('sends %j to the dashboard instead', (input) => {
    expect(sameOriginPath(input, ORIGIN)).toBe('/');
  });

  it('refuses what is not a string', () => {
    expect(sameOriginPath(undefined, ORIGIN)).toBe('/');
    expect(sameOriginPath(['/x'], ORIGIN)).toBe('/');
  });
});
