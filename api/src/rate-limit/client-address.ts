import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address a rate limit counts a client by: an IPv4 address as it is, an IPv6 address by its /64 prefix.
 * An IPv6 subscriber is handed a whole /64 and may pick any address in it, so counting single IPv6 addresses
 * would give one client 2^64 budgets. IPv4-mapped IPv6 (`::ffff:203.0.113.7`, a dual-stack socket) is IPv4.
 */
export function clientAddressKey(ip: string): string {
  const address = ip
    .trim()
    .replace(/^\[|\]$/g, '')
    .split('%')[0];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address; // not an IP (a test double, a unix socket): count it as it is
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail turned into two groups). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const front = parse(head);
  if (tail === null) return front;
  const back = parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * The caller's rate-limit address (see `clientAddressKey`). Fastify's `request.ip` already honours `TRUST_PROXY`:
 * the socket's peer by default, the client named in X-Forwarded-For when the peer is a trusted proxy.
 */
export const ClientAddress = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  clientAddressKey(context.switchToHttp().getRequest<FastifyRequest>().ip),
);
