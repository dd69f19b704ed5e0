import ipaddr from 'ipaddr.js';

type Family = {
  bits: number;
  byLength: Map<number, Map<bigint | number, string[]>>;
  lengths: number[];
};

/** Parses an address, turning IPv4-mapped IPv6 (::ffff:a.b.c.d) into IPv4. */
export function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address);
  if (
    parsed.kind() === 'ipv6' &&
    (parsed as ipaddr.IPv6).isIPv4MappedAddress()
  ) {
    return (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
}

function toInteger(address: ipaddr.IPv4 | ipaddr.IPv6): bigint | number {
  const bytes = address.toByteArray();
  if (address.kind() === 'ipv4') {
    return (
      ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0
    );
  }
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

/** The address text of a block's key (IPv4 keys are numbers, IPv6 bigints). */
function fromInteger(value: bigint | number): string {
  const bytes: number[] = [];
  if (typeof value === 'number') {
    for (let i = 3; i >= 0; i--) bytes.push((value >>> (i * 8)) & 255);
  } else {
    for (let i = 15; i >= 0; i--) {
      bytes.push(Number((value >> BigInt(i * 8)) & 255n));
    }
  }
  return ipaddr.fromByteArray(bytes).toString();
}

/** How many leading bits two values of a `bits`-wide family share. */
function leadingCommonBits(
  a: bigint | number,
  b: bigint | number,
  bits: number,
): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.clz32((a ^ b) >>> 0);
  }
  const diff = BigInt(a) ^ BigInt(b);
  return diff === 0n ? bits : bits - diff.toString(2).length;
}

function masked(
  value: bigint | number,
  length: number,
  bits: number,
): bigint | number {
  if (typeof value === 'number') {
    return length === 0 ? 0 : (value & (0xffffffff << (32 - length))) >>> 0;
  }
  const hostBits = BigInt(bits - length);
  return (value >> hostBits) << hostBits;
}

/**
 * Longest-prefix match over CIDR blocks: one hash table per prefix length
 * present, probed from the longest length down. A lookup costs at most one
 * probe per distinct prefix length in use (a handful in practice), whatever
 * the number of blocks. Parsing and normalisation are ipaddr.js's.
 */
export class PrefixTable {
  readonly #families: Record<'ipv4' | 'ipv6', Family> = {
    ipv4: { bits: 32, byLength: new Map(), lengths: [] },
    ipv6: { bits: 128, byLength: new Map(), lengths: [] },
  };
  #size = 0;

  /** The family, prefix length and masked key of a block, e.g. "10.20.3.0/24". */
  #locate(cidr: string) {
    const [network, length] = ipaddr.parseCIDR(cidr);
    const address =
      network.kind() === 'ipv6' &&
      (network as ipaddr.IPv6).isIPv4MappedAddress()
        ? (network as ipaddr.IPv6).toIPv4Address()
        : network;
    const prefix =
      address.kind() === 'ipv4' && network.kind() === 'ipv6'
        ? length - 96
        : length;
    const family = this.#families[address.kind()];
    const key = masked(toInteger(address), prefix, family.bits);
    return { family, prefix, key };
  }

  /** Adds a block, e.g. "10.20.3.0/24", with the value (an entity ref) it belongs to. */
  add(cidr: string, value: string): void {
    const { family, prefix, key } = this.#locate(cidr);
    let table = family.byLength.get(prefix);
    if (!table) {
      table = new Map();
      family.byLength.set(prefix, table);
      family.lengths = [...family.byLength.keys()].sort((a, b) => b - a);
    }
    const values = table.get(key);
    if (values) values.push(value);
    else table.set(key, [value]);
    this.#size++;
  }

  /** Removes one value of a block added before; a no-op otherwise. */
  remove(cidr: string, value: string): void {
    const { family, prefix, key } = this.#locate(cidr);
    const table = family.byLength.get(prefix);
    const values = table?.get(key);
    const at = values?.indexOf(value) ?? -1;
    if (!table || !values || at < 0) return;
    values.splice(at, 1);
    this.#size--;
    if (values.length) return;
    table.delete(key);
    if (table.size) return;
    family.byLength.delete(prefix);
    family.lengths = family.lengths.filter(l => l !== prefix);
  }

  /** The most specific block containing the address, or undefined. */
  longestMatch(
    address: string,
  ): { prefixLength: number; values: string[] } | undefined {
    const parsed = parseAddress(address);
    const family = this.#families[parsed.kind()];
    const value = toInteger(parsed);
    for (const length of family.lengths) {
      const values = family.byLength
        .get(length)!
        .get(masked(value, length, family.bits));
      if (values) return { prefixLength: length, values };
    }
    return undefined;
  }

  /**
   * The block sharing the longest leading bits with the address, when it
   * shares at least `minCommonBits` (an address in no block: which one is it
   * next to?). Ties go to the longer prefix. Costs one comparison per block.
   */
  nearest(
    address: string,
    minCommonBits: { ipv4: number; ipv6: number },
  ):
    | {
        prefixLength: number;
        commonBits: number;
        cidr: string;
        values: string[];
      }
    | undefined {
    const parsed = parseAddress(address);
    const kind = parsed.kind();
    const family = this.#families[kind];
    const value = toInteger(parsed);
    let best:
      | {
          prefixLength: number;
          commonBits: number;
          key: bigint | number;
          values: string[];
        }
      | undefined;
    for (const length of family.lengths) {
      const own = masked(value, length, family.bits);
      for (const [key, values] of family.byLength.get(length)!) {
        const common = Math.min(
          length,
          leadingCommonBits(own, key, family.bits),
        );
        if (
          common >= minCommonBits[kind] &&
          (!best || common > best.commonBits)
        ) {
          best = { prefixLength: length, commonBits: common, key, values };
        }
      }
    }
    if (!best) return undefined;
    return {
      prefixLength: best.prefixLength,
      commonBits: best.commonBits,
      cidr: `${fromInteger(best.key)}/${best.prefixLength}`,
      values: best.values,
    };
  }

  get size(): number {
    return this.#size;
  }
}
