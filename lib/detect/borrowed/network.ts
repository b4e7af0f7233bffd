/**
 * Network prefixes from client addresses, without a geolocation database. A /24 (IPv4) or /48 (IPv6) is "the same
 * network"; a /16 or /32 is "nearby": two addresses outside each other's /16 are, most of the time, different
 * operators or sites. That is all an address says on its own, and reasons say no more than that.
 */
export type Prefixes = { site: string; region: string };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function networkPrefixes(ip: string | null): Prefixes | null {
  if (!ip) return null;
  const address = ip.trim();
  const v4 = IPV4.exec(address);
  if (v4) return { site: `${v4[1]}.${v4[2]}.${v4[3]}.0/24`, region: `${v4[1]}.${v4[2]}.0.0/16` };
  if (!address.includes(':') || !/^[0-9a-f:]+$/i.test(address)) return null;
  const groups = expandIpv6(address);
  if (!groups) return null;
  return { site: `${groups.slice(0, 3).join(':')}::/48`, region: `${groups.slice(0, 2).join(':')}::/32` };
}

function expandIpv6(address: string): string[] | null {
  const [head, tail, ...rest] = address.split('::');
  if (rest.length > 0) return null;
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  const groups = [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
