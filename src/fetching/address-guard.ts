import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { FetchError } from './fetch-error';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface TargetPolicy {
  /** loopback, private, link-local and metadata addresses are refused unless this is true */
  allowPrivate: boolean;
  /** DNS resolution; the system resolver unless a test supplies its own */
  resolve?: Resolver;
}

const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * True only for globally routable unicast addresses. Everything ipaddr.js puts in a special
 * range (loopback, RFC 1918, link-local with the 169.254.169.254 metadata service, unique
 * local fc00::/7, unspecified, carrier-grade NAT, multicast, documentation, 6to4, …) is
 * refused; IPv4-mapped IPv6 such as ::ffff:127.0.0.1 is judged as the IPv4 it carries, and
 * every other IPv6 form that embeds an IPv4 address is refused outright (see below).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  if (address.includes(':') && embedsIpv4(parseIpv6(address))) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * IPv6 ranges that carry an IPv4 address, or can be routed to one, other than IPv4-mapped
 * ::ffff:0:0/96 (which ipaddr.process unwraps and judges as IPv4). All are refused whatever
 * the IPv4 address inside: IPv4-compatible ::/96 (its WHATWG form `[::7f00:1]` for
 * `[::127.0.0.1]` is otherwise plain unicast to ipaddr.js), SIIT ::ffff:0:0:0/96, NAT64
 * 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16 and Teredo 2001::/32.
 */
const IPV4_EMBEDDING_RANGES: [string, number][] = [
  ['::', 96],
  ['::ffff:0:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['2001::', 32],
];

/**
 * ipaddr.js reads a trailing dotted quad after `::` as IPv4-mapped (`::8.8.8.8` becomes
 * ::ffff:808:808), which hides IPv4-compatible addresses; the quad is rewritten as two hex
 * groups first so the address keeps its own bits.
 */
function parseIpv6(address: string): ipaddr.IPv6 {
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!dotted) return ipaddr.IPv6.parse(address);
  const [a, b, c, d] = dotted.slice(1).map(Number);
  const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  return ipaddr.IPv6.parse(address.slice(0, dotted.index) + hex);
}

/**
 * An ISATAP interface identifier (`::0:5efe:a.b.c.d` or `::200:5efe:a.b.c.d` under any /64)
 * carries the IPv4 address of the tunnel end point; one whose IPv4 address is not public is
 * refused whatever the prefix.
 */
function isatapToPrivateIpv4(address: ipaddr.IPv6): boolean {
  const p = address.parts;
  if ((p[4] & 0xfdff) !== 0 || p[5] !== 0x5efe) return false;
  const ipv4 = new ipaddr.IPv4([p[6] >> 8, p[6] & 0xff, p[7] >> 8, p[7] & 0xff]);
  return ipv4.range() !== 'unicast';
}

function embedsIpv4(address: ipaddr.IPv6): boolean {
  return (
    IPV4_EMBEDDING_RANGES.some(([base, bits]) => address.match(ipaddr.IPv6.parse(base), bits)) ||
    isatapToPrivateIpv4(address)
  );
}

/**
 * Resolves the URL's host and checks every address it resolves to, so that a hostname with
 * one public and one private record is refused too. Returns the checked addresses: the
 * caller must connect to exactly these (see safeFetch), or a second DNS answer could differ.
 */
export async function assertPublicTarget(
  target: string | URL,
  policy: TargetPolicy,
): Promise<ResolvedAddress[]> {
  const url = parseHttpUrl(target);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(hostname)
    ? [{ address: hostname, family: ipaddr.parse(hostname).kind() === 'ipv6' ? 6 : 4 } as const]
    : await resolveHost(hostname, policy.resolve ?? systemResolver);
  if (policy.allowPrivate) return addresses;
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  if (refused) {
    throw new FetchError(
      'private-target',
      `refused to fetch ${url.host}: it resolves to ${refused.address}, a private, loopback, ` +
        'link-local or reserved address (set ALLOW_PRIVATE_TARGETS=true to allow)',
    );
  }
  return addresses;
}

export function parseHttpUrl(target: string | URL): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new FetchError('invalid-url', `not a valid URL: ${String(target)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(
      'invalid-url',
      `only http and https URLs are fetched (got ${url.protocol})`,
    );
  }
  return url;
}

async function resolveHost(hostname: string, resolve: Resolver): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EAI_AGAIN is a resolver hiccup; ENOTFOUND and the like will not fix themselves.
    throw new FetchError(
      code === 'EAI_AGAIN' ? 'network' : 'dns',
      `could not resolve ${hostname}: ${code ?? (error as Error).message}`,
    );
  }
  if (addresses.length === 0) throw new FetchError('dns', `${hostname} has no addresses`);
  return addresses;
}
