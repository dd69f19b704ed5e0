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
// Shapes checked before asking ipaddr.js, whose validators throw and catch
// internally: a ref like "component:default/x" would pay for an exception on
// every lookup.
const IPV4_SHAPE = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6_SHAPE = /^[0-9a-f:.]*:[0-9a-f:.]*(%[\w.-]+)?$/i;
const isIp = (s: string) =>
  (IPV4_SHAPE.test(s) && ipaddr.IPv4.isValidFourPartDecimal(s)) ||
  (IPV6_SHAPE.test(s) && ipaddr.IPv6.isValid(s));
const CIDR_SHAPE = /^[0-9a-f.:]+\/\d{1,3}$/i;
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/**
 * Works out what an incident responder (or an alert) pasted: an IP address
 * (with a port, IPv6 in brackets), a CIDR, a URL, an entity ref
 * ("component:default/x"), a hostname (with a port or a trailing dot), or a
 * plain name.
 */
export function classifyQuery(input: string): ClassifiedQuery {
  const q = input.trim();
  const lower = q.toLocaleLowerCase('en-US');

  if (isIp(q)) {
    return { kind: 'ip', address: parseAddress(q).toString() };
  }
  if (CIDR_SHAPE.test(q)) {
    try {
      const [network, length] = ipaddr.parseCIDR(q);
      return {
        kind: 'cidr',
        cidr: `${network.toString()}/${length}`,
        network: network.toString(),
      };
    } catch {
      // 10.0.0.0/99 and the like: not a network
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(q)) {
    try {
      const hostname = new URL(q).hostname.replace(/^\[|\]$/g, '');
      if (isIp(hostname))
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
  // What alerts and log lines carry: host:port, [IPv6]:port, a fully
  // qualified name with its trailing dot.
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(lower);
  if (bracketed && isIp(bracketed[1])) {
    return { kind: 'ip', address: parseAddress(bracketed[1]).toString() };
  }
  const hostAndPort = /^([^:/\s]+):\d{1,5}$/.exec(lower);
  const host = (hostAndPort ? hostAndPort[1] : lower).replace(/\.$/, '');
  if (hostAndPort && isIp(host)) {
    return { kind: 'ip', address: parseAddress(host).toString() };
  }
  if (HOSTNAME.test(host)) {
    return { kind: 'hostname', hostname: host };
  }
  return { kind: 'name', name: lower };
}
