import { describe, expect, it } from 'vitest';
import { isSameOrigin } from '../../lib/adapters/origin';

function request(headers: Record<string, string>): Request {
  return new Request('http://steward.example/borrowed/import/upload', { method: 'POST', headers });
}

describe('isSameOrigin', () => {
  it('is the site the browser asked for, directly or through a proxy', () => {
    expect(isSameOrigin(request({ host: 'steward.example', origin: 'http://steward.example' }))).toBe(true);
    expect(
      isSameOrigin(
        request({ host: 'internal:3000', 'x-forwarded-host': 'steward.example', origin: 'https://steward.example' }),
      ),
    ).toBe(true);
  });

  it('is not a missing, "null", unreadable or foreign origin', () => {
    expect(isSameOrigin(request({ host: 'steward.example' }))).toBe(false);
    expect(isSameOrigin(request({ host: 'steward.example', origin: 'null' }))).toBe(false);
    expect(isSameOrigin(request({ host: 'steward.example', origin: '::garbage' }))).toBe(false);
    expect(isSameOrigin(request({ host: 'steward.example', origin: 'https://evil.example' }))).toBe(false);
  });
});
