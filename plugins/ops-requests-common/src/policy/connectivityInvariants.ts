import { z } from 'zod';

/**
 * Which end of a connection a rule means: every field given must hold.
 * `zone`: the network zone of its segment (`spec.network.zone`); `dataClass`:
 * one of its tags (`pci`, `pii`); `entity`: its entity ref; `external`: an
 * address range rather than a workload of the cluster.
 */
const endpointSelectorShape = z
  .object({
    zone: z.string().min(1).optional(),
    dataClass: z.string().min(1).optional(),
    entity: z.string().min(1).optional(),
    external: z.boolean().optional(),
  })
  .strict();

const nonEmpty = (s: object) => Object.keys(s).length > 0;
const NON_EMPTY = 'names at least one of zone, dataClass, entity, external';

const endpointSelector = endpointSelectorShape.refine(nonEmpty, NON_EMPTY);

/**
 * A connectivity invariant of the change policy, checked on the connections
 * a change would add or change: `never` (no connection from one to the
 * other) or `only` (whatever reaches `to` comes from one of `from`, on the
 * ports it lists when it lists some).
 *
 * @public
 */
export const connectivityInvariantSchema = z
  .object({
    /** Named in refusals: `dmz-never-restricted`. */
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,62}$/,
        'must be lower-case letters, digits and dashes',
      ),
    /** Why the invariant holds, in words, for the requester. */
    description: z.string().min(1).max(300),
    never: z
      .object({ from: endpointSelector, to: endpointSelector })
      .strict()
      .optional(),
    only: z
      .object({
        to: endpointSelector,
        from: z
          .array(
            endpointSelectorShape
              .extend({
                /** The only ports allowed from these (any protocol); absent, any. */
                ports: z.array(z.number().int().min(1).max(65535)).min(1),
              })
              .partial({ ports: true })
              .refine(
                ({ ports: _ports, ...rest }) => nonEmpty(rest),
                NON_EMPTY,
              ),
          )
          .min(1),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine(i => !!i.never !== !!i.only, 'says either never or only');

/**
 * One connectivity invariant of the change policy.
 *
 * @public
 */
export type ConnectivityInvariant = z.infer<typeof connectivityInvariantSchema>;

/**
 * One end of a connection, as the invariants see it.
 *
 * @public
 */
export interface InvariantEndpoint {
  /** As the change's effect names it: an entity ref, a workload id or a range. */
  name: string;
  /** The entity it names, lower-case, when it names one. */
  entityRef?: string;
  /** Its network zone: its own `spec.network.zone`, else its segment's. */
  zone?: string;
  /** Its tags, lower-case. */
  dataClasses: string[];
  /** An address range rather than a workload of the cluster. */
  external: boolean;
}

/**
 * A connection a change would add or change, with what it allows after it
 * (`TCP 5432`, `TCP 53,UDP 53`, `TCP 8080-8090`, `All Connections`).
 *
 * @public
 */
export interface InvariantFlow {
  /** Where the traffic starts. */
  from: InvariantEndpoint;
  /** Where it goes. */
  to: InvariantEndpoint;
  /** What it allows after the change, as connections say it. */
  allows: string;
}

type Selector = z.infer<typeof endpointSelectorShape>;

function selects(s: Selector, e: InvariantEndpoint): boolean {
  const lower = (v: string) => v.toLocaleLowerCase('en-US');
  return (
    (s.zone === undefined || (!!e.zone && lower(s.zone) === lower(e.zone))) &&
    (s.dataClass === undefined || e.dataClasses.includes(lower(s.dataClass))) &&
    (s.entity === undefined ||
      (!!e.entityRef && fullRef(s.entity) === lower(e.entityRef))) &&
    (s.external === undefined || s.external === e.external)
  );
}

/**
 * Whether every port `allows` names is in `ports` (`All Connections` never
 * is). Connections say ports as `TCP 443,8443,UDP 53`: a part without a
 * protocol is of the last one named.
 */
function onlyOn(allows: string, ports: number[]): boolean {
  if (/all connections/i.test(allows)) return false;
  const allowed = new Set(ports);
  let protocol: string | undefined;
  return allows.split(',').every(part => {
    const m = /^\s*(?:([A-Z]+)\s+)?(\d+)(?:-(\d+))?\s*$/i.exec(part);
    protocol = m?.[1] ?? protocol;
    if (!m || !protocol) return false;
    const [from, to] = [Number(m[2]), Number(m[3] ?? m[2])];
    // A range is inside the list only port by port (bounded: at most 65,535).
    for (let p = from; p <= to; p++) if (!allowed.has(p)) return false;
    return true;
  });
}

/** `payments-web` and `component:payments-web` as `component:default/payments-web`. */
function fullRef(ref: string): string {
  const lowered = ref.trim().toLocaleLowerCase('en-US');
  const withKind = lowered.includes(':') ? lowered : `component:${lowered}`;
  return withKind.includes('/') ? withKind : withKind.replace(':', ':default/');
}

/**
 * The invariants the flows would break, each in words: the invariant's id,
 * the connection and what it allows, and why the invariant holds -
 * `dmz-never-restricted: component:default/payments-web -> resource:default/fraud-cases-db (10.40.2.11) TCP 5432 (Nothing in the DMZ reaches the data zone)`.
 *
 * @public
 */
export function invariantViolations(
  invariants: readonly ConnectivityInvariant[],
  flows: readonly InvariantFlow[],
): string[] {
  const out: string[] = [];
  for (const flow of flows) {
    for (const inv of invariants) {
      const broken = inv.never
        ? selects(inv.never.from, flow.from) && selects(inv.never.to, flow.to)
        : !!inv.only &&
          selects(inv.only.to, flow.to) &&
          !inv.only.from.some(
            f =>
              selects(f, flow.from) &&
              (!f.ports || onlyOn(flow.allows, f.ports)),
          );
      if (broken) {
        out.push(
          `${inv.id}: ${flow.from.name} -> ${flow.to.name} ${flow.allows} (${inv.description})`,
        );
      }
    }
  }
  return out;
}

/**
 * Whether some invariant judges what reaches this end (its `never.to` or
 * `only.to` selects it): the destinations a check of main looks at.
 *
 * @public
 */
export function isInvariantDestination(
  invariants: readonly ConnectivityInvariant[],
  end: InvariantEndpoint,
): boolean {
  return invariants.some(i => {
    const to = i.never?.to ?? i.only?.to;
    return !!to && selects(to, end);
  });
}
