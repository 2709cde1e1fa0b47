import type { RValue } from '../resolved.ts';
import { arrayValue, describe, knownText, listArg, stringValue } from './context.ts';
import type { Call, EvalContext, Evaluated } from './context.ts';

/**
 * `Fn::Cidr: [ipBlock, count, cidrBits]`: `count` consecutive blocks of `cidrBits` host bits
 * carved from the start of `ipBlock`, computed for IPv4 and IPv6 when the block is known.
 */
export const cidr = (ctx: EvalContext, call: Call): Evaluated => {
  const args = listArg(call);
  if (args === undefined || args.length !== 3) return ctx.invalid(call, 'Fn::Cidr takes [ipBlock, count, cidrBits]');
  const values: RValue[] = [];
  for (const node of args) {
    const value = ctx.evaluate(node, call.path, call.depth + 1);
    if (typeof value === 'symbol') return ctx.invalid(call, 'Fn::Cidr argument is AWS::NoValue');
    values.push(value);
  }
  const [blockValue, countValue, bitsValue] = values as [RValue, RValue, RValue];
  for (const value of values) {
    if (value.kind === 'unknown') return ctx.unknown(value.reason, call.loc);
  }
  const count = integer(knownText(countValue));
  const bits = integer(knownText(bitsValue));
  if (count === undefined || bits === undefined) {
    if (countValue.kind === 'string' && countValue.partial === true) return ctx.unknown('Fn::Cidr count is not known', call.loc);
    if (bitsValue.kind === 'string' && bitsValue.partial === true) return ctx.unknown('Fn::Cidr bits are not known', call.loc);
    return ctx.invalid(call, 'Fn::Cidr count and cidrBits must be integers');
  }
  const block = knownText(blockValue);
  if (block === undefined) {
    if (blockValue.kind === 'ref' || (blockValue.kind === 'string' && blockValue.partial === true)) {
      return ctx.unknown('Fn::Cidr of an address block known only after deployment', call.loc);
    }
    return ctx.invalid(call, `Fn::Cidr takes an address block, found ${describe(blockValue)}`);
  }
  const result = computeCidrs(block, count, bits);
  if (typeof result === 'string') return ctx.invalid(call, `Fn::Cidr: ${result}`);
  return arrayValue(result.map((c): RValue => stringValue(c, call.loc)), call.loc);
};

function integer(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  return Number(text);
}

/** The blocks, or a message saying why the arguments are invalid. */
export function computeCidrs(block: string, count: number, cidrBits: number): string[] | string {
  if (count < 1 || count > 256) return `count ${count} is outside 1..256`;
  const parsed = parseCidr(block);
  if (parsed === undefined) return `${block} is not a CIDR block`;
  const { address, prefix, width } = parsed;
  if (cidrBits < 1 || cidrBits > width) return `cidrBits ${cidrBits} is outside 1..${width}`;
  const newPrefix = width - cidrBits;
  if (newPrefix < prefix) return `cidrBits ${cidrBits} makes blocks larger than ${block}`;
  const available = 1n << BigInt(newPrefix - prefix);
  if (BigInt(count) > available) return `${block} holds only ${available} blocks of /${newPrefix}, not ${count}`;
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  const network = address & ~hostMask;
  const step = 1n << BigInt(cidrBits);
  const out: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const a = network + i * step;
    out.push(`${width === 32 ? formatIpv4(a) : formatIpv6(a)}/${newPrefix}`);
  }
  return out;
}

interface ParsedCidr {
  address: bigint;
  prefix: number;
  width: 32 | 128;
}

export function parseCidr(text: string): ParsedCidr | undefined {
  const m = /^\s*([0-9a-fA-F:.]+)\/(\d{1,3})\s*$/.exec(text);
  if (m === null) return undefined;
  const prefix = Number(m[2]);
  if (m[1]!.includes(':')) {
    const address = parseIpv6(m[1]!);
    return address === undefined || prefix > 128 ? undefined : { address, prefix, width: 128 };
  }
  const address = parseIpv4(m[1]!);
  return address === undefined || prefix > 32 ? undefined : { address, prefix, width: 32 };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] | undefined => {
    if (s === '') return [];
    const g = s.split(':');
    return g.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x)) ? g : undefined;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const g of all) value = (value << 16n) | BigInt(parseInt(g, 16));
  return value;
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

/** RFC 5952 text: lower case, leading zeros dropped, the longest run of zero groups as `::`. */
function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
