import { Entity } from '@backstage/catalog-model';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { parseWith, ParseResult } from './parseResult';

const hostname = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i,
    'must be a DNS hostname',
  )
  .transform(h => h.toLocaleLowerCase('en-US'));

const address = z
  .string()
  .refine(a => ipaddr.isValid(a), 'must be an IPv4 or IPv6 address');

const cidr = z.string().refine(c => {
  try {
    ipaddr.parseCIDR(c);
    return true;
  } catch {
    return false;
  }
}, 'must be a CIDR block like 10.20.3.0/24');

/**
 * `spec.network`: where an entity lives on the network.
 * - Components and Resources: `hostnames`, `addresses`, `segment` (the
 *   network-segment Resource they sit in).
 * - Network-segment Resources: `cidrs` and `zone`.
 *
 * @public
 */
export const networkSchema = z
  .object({
    hostnames: z.array(hostname).optional(),
    addresses: z.array(address).optional(),
    segment: z.string().min(1).optional(),
    cidrs: z.array(cidr).optional(),
    zone: z.string().min(1).optional(),
  })
  .strict();

/**
 * An entity's spec.network, as parsed: hostnames, addresses, segment, CIDRs
 * and zone.
 *
 * @public
 */
export type NetworkDeclaration = z.infer<typeof networkSchema>;

/**
 * Where an entity declares its network facts, as issues name it.
 *
 * @public
 */
export const NETWORK_FIELD = 'spec.network';

/**
 * Parses an entity's spec.network (an absent one is empty).
 *
 * @public
 */
export function parseNetwork(entity: Entity): ParseResult<NetworkDeclaration> {
  const raw = entity.spec?.network;
  if (raw === undefined || raw === null) {
    return { ok: true, value: {} };
  }
  return parseWith(networkSchema, raw, NETWORK_FIELD);
}
