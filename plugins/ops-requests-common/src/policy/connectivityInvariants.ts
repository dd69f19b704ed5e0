import { z } from 'zod';
import { celSyntaxError, judgeCel, MAX_CEL_LENGTH } from './celExpressions';
import { authoredRuleId } from './ruleResult';

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

/** One end of a fixture's connection: as InvariantEndpoint, with defaults. */
const fixtureEndpoint = z
  .object({
    name: z.string().min(1).max(300),
    entityRef: z.string().min(1).optional(),
    zone: z.string().min(1).optional(),
    dataClasses: z.array(z.string()).default([]),
    external: z.boolean().default(false),
  })
  .strict();

const invariantFixture = z
  .object({
    name: z.string().min(1).max(200),
    flow: z
      .object({
        from: fixtureEndpoint,
        to: fixtureEndpoint,
        /** As connections say it: `TCP 5432`, `TCP 53,UDP 53`, `All Connections`. */
        allows: z.string().min(1).max(300),
      })
      .strict(),
    expect: z.enum(['holds', 'breaks']),
  })
  .strict();

/**
 * A connectivity invariant of the change policy, checked on the connections
 * a change would add or change: `never` (no connection from one to the
 * other), `only` (whatever reaches `to` comes from one of `from`, on the
 * ports it lists when it lists some) or `cel` (whatever reaches `to` makes
 * the CEL expression true; `flow`: from, to, allows, allConnections,
 * connections). `fixtures` (connections it must hold for and must break on)
 * are checked whenever the policy is read; a `cel` invariant needs both.
 *
 * @public
 */
export const connectivityInvariantSchema = z
  .object({
    /** Named in refusals: `dmz-never-restricted`. */
    id: authoredRuleId,
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
    cel: z
      .object({
        to: endpointSelector,
        expression: z.string().min(1).max(MAX_CEL_LENGTH),
      })
      .strict()
      .optional(),
    fixtures: z.array(invariantFixture).min(1).max(50).optional(),
  })
  .strict()
  .refine(
    i => [i.never, i.only, i.cel].filter(Boolean).length === 1,
    'says one of never, only or cel',
  )
  .superRefine((inv, ctx) => {
    if (inv.cel) {
      const syntax = celSyntaxError(inv.cel.expression);
      if (syntax) {
        ctx.addIssue({
          code: 'custom',
          path: ['cel', 'expression'],
          message: `is not CEL: ${syntax}`,
        });
        return;
      }
      for (const expect of ['holds', 'breaks'] as const) {
        if (!inv.fixtures?.some(f => f.expect === expect)) {
          ctx.addIssue({
            code: 'custom',
            path: ['fixtures'],
            message: `a cel invariant needs a fixture it ${expect} on`,
          });
        }
      }
    }
    inv.fixtures?.forEach((fixture, i) => {
      const got = breaks(inv, fixture.flow) ? 'breaks' : 'holds';
      if (got !== fixture.expect) {
        ctx.addIssue({
          code: 'custom',
          path: ['fixtures', i],
          message: `"${fixture.name}": the invariant must ${
            fixture.expect === 'holds' ? 'hold' : 'break'
          }, it ${got}`,
        });
      }
    });
  });

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
  // A part without ports (ICMP) or that cannot be read is never inside.
  return (connectionsOf(allows) ?? [{ protocol: '' }]).every(c => {
    if (c.from === undefined || c.to === undefined) return false;
    // A range is inside the list only port by port (bounded: at most 65,535).
    for (let p = c.from; p <= c.to; p++) if (!allowed.has(p)) return false;
    return true;
  });
}

/**
 * The connections `allows` names, as CEL reads them: `TCP 443,8443,UDP 53`
 * (a port without a protocol is of the last one named) and `ICMP` (a
 * protocol without ports). Undefined when a part is neither: it cannot be
 * judged.
 */
function connectionsOf(allows: string) {
  let protocol: string | undefined;
  const out: Array<{ protocol: string; from?: number; to?: number }> = [];
  for (const part of allows.split(',')) {
    const ported = /^\s*(?:([A-Z]+)\s+)?(\d+)(?:-(\d+))?\s*$/i.exec(part);
    const bare = /^\s*([A-Z]+)\s*$/i.exec(part);
    protocol = (ported?.[1] ?? bare?.[1])?.toUpperCase() ?? protocol;
    if (!protocol || (!ported && !bare)) return undefined;
    out.push(
      ported
        ? {
            protocol,
            from: Number(ported[2]),
            to: Number(ported[3] ?? ported[2]),
          }
        : { protocol },
    );
  }
  return out;
}

/**
 * Whether the flow breaks the invariant. A `cel` expression that cannot be
 * judged on a flow it applies to counts as broken: what was not judged is
 * not allowed.
 */
function breaks(
  inv: Pick<ConnectivityInvariant, 'never' | 'only' | 'cel'>,
  flow: InvariantFlow,
): boolean {
  if (inv.never) {
    return selects(inv.never.from, flow.from) && selects(inv.never.to, flow.to);
  }
  if (inv.only) {
    return (
      selects(inv.only.to, flow.to) &&
      !inv.only.from.some(
        f =>
          selects(f, flow.from) && (!f.ports || onlyOn(flow.allows, f.ports)),
      )
    );
  }
  if (!inv.cel || !selects(inv.cel.to, flow.to)) return false;
  const all = /all connections/i.test(flow.allows);
  const connections = all ? [] : connectionsOf(flow.allows);
  // What cannot be read cannot be judged: it breaks the invariant.
  if (!connections) return true;
  const judged = judgeCel(inv.cel.expression, {
    flow: { ...flow, allConnections: all, connections },
  });
  return !('verdict' in judged) || !judged.verdict;
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
      if (breaks(inv, flow)) {
        out.push(
          `${inv.id}: ${flow.from.name} -> ${flow.to.name} ${flow.allows} (${inv.description})`,
        );
      }
    }
  }
  return out;
}

/**
 * Whether some invariant judges what reaches this end (its `never.to`,
 * `only.to` or `cel.to` selects it): the destinations a check of main looks at.
 *
 * @public
 */
export function isInvariantDestination(
  invariants: readonly ConnectivityInvariant[],
  end: InvariantEndpoint,
): boolean {
  return invariants.some(i => {
    const to = i.never?.to ?? i.only?.to ?? i.cel?.to;
    return !!to && selects(to, end);
  });
}
