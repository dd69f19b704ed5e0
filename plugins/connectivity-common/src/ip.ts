import ipaddr from 'ipaddr.js';

/**
 * An inclusive range of IP addresses of one family, as numbers.
 *
 * @public
 */
export interface IpRange {
  /** IPv4 or IPv6. */
  readonly family: 4 | 6;
  /** The first address, as a number. */
  readonly start: bigint;
  /** The last address, as a number (inclusive). */
  readonly end: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;

/** The whole address space of a family. @internal */
export function universe(family: 4 | 6): IpRange {
  return { family, start: 0n, end: (1n << BigInt(BITS[family])) - 1n };
}

function toBigInt(bytes: number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function fromBigInt(value: bigint, family: 4 | 6): string {
  const bytes: number[] = [];
  let rest = value;
  for (let i = 0; i < BITS[family] / 8; i++) {
    bytes.unshift(Number(rest & 0xffn));
    rest >>= 8n;
  }
  return ipaddr.fromByteArray(bytes).toString();
}

function strictAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(text)) {
    return ipaddr.IPv4.isValidFourPartDecimal(text)
      ? ipaddr.IPv4.parse(text)
      : undefined;
  }
  if (text.includes(':') && ipaddr.IPv6.isValid(text)) {
    return ipaddr.IPv6.parse(text);
  }
  return undefined;
}

/**
 * Parses one IP address (IPv4 in dotted decimal, or IPv6) into a one-address
 * range; `undefined` when it is not an address.
 *
 * @public
 */
export function parseIpAddress(text: string): IpRange | undefined {
  const address = strictAddress(text.trim());
  if (!address) return undefined;
  const family = address.kind() === 'ipv4' ? 4 : 6;
  const value = toBigInt(address.toByteArray());
  return { family, start: value, end: value };
}

/**
 * Parses a CIDR (`10.0.0.0/8`, `2001:db8::/32`) into its range of addresses;
 * host bits are masked, as the API server's ipBlock does. `undefined` when it
 * is not a CIDR.
 *
 * @public
 */
export function parseCidr(text: string): IpRange | undefined {
  const match = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim());
  if (!match) return undefined;
  const address = strictAddress(match[1]);
  if (!address) return undefined;
  const family = address.kind() === 'ipv4' ? 4 : 6;
  const prefix = Number(match[2]);
  if (prefix > BITS[family]) return undefined;
  const hostBits = BigInt(BITS[family] - prefix);
  const value = toBigInt(address.toByteArray());
  const start = (value >> hostBits) << hostBits;
  return { family, start, end: start + (1n << hostBits) - 1n };
}

/**
 * Formats a range as `first-last` (both addresses written out).
 *
 * @public
 */
export function formatIpRange(range: IpRange): string {
  return `${fromBigInt(range.start, range.family)}-${fromBigInt(
    range.end,
    range.family,
  )}`;
}

/** Whether `inner` lies entirely inside `outer`. @internal */
export function rangeContains(outer: IpRange, inner: IpRange): boolean {
  return (
    outer.family === inner.family &&
    outer.start <= inner.start &&
    inner.end <= outer.end
  );
}

/** Compares ranges: IPv4 before IPv6, then by start, then by end. @internal */
export function compareRanges(a: IpRange, b: IpRange): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  return 0;
}

/**
 * Cuts the address spaces of `families` into the coarsest ranges whose
 * addresses every one of `blocks` treats alike (each block either contains a
 * whole piece or none of it). @internal
 */
export function atomize(
  blocks: readonly IpRange[],
  families: ReadonlyArray<4 | 6>,
): IpRange[] {
  const atoms: IpRange[] = [];
  for (const family of families) {
    const whole = universe(family);
    const cuts = new Set<bigint>([whole.start]);
    for (const block of blocks) {
      if (block.family !== family) continue;
      cuts.add(block.start);
      if (block.end < whole.end) cuts.add(block.end + 1n);
    }
    const sorted = [...cuts].sort((a, b) => Number(a > b) - Number(a < b));
    sorted.forEach((start, i) => {
      const end = i + 1 < sorted.length ? sorted[i + 1] - 1n : whole.end;
      atoms.push({ family, start, end });
    });
  }
  return atoms;
}
