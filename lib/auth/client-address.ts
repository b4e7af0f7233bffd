import { isIP } from 'node:net';

/**
 * How many reverse proxies in front of Steward append to `X-Forwarded-For`, from `TRUST_PROXY`: unset or
 * `false` means none, `true` means one, a number means that many (a CDN in front of a load balancer is 2).
 */
export function trustedProxyCount(setting = process.env.TRUST_PROXY): number {
  const value = setting?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'false') return 0;
  if (value === 'true') return 1;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new Error(`TRUST_PROXY must be true, false or a number of proxies`);
  return count;
}

/** Used for every request whose forwarded address is malformed: only clients that forge the header share it. */
export const UNKNOWN_ADDRESS = 'unknown';

function expandIpv6(address: string): string[] {
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(address.includes('::') ? missing : 0).fill('0'), ...right];
}

/**
 * One throttling bucket per client: an IPv4 address, or an IPv6 /64, since whoever holds one IPv6 address
 * usually holds its whole /64 and could otherwise take a fresh address for every attempt.
 */
export function addressBucket(raw: string): string {
  const address = raw
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  const mappedV4 = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mappedV4 && isIP(mappedV4[1]) === 4) return mappedV4[1];
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6 || address.includes('.')) return UNKNOWN_ADDRESS;
  const groups = expandIpv6(address.replace(/%.*$/, ''));
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * The client's address as Steward can know it inside a route handler. Next.js gives route handlers no socket
 * address; `next start` copies the socket address into `X-Forwarded-For` only when the request has none.
 *
 * - With no trusted proxy, the header holds that socket address, unless the client sent a header of its own:
 *   a single address is taken as it is (it cannot be told apart from the socket's), anything else is
 *   {@link UNKNOWN_ADDRESS}.
 * - Behind N trusted proxies, each appended the address it saw, so the N-th entry from the right is the one
 *   the outermost trusted proxy saw: entries left of it are whatever the client claimed. A request with fewer
 *   entries than that reached Steward past some proxy; its first entry is used.
 */
export function clientAddress(forwardedFor: string | null | undefined, proxies: number): string {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) return UNKNOWN_ADDRESS;
  if (proxies === 0) return hops.length === 1 ? addressBucket(hops[0]) : UNKNOWN_ADDRESS;
  return addressBucket(hops[hops.length - proxies] ?? hops[0]);
}

type ForwardedRequest = {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string };
};

/**
 * For Steward's own HTTP server (`npm start`), which sees the socket: reads TRUST_PROXY once, and returns
 * what to do to each request before Next.js sees it. With no trusted proxy, `X-Forwarded-For` becomes the
 * socket's address, so that a client cannot choose the address sign-in throttling counts it under; behind
 * trusted proxies the header is theirs and stays as it is.
 */
export function clientAddressPinner(proxies = trustedProxyCount()): (request: ForwardedRequest) => void {
  return (request) => {
    if (proxies > 0) return;
    const socketAddress = request.socket.remoteAddress;
    if (socketAddress) request.headers['x-forwarded-for'] = socketAddress;
    else delete request.headers['x-forwarded-for'];
  };
}
