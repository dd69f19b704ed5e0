import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import ipaddr from 'ipaddr.js';
import { parseAddress } from './PrefixTable';

export type ClassifiedQuery =
  | { kind: 'ip'; address: string }
  | { kind: 'cidr'; cidr: string; network: string }
  | { kind: 'url'; hostname: string }
  | { kind: 'ref'; ref: string }
  | { kind: 'hostname'; hostname: string }
  | { kind: 'name'; name: string };

const KNOWN_KINDS = [
  'component',
  'resource',
  'system',
  'api',
  'domain',
  'group',
  'user',
];
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/**
 * Works out what an incident responder pasted: an IP address, a CIDR, a URL,
 * an entity ref ("component:default/x"), a hostname, or a plain name.
 */
export function classifyQuery(input: string): ClassifiedQuery {
  const q = input.trim();
  const lower = q.toLocaleLowerCase('en-US');

  if (
    ipaddr.IPv4.isValidFourPartDecimal(q) ||
    (q.includes(':') && ipaddr.IPv6.isValid(q))
  ) {
    return { kind: 'ip', address: parseAddress(q).toString() };
  }
  if (q.includes('/') && !q.includes('://')) {
    try {
      const [network, length] = ipaddr.parseCIDR(q);
      return {
        kind: 'cidr',
        cidr: `${network.toString()}/${length}`,
        network: network.toString(),
      };
    } catch {
      // not a CIDR; maybe an entity ref
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(q)) {
    try {
      const hostname = new URL(q).hostname.replace(/^\[|\]$/g, '');
      if (ipaddr.isValid(hostname))
        return { kind: 'ip', address: parseAddress(hostname).toString() };
      return { kind: 'url', hostname: hostname.toLocaleLowerCase('en-US') };
    } catch {
      // fall through
    }
  }
  const kindPrefix = lower.split(':')[0];
  if (lower.includes(':') && KNOWN_KINDS.includes(kindPrefix)) {
    try {
      return { kind: 'ref', ref: stringifyEntityRef(parseEntityRef(lower)) };
    } catch {
      // fall through
    }
  }
  const hostAndPort = /^([^:/\s]+):\d{1,5}$/.exec(lower);
  if (hostAndPort && HOSTNAME.test(hostAndPort[1])) {
    return { kind: 'hostname', hostname: hostAndPort[1] };
  }
  if (HOSTNAME.test(lower)) {
    return { kind: 'hostname', hostname: lower.replace(/\.$/, '') };
  }
  return { kind: 'name', name: lower };
}
