import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why an endpoint's URL is refused; null when it may be used. */
export type Refusal = string;

export interface UrlRules {
  /** http:// too (development and tests). */
  allowHttp: boolean;
  /** Private, loopback, link-local ... addresses too (development and tests). */
  allowPrivate: boolean;
}

/** An address checked and allowed: the one to connect to (never resolved again: no DNS rebinding). */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/** ipaddr.js's range names, as the owner reads them in a refusal. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (cloud metadata lives there)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  private: 'a private address',
  uniqueLocal: 'a unique local address (fc00::/7)',
  ipv4Mapped: 'an IPv4-mapped or IPv4-compatible IPv6 address',
  rfc6052: 'a NAT64 address (64:ff9b::/96)',
  rfc6145: 'an IPv4-translated address',
  '6to4': 'a 6to4 address (2002::/16)',
  teredo: 'a Teredo address (2001::/32)',
  benchmarking: 'a benchmarking address',
  reserved: 'a reserved address',
};

/** Global unicast IPv6: the only IPv6 space allocated for the public internet. */
const IPV6_GLOBAL = ipaddr.parseCIDR('2000::/3');

/**
 * What `address` is, when a webhook may not be sent to it (`a loopback address`), or null. Only global unicast is
 * allowed: loopback, private (RFC 1918), link-local (cloud metadata at 169.254.169.254 included), CGNAT (100.64/10),
 * multicast, unspecified, broadcast, reserved, benchmarking, documentation and the IPv6 equivalents (ULA fc00::/7,
 * where fd00:ec2::254 lives, link-local fe80::/10, NAT64, 6to4, Teredo) are refused, as is every IPv6 address outside
 * 2000::/3: IPv4-mapped (`::ffff:127.0.0.1` reaches 127.0.0.1) and the deprecated IPv4-compatible `::127.0.0.1`
 * among them. The ranges are ipaddr.js's (a maintained table of IANA's registries).
 */
export function refusedAddress(address: string): Refusal | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return RANGE_WORDS.ipv4Mapped!;
  const range = parsed.range();
  if (range !== 'unicast') return RANGE_WORDS[range] ?? `a special-purpose address (${range})`;
  if (parsed.kind() === 'ipv6' && !parsed.match(IPV6_GLOBAL)) {
    const bytes = parsed.toByteArray();
    return bytes.slice(0, 12).every((b) => b === 0) ? RANGE_WORDS.ipv4Mapped! : 'not a global unicast IPv6 address (2000::/3)';
  }
  return null;
}

/** Whitespace and control characters: a URL parser would drop or encode them, so what was sent is not what is used. */
function hasUnsafeCharacters(raw: string): boolean {
  for (const ch of raw) {
    const code = ch.codePointAt(0)!;
    if (code <= 0x20 || code === 0x7f || /\s/.test(ch)) return true;
  }
  return false;
}

/** The URL's own rules, before any lookup: scheme, no credentials, a host. */
export function refusedUrl(raw: string, rules: UrlRules): { url: URL } | { refusal: Refusal } {
  if (hasUnsafeCharacters(raw)) return { refusal: 'it contains spaces or control characters (percent-encode them)' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refusal: 'it is not a URL' };
  }
  if (url.protocol !== 'https:' && !(rules.allowHttp && url.protocol === 'http:')) {
    return { refusal: rules.allowHttp ? 'it must be http:// or https://' : 'it must be https://' };
  }
  if (url.username || url.password) return { refusal: 'it must not carry a user name or password' };
  if (!url.hostname) return { refusal: 'it has no host' };
  if (url.port === '0') return { refusal: 'its port must be 1-65535' };
  return { url };
}

/** `[::1]` -> `::1`: the URL keeps IPv6 literals in brackets. */
function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Resolves the URL's host (every address it has) and refuses it if any address is not allowed; otherwise the
 * address to connect to. Checked when an endpoint is saved and again before every attempt.
 */
export async function checkTarget(
  raw: string,
  rules: UrlRules,
  resolve: (host: string) => Promise<{ address: string; family: number }[]> = (host) => lookup(host, { all: true, verbatim: true }),
): Promise<CheckedTarget | { refusal: Refusal }> {
  const checked = refusedUrl(raw, rules);
  if ('refusal' in checked) return checked;
  const host = hostOf(checked.url);
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      return { refusal: `its host does not resolve (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'})` };
    }
  }
  if (addresses.length === 0) return { refusal: 'its host does not resolve' };
  if (!rules.allowPrivate) {
    for (const { address } of addresses) {
      const refusal = refusedAddress(address);
      if (refusal) return { refusal: isIP(host) ? `${address} is ${refusal}` : `its host resolves to ${address}, ${refusal}` };
    }
  }
  const first = addresses[0]!;
  return { url: checked.url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
