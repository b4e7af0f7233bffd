import { describe, expect, it } from 'vitest';
import {
  addressBucket,
  clientAddress,
  clientAddressPinner,
  trustedProxyCount,
  UNKNOWN_ADDRESS,
} from '../../lib/auth/client-address';

describe('trustedProxyCount', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['false', 0],
    ['true', 1],
    ['TRUE', 1],
    ['2', 2],
    ['0', 0],
  ])('reads TRUST_PROXY=%j as %d proxies', (setting, count) => {
    expect(trustedProxyCount(setting)).toBe(count);
  });

  it('refuses a setting it cannot read rather than guess', () => {
    expect(() => trustedProxyCount('yes')).toThrow(/TRUST_PROXY/);
    expect(() => trustedProxyCount('-1')).toThrow(/TRUST_PROXY/);
  });
});

describe('addressBucket', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:0:1:aaaa:bbbb:cccc:dddd', '2001:db8:0:1::/64'],
    ['2001:0DB8:0000:0001::1', '2001:db8:0:1::/64'],
    ['[2001:db8::1]', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not an address', UNKNOWN_ADDRESS],
    ['203.0.113.7:4444', UNKNOWN_ADDRESS],
  ])('puts %j in the bucket %j', (raw, bucket) => {
    expect(addressBucket(raw)).toBe(bucket);
  });

  it('puts every address of one IPv6 /64 in one bucket', () => {
    expect(addressBucket('2001:db8:1:2::1')).toBe(addressBucket('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(addressBucket('2001:db8:1:2::1')).not.toBe(addressBucket('2001:db8:1:3::1'));
  });
});

describe('clientAddress', () => {
  it('without a trusted proxy, takes the single address Next.js copied from the socket', () => {
    expect(clientAddress('198.51.100.4', 0)).toBe('198.51.100.4');
  });

  it('without a trusted proxy, puts a forwarded chain or garbage in one shared bucket', () => {
    expect(clientAddress('10.0.0.1, 198.51.100.4', 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress('<script>', 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(null, 0)).toBe(UNKNOWN_ADDRESS);
  });

  it('behind one proxy, takes the right-most hop: what the proxy saw, not what the client claimed', () => {
    expect(clientAddress('1.2.3.4, 198.51.100.4', 1)).toBe('198.51.100.4');
    expect(clientAddress('198.51.100.4', 1)).toBe('198.51.100.4');
  });

  it('behind two proxies, takes the second hop from the right', () => {
    expect(clientAddress('1.2.3.4, 198.51.100.4, 10.0.0.2', 2)).toBe('198.51.100.4');
  });

  it('with fewer hops than proxies, takes the first', () => {
    expect(clientAddress('198.51.100.4', 2)).toBe('198.51.100.4');
  });
});

describe('clientAddressPinner', () => {
  const request = (forwardedFor?: string, remoteAddress?: string) => ({
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    socket: { remoteAddress },
  });

  it('with no trusted proxy, replaces what the client wrote with the socket address', () => {
    const forged = request('1.2.3.4', '198.51.100.4');
    clientAddressPinner(0)(forged);
    expect(clientAddress(forged.headers['x-forwarded-for'], 0)).toBe('198.51.100.4');

    const silent = request(undefined, '::ffff:198.51.100.5');
    clientAddressPinner(0)(silent);
    expect(clientAddress(silent.headers['x-forwarded-for'], 0)).toBe('198.51.100.5');
  });

  it('without a socket address, drops the header rather than trust it', () => {
    const forged = request('1.2.3.4');
    clientAddressPinner(0)(forged);
    expect(forged.headers).toEqual({});
  });

  it('behind trusted proxies, leaves their header alone', () => {
    const proxied = request('1.2.3.4, 198.51.100.4', '10.0.0.2');
    clientAddressPinner(1)(proxied);
    expect(proxied.headers['x-forwarded-for']).toBe('1.2.3.4, 198.51.100.4');
  });
});
