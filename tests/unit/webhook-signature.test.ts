import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from '../../lib/webhooks/signature';

const SECRET = 'stw_whsec_test-secret-0123456789abcdefghijklmnopqrstu';
const BODY = '{"id":"d1","event":"scope.requested","occurredAt":"2026-12-02T08:00:00.000Z","data":{"scopeId":"s1"}}';
const T = 1_796_000_000;

describe('the Steward-Signature header', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signatureHeader(SECRET, T, BODY)).toBe(`t=${T},v1=${expected}`);
  });

  it('verifies what it signed, within five minutes either way', () => {
    const header = signatureHeader(SECRET, T, BODY);
    for (const offset of [0, 299, -299, 300, -300])
      expect(verifySignature(SECRET, header, BODY, { nowSeconds: T + offset })).toBe(true);
    for (const offset of [301, -301, 86_400])
      expect(verifySignature(SECRET, header, BODY, { nowSeconds: T + offset })).toBe(false);
    expect(verifySignature(SECRET, header, BODY, { nowSeconds: T + 3600, toleranceSeconds: 3600 })).toBe(true);
  });

  it.each([
    ['another secret', (header: string) => ({ secret: `${SECRET}x`, header, body: BODY })],
    ['a changed body', (header: string) => ({ secret: SECRET, header, body: BODY.replace('s1', 's2') })],
    ['a body with a space added', (header: string) => ({ secret: SECRET, header, body: `${BODY} ` })],
    [
      'a changed timestamp',
      (header: string) => ({ secret: SECRET, header: header.replace(`t=${T}`, `t=${T + 1}`), body: BODY }),
    ],
    ['a truncated signature', (header: string) => ({ secret: SECRET, header: header.slice(0, -2), body: BODY })],
    ['no timestamp', (header: string) => ({ secret: SECRET, header: header.replace(/^t=\d+,/, ''), body: BODY })],
    ['an empty header', () => ({ secret: SECRET, header: '', body: BODY })],
    ['garbage', () => ({ secret: SECRET, header: 't=abc,v1=zz', body: BODY })],
  ])('refuses %s', (_name, tamper) => {
    const { secret, header, body } = tamper(signatureHeader(SECRET, T, BODY));
    expect(verifySignature(secret, header, body, { nowSeconds: T })).toBe(false);
  });

  it('accepts the header when one of several v1 signatures matches (a receiver during a secret rotation)', () => {
    const old = signatureHeader('stw_whsec_old', T, BODY).split(',')[1];
    const header = `${signatureHeader(SECRET, T, BODY)},${old}`;
    expect(verifySignature(SECRET, header, BODY, { nowSeconds: T })).toBe(true);
    expect(verifySignature('stw_whsec_old', header, BODY, { nowSeconds: T })).toBe(true);
  });

  it('verifies any body it signed and no other body', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ minLength: 1 }), (body, other, secret) => {
        const header = signatureHeader(secret, T, body);
        expect(verifySignature(secret, header, body, { nowSeconds: T })).toBe(true);
        if (other !== body) expect(verifySignature(secret, header, other, { nowSeconds: T })).toBe(false);
      }),
    );
  });
});
