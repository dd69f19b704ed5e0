import ipaddr from 'ipaddr.js';

/** Whether the text is shaped like a CIDR block: hex digits with dots or colons, then a prefix. */
export function looksLikeAddressRange(text: string): boolean {
  return /^(?=[0-9a-f]*[.:])[0-9a-f.:]+\/\d{1,3}$/i.test(text.trim());
}

/**
 * An address range outside the catalog (a partner's or a vendor's), written as
 * a CIDR block: its normalized form (the network address, so
 * "203.0.113.7/24" is "203.0.113.0/24"), or undefined when the text is not
 * one. Entity refs never parse as one.
 *
 * @public
 */
export function parseAddressRange(text: string): string | undefined {
  const trimmed = text.trim();
  if (!looksLikeAddressRange(trimmed)) return undefined;
  try {
    const [address, prefix] = ipaddr.parseCIDR(trimmed);
    const network =
      address.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(trimmed)
        : ipaddr.IPv6.networkAddressFromCIDR(trimmed);
    return `${network.toString()}/${prefix}`;
  } catch {
    return undefined;
  }
}
