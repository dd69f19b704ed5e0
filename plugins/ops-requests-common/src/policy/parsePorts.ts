import { PortRule, Protocol } from './changeRequest';

/**
 * Parses what a person types for ports: "443/tcp, 8080-8090/tcp, 53/udp,
 * icmp". A port without a protocol is tcp. Throws with the offending part.
 *
 * @public
 */
export function parsePorts(text: string): PortRule[] {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (!parts.length) throw new Error('no ports given');
  return parts.map(part => {
    if (part.toLowerCase() === 'icmp') return { protocol: 'icmp' };
    const m = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp))?$/i.exec(part);
    if (!m) {
      throw new Error(
        `"${part}" is not a port, range or protocol (e.g. 443/tcp, 8080-8090/tcp, icmp)`,
      );
    }
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (from < 1 || to > 65535 || from > to) {
      throw new Error(`"${part}" is not a port range within 1-65535`);
    }
    return { protocol: (m[3]?.toLowerCase() ?? 'tcp') as Protocol, from, to };
  });
}
