import { boundedMemo } from './memo.ts';

/**
 * CIDR arithmetic for IPv4 and IPv6. Values from templates may hold `${…}` placeholders or be
 * malformed, so parsing returns undefined rather than throwing; callers decide what "unparsable"
 * means for them (usually "unknown").
 */

export interface ParsedCidr {
  version: 4 | 6;
  /** Network address with host bits cleared. */
  network: bigint;
  prefix: number;
}

const IPV4_BITS = 32;
const IPV6_BITS = 128;
/** AWS keeps the network address, the VPC router, DNS, one for future use, and the broadcast address. */
const AWS_RESERVED_PER_SUBNET = 5;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): string[] | undefined => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === undefined || tail === undefined) return undefined;
  // An embedded IPv4 tail (::ffff:10.0.0.1) stands for two groups.
  const expand = (list: string[]): string[] | undefined => {
    const last = list[list.length - 1];
    if (last === undefined || !last.includes('.')) return list;
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    return [...list.slice(0, -1), (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
  };
  const h = expand(head);
  const t = expand(tail);
  if (h === undefined || t === undefined) return undefined;
  const missing = 8 - h.length - t.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...h, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...t];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

// The same few CIDRs are compared over and over (every rule against every endpoint and subnet).
export const parseCidr: (text: string) => ParsedCidr | undefined = boundedMemo(parseCidrUncached);

function parseCidrUncached(text: string): ParsedCidr | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const address = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const prefixText = slash === -1 ? undefined : trimmed.slice(slash + 1);
  const version: 4 | 6 = address.includes(':') ? 6 : 4;
  const bits = version === 4 ? IPV4_BITS : IPV6_BITS;
  const value = version === 4 ? parseIpv4(address) : parseIpv6(address);
  if (value === undefined) return undefined;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  return { version, network: value & mask(bits, prefix), prefix };
}

function mask(bits: number, prefix: number): bigint {
  const hostBits = BigInt(bits - prefix);
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << hostBits) - 1n);
}

/** Network masks by prefix length, built once: containment is asked for every rule against every range. */
const IPV4_MASKS = Array.from({ length: IPV4_BITS + 1 }, (_, prefix) => mask(IPV4_BITS, prefix));
const IPV6_MASKS = Array.from({ length: IPV6_BITS + 1 }, (_, prefix) => mask(IPV6_BITS, prefix));

function asParsed(cidr: string | ParsedCidr): ParsedCidr | undefined {
  return typeof cidr === 'string' ? parseCidr(cidr) : cidr;
}

/** True when every address of `inner` is in `outer`. False for unparsable input or mixed IP versions. */
export function cidrContains(outer: string | ParsedCidr, inner: string | ParsedCidr): boolean {
  const o = asParsed(outer);
  const i = asParsed(inner);
  if (o === undefined || i === undefined || o.version !== i.version) return false;
  if (o.prefix > i.prefix) return false;
  const masks = o.version === 4 ? IPV4_MASKS : IPV6_MASKS;
  return (i.network & masks[o.prefix]) === o.network;
}

/** True when the two ranges share at least one address. */
export function cidrOverlaps(a: string | ParsedCidr, b: string | ParsedCidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/**
 * Addresses a subnet of this CIDR can hand out to ENIs (each Fargate task takes one), after the
 * five AWS reserves. Undefined when the CIDR cannot be parsed. IPv6 sizes lose precision above 2^53,
 * which no capacity comparison cares about.
 */
export function cidrUsableIps(cidr: string): number | undefined {
  const parsed = parseCidr(cidr);
  if (parsed === undefined) return undefined;
  const bits = parsed.version === 4 ? IPV4_BITS : IPV6_BITS;
  const size = Number(1n << BigInt(bits - parsed.prefix));
  return Math.max(0, size - AWS_RESERVED_PER_SUBNET);
}

/** `0.0.0.0/0` or `::/0` (in any spelling that parses to them). */
export function isWorldCidr(cidr: string): boolean {
  const parsed = parseCidr(cidr);
  return parsed !== undefined && parsed.prefix === 0;
}

/**
 * Whether the ranges together hold every address of one IP version: `0.0.0.0/0` itself, or the
 * world written in pieces (`0.0.0.0/1` + `128.0.0.0/1`, `::/1` + `8000::/1`), as VPN-style routes
 * and some generated security groups spell it. Unparsable entries are ignored (they decide nothing).
 */
export function cidrsCoverWorld(cidrs: readonly string[], version: 4 | 6): boolean {
  return cidrsContain(cidrs, version === 4 ? '0.0.0.0/0' : '::/0');
}

/**
 * Whether the ranges together hold every address of `target` (one range may hold it, or several
 * adjacent ones). False for an unparsable target; unparsable or other-version ranges are ignored.
 */
export function cidrsContain(cidrs: readonly string[], target: string | ParsedCidr): boolean {
  const t = asParsed(target);
  return t !== undefined && cidrsFill(cidrs, [cidrBounds(t)], t.version);
}

/**
 * The addresses of one IP version that none of the ranges holds, as sorted, disjoint
 * `[start, end)` pairs. Unparsable and other-version ranges are ignored.
 */
export function uncoveredRanges(cidrs: readonly string[], version: 4 | 6): [bigint, bigint][] {
  const gaps: [bigint, bigint][] = [];
  let next = 0n;
  for (const [start, end] of sortedBounds(cidrs, version)) {
    if (start > next) gaps.push([next, start]);
    if (end > next) next = end;
  }
  const world = 1n << BigInt(version === 4 ? IPV4_BITS : IPV6_BITS);
  if (next < world) gaps.push([next, world]);
  return gaps;
}

/**
 * Whether the ranges together hold every address of `gaps` (sorted, disjoint, from
 * `uncoveredRanges`). Costs the ranges' sort plus a binary search per range, not a pass over the
 * gaps: one set of gaps is checked against many small sets of ranges.
 */
export function cidrsFill(cidrs: readonly string[], gaps: readonly (readonly [bigint, bigint])[], version: 4 | 6): boolean {
  if (gaps.length === 0) return true;
  // The first address of the gaps no range seen so far holds.
  let at = gaps[0]![0];
  let gap = 0;
  for (const [start, end] of sortedBounds(cidrs, version)) {
    if (end <= at) continue;
    if (start > at) return false;
    at = end;
    let lo = gap;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid]![1] > at) hi = mid;
      else lo = mid + 1;
    }
    gap = lo;
    if (gap === gaps.length) return true;
    if (gaps[gap]![0] > at) at = gaps[gap]![0];
  }
  return false;
}

function sortedBounds(cidrs: readonly string[], version: 4 | 6): [bigint, bigint][] {
  const bounds: [bigint, bigint][] = [];
  for (const text of cidrs) {
    const parsed = parseCidr(text);
    if (parsed !== undefined && parsed.version === version) bounds.push(cidrBounds(parsed));
  }
  return bounds.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The range's first address and the one past its last, as numbers of its IP version. */
export function cidrBounds(cidr: ParsedCidr): [start: bigint, end: bigint] {
  const bits = cidr.version === 4 ? IPV4_BITS : IPV6_BITS;
  return [cidr.network, cidr.network + (1n << BigInt(bits - cidr.prefix))];
}
