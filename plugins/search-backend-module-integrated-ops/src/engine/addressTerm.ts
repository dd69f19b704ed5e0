import ipaddr from 'ipaddr.js';

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/**
 * The address a search term names, when it is one: an IP address (with a
 * port, IPv6 in brackets), a CIDR, a hostname of two labels or more (with a
 * port), or a URL's host. Undefined for words and names.
 */
export function addressTerm(term: string): string | undefined {
  // Pasted from an alert or a terminal: control characters are not part of it.
  const q = term
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .toLocaleLowerCase('en-US');
  if (!q || /\s/.test(q)) return undefined;
  let host = q;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(q)) {
    try {
      host = new URL(q).hostname;
    } catch {
      return undefined;
    }
  }
  host = host
    .replace(/^\[([0-9a-f:.]+)\](:\d+)?$/, '$1')
    .replace(/^([^:]+):\d+$/, '$1');
  if (ipaddr.isValid(host) || ipaddr.isValidCIDR(host)) return host;
  return HOSTNAME.test(host.replace(/\.$/, ''))
    ? host.replace(/\.$/, '')
    : undefined;
}
