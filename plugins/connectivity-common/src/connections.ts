/**
 * A transport protocol of a NetworkPolicy port.
 *
 * @public
 */
export type Protocol = 'SCTP' | 'TCP' | 'UDP';

/**
 * The protocols, in the order they are written (alphabetical, as roxctl and
 * netpol-analyzer do).
 *
 * @public
 */
export const PROTOCOLS: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];

/**
 * An inclusive range of ports.
 *
 * @public
 */
export type PortRange = readonly [number, number];

/** The lowest and highest port a NetworkPolicy can name. @public */
export const MIN_PORT = 1;
/** The highest port. @public */
export const MAX_PORT = 65535;

function normalize(ranges: readonly PortRange[]): PortRange[] {
  const sorted = ranges
    .map(
      ([lo, hi]): PortRange => [Math.max(lo, MIN_PORT), Math.min(hi, MAX_PORT)],
    )
    .filter(([lo, hi]) => lo <= hi)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

function intersectRanges(
  a: readonly PortRange[],
  b: readonly PortRange[],
): PortRange[] {
  const out: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

/**
 * An immutable set of connections: for each protocol, the ports allowed.
 *
 * @public
 */
export class ConnectionSet {
  /** No connection at all. */
  static readonly NONE = new ConnectionSet({ SCTP: [], TCP: [], UDP: [] });
  /** Every port of every protocol. */
  static readonly ALL = new ConnectionSet({
    SCTP: [[MIN_PORT, MAX_PORT]],
    TCP: [[MIN_PORT, MAX_PORT]],
    UDP: [[MIN_PORT, MAX_PORT]],
  });

  private constructor(
    private readonly ranges: Readonly<Record<Protocol, readonly PortRange[]>>,
  ) {}

  /** The ports `from`..`to` (default: `from` alone) of one protocol. */
  static of(
    protocol: Protocol,
    from: number,
    to: number = from,
  ): ConnectionSet {
    const ranges = { SCTP: [], TCP: [], UDP: [] } as Record<
      Protocol,
      PortRange[]
    >;
    ranges[protocol] = normalize([[from, to]]);
    return new ConnectionSet(ranges);
  }

  /** The ports allowed for `protocol`, sorted and merged. */
  ports(protocol: Protocol): readonly PortRange[] {
    return this.ranges[protocol];
  }

  /** Connections in this set or in `other`. */
  union(other: ConnectionSet): ConnectionSet {
    if (other.isEmpty() || this.isAll()) return this;
    if (this.isEmpty() || other.isAll()) return other;
    return new ConnectionSet({
      SCTP: normalize([...this.ranges.SCTP, ...other.ranges.SCTP]),
      TCP: normalize([...this.ranges.TCP, ...other.ranges.TCP]),
      UDP: normalize([...this.ranges.UDP, ...other.ranges.UDP]),
    });
  }

  /** Connections in both this set and `other`. */
  intersect(other: ConnectionSet): ConnectionSet {
    if (this.isAll()) return other;
    if (other.isAll()) return this;
    return new ConnectionSet({
      SCTP: intersectRanges(this.ranges.SCTP, other.ranges.SCTP),
      TCP: intersectRanges(this.ranges.TCP, other.ranges.TCP),
      UDP: intersectRanges(this.ranges.UDP, other.ranges.UDP),
    });
  }

  /** Whether `port` of `protocol` is in the set. */
  allows(protocol: Protocol, port: number): boolean {
    return this.ranges[protocol].some(([lo, hi]) => lo <= port && port <= hi);
  }

  /** Whether the set has no connection. */
  isEmpty(): boolean {
    return PROTOCOLS.every(p => this.ranges[p].length === 0);
  }

  /** Whether the set has every port of every protocol. */
  isAll(): boolean {
    return PROTOCOLS.every(p => {
      const r = this.ranges[p];
      return r.length === 1 && r[0][0] === MIN_PORT && r[0][1] === MAX_PORT;
    });
  }

  /** Whether both sets hold the same connections. */
  equals(other: ConnectionSet): boolean {
    return this.toString() === other.toString();
  }

  /**
   * `All Connections`, `No Connections`, or the protocols in order each with
   * its ports, e.g. `TCP 53,80-81,UDP 53`.
   */
  toString(): string {
    if (this.isAll()) return 'All Connections';
    if (this.isEmpty()) return 'No Connections';
    return PROTOCOLS.filter(p => this.ranges[p].length > 0)
      .map(
        p =>
          `${p} ${this.ranges[p]
            .map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`))
            .join(',')}`,
      )
      .join(',');
  }
}
