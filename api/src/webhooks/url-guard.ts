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

/**
 * Why a webhook may not be sent to `address`, or null. Only global unicast is allowed: loopback, private (RFC
 * 1918), link-local (cloud metadata at 169.254.169.254 included), CGNAT (100.64/10), multicast, unspecified,
 * broadcast, reserved, benchmarking, documentation and the IPv6 equivalents (ULA fc00::/7, where fd00:ec2::254
 * lives, link-local fe80::/10, NAT64, 6to4, Teredo) are refused, as is every IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1` reaches 127.0.0.1). The ranges are ipaddr.js's (a maintained table of IANA's registries).
 */
export function refusedAddress(address: string): Refusal | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return `${address} is an IPv4-mapped IPv6 address`;
  }
  const range = parsed.range();
  return range === 'unicast' ? null : `${address} is a ${range} address`;
}

/** The URL's own rules, before any lookup: scheme, no credentials, a host. */
export function refusedUrl(raw: string, rules: UrlRules): { url: URL } | { refusal: Refusal } {
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
      if (refusal) return { refusal: `its host resolves to ${refusal}` };
    }
  }
  const first = addresses[0]!;
  return { url: checked.url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
