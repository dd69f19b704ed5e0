import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CustomErrorBase, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  components,
  ConnectionSet,
  Endpoint,
  formatIpRange,
  parseIpAddress,
  PolicyRef,
  Protocol,
  PROTOCOLS,
  RuleRef,
  SideVerdict,
} from '@integrated-ops/plugin-connectivity-common';
import { ChangePublisher } from '@integrated-ops/plugin-ops-requests-node';
import {
  Estate,
  KUBERNETES_FOLDER,
} from '@integrated-ops/plugin-connectivity-node';

type Schemas = components['schemas'];
type Reach = Schemas['Reach'];
type Connections = Schemas['Connections'];
type RuleOut = Schemas['Rule'];
type EndpointOut = Schemas['Endpoint'];

/** At most this many items in any list of an answer (the spec says so too). */
export const MAX_ITEMS = 200;
const MAX_PROBLEMS = 50;

/** One end of a question, resolved: an entity the caller may read, or an address. */
interface Side {
  out: EndpointOut;
  endpoints: Endpoint[];
}

/** Thrown when the repository cannot be read here: a 422 naming it. */
class UnreadableError extends CustomErrorBase {
  name = 'UnreadableError' as const;
  statusCode = 422;
}

/**
 * `8443`, `8443/TCP`, `53/udp` → protocol and port; a 400 naming `port`
 * otherwise.
 */
export function parsePort(text: string): { protocol: Protocol; port: number } {
  const match = /^(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(text.trim());
  const port = match ? Number(match[1]) : NaN;
  const protocol = (match?.[2] ?? 'TCP').toUpperCase() as Protocol;
  if (!match || port < 1 || port > 65535 || !PROTOCOLS.includes(protocol)) {
    throw new InputError(
      `port: "${text}" is not a port: say 1 to 65535, optionally with /TCP, /UDP or /SCTP (e.g. 8443 or 53/UDP)`,
    );
  }
  return { protocol, port };
}

const policyOut = (ref: PolicyRef) => ({
  namespace: ref.namespace,
  name: ref.name,
  ...(ref.file !== undefined ? { file: ref.file } : {}),
});

const rulesOut = (
  estate: Estate,
  side: 'from' | 'to',
  verdict: SideVerdict,
): Array<RuleOut & { key: string }> =>
  verdict.allowingRules.map((rule: RuleRef) => ({
    side,
    direction: rule.direction,
    workload: verdict.workload ?? '',
    policy: policyOut(rule.policy),
    index: rule.index,
    ...estate.policyNotes(rule.policy.namespace, rule.policy.name),
    key: `${side}|${verdict.workload}|${rule.policy.namespace}/${rule.policy.name}|${rule.index}`,
  }));

const unique = <T extends { key: string }>(items: T[]) => {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(item.key)) seen.set(item.key, item);
  return [...seen.values()].map(({ key: _key, ...rest }) => rest);
};

/**
 * The connectivity model of the estate, rebuilt from the infrastructure
 * repository's main and the catalog, and the answers from it for one caller.
 */
export class ConnectivityService {
  private estate?: Estate;
  private failure?: string;
  /** How many Components and Resources the last model saw in the catalog. */
  private catalogEntities = 0;

  constructor(
    private readonly options: {
      publisher: ChangePublisher;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  /** Reads main's manifests and the catalog again; keeps the last model if that fails. */
  async rebuild(): Promise<void> {
    const { publisher, catalog, auth, logger } = this.options;
    let main: Awaited<ReturnType<ChangePublisher['filesOnMain']>>;
    try {
      main = await publisher.filesOnMain(KUBERNETES_FOLDER);
    } catch (e) {
      this.failure = `the infrastructure repository's main (${
        publisher.target
      }) cannot be read: ${(e as Error).message}`;
      logger.warn(this.failure);
      return;
    }
    if (main === null) {
      this.failure = `the infrastructure repository's main cannot be listed with the ${publisher.provider} change publisher yet (only the local one)`;
      return;
    }
    const { items } = await catalog.getEntities(
      { filter: [{ kind: 'Component' }, { kind: 'Resource' }] },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const started = Date.now();
    this.catalogEntities = items.length;
    this.estate = Estate.build(main.files, items, {
      builtAt: new Date().toISOString(),
      commit: main.commit,
    });
    this.failure = undefined;
    logger.debug(
      `connectivity model of ${main.commit ?? 'an empty main'}: ${
        this.estate.model.workloadIds().length
      } workloads, ${this.estate.model.policies.length} policies, ${
        this.estate.problems.length
      } problems, in ${Date.now() - started} ms`,
    );
  }

  /**
   * Whether the model is not worth answering from yet: none was built, or
   * it was built before the catalog had processed any entity (right after a
   * start), when no name resolves.
   */
  needsWarmUp(): boolean {
    return !this.estate || this.catalogEntities === 0;
  }

  private current(): Estate {
    if (!this.estate) {
      throw new UnreadableError(
        this.failure ??
          "the infrastructure repository's main has not been read yet",
      );
    }
    return this.estate;
  }

  private modelOut(estate: Estate): Schemas['ModelState'] {
    return {
      builtAt: estate.meta.builtAt,
      ...(estate.meta.commit ? { commit: estate.meta.commit } : {}),
      problems: estate.problems.slice(0, MAX_PROBLEMS),
    };
  }

  /** An entity ref, a name or (where `addresses`) an IP, as the caller may see it; a 400 naming the field otherwise. */
  private async side(
    estate: Estate,
    field: string,
    value: string,
    credentials: BackstageCredentials,
    addresses: boolean,
    /** Whether an entity the model maps no workload to is a 400 (reach), or an answer with none (inbound, outbound). */
    needsWorkload = true,
  ): Promise<Side> {
    const text = value.trim();
    const address = parseIpAddress(text);
    if (address) {
      if (!addresses) {
        throw new InputError(
          `${field}: "${text}" is an address; name an entity (addresses are asked with /reach)`,
        );
      }
      return {
        out: { address: text, workloads: [] },
        endpoints: [{ kind: 'external', range: address }],
      };
    }
    let candidates: string[];
    if (/[:/]/.test(text)) {
      try {
        candidates = [
          stringifyEntityRef(
            parseEntityRef(text, {
              defaultKind: 'component',
              defaultNamespace: 'default',
            }),
          ).toLocaleLowerCase('en-US'),
        ];
      } catch {
        throw new InputError(
          `${field}: "${text}" is not an entity ref, an entity name or an IP address`,
        );
      }
    } else {
      candidates = estate.named(text);
      // Not in the model (yet): as a component's name, so that an entity the
      // caller may read is told apart from an unknown one.
      if (candidates.length === 0 && /^[\w.-]+$/.test(text)) {
        candidates = [`component:default/${text.toLocaleLowerCase('en-US')}`];
      }
    }
    const { catalog } = this.options;
    const readable = candidates.length
      ? (
          await catalog.getEntitiesByRefs(
            { entityRefs: candidates, fields: ['kind', 'metadata'] },
            { credentials },
          )
        ).items.flatMap((entity, i) => (entity ? [candidates[i]] : []))
      : [];
    if (readable.length === 0) {
      throw new InputError(
        `${field}: no entity "${text}" in the catalog that you may read`,
      );
    }
    if (readable.length > 1) {
      throw new InputError(
        `${field}: "${text}" names ${readable.join(
          ', ',
        )}; say which with its ref`,
      );
    }
    const ref = readable[0];
    const workloads = estate.entities.get(ref);
    if (!workloads && !needsWorkload) {
      return { out: { entityRef: ref, workloads: [] }, endpoints: [] };
    }
    if (!workloads) {
      throw new InputError(
        `${field}: ${ref} runs no workload the model knows (a Component, or a Resource annotated with backstage.io/kubernetes-namespace; the model was built at ${estate.meta.builtAt})`,
      );
    }
    return {
      out: { entityRef: ref, workloads: workloads.slice(0, 50) },
      endpoints: workloads.map(id => ({ kind: 'workload', id })),
    };
  }

  /** Whether `from` reaches `to` on the port, and why. */
  async reach(
    query: { from: string; to: string; port: string },
    credentials: BackstageCredentials,
  ): Promise<Reach> {
    const { protocol, port } = parsePort(query.port);
    const estate = this.current();
    const from = await this.side(estate, 'from', query.from, credentials, true);
    const to = await this.side(estate, 'to', query.to, credentials, true);
    if (from.out.address && to.out.address) {
      throw new InputError(
        'from, to: at least one end must be an entity (between two addresses is not the cluster network)',
      );
    }
    let allowed = true;
    const rules: Array<RuleOut & { key: string }> = [];
    const isolatedBy = new Map<string, Schemas['Isolation']>();
    for (const src of from.endpoints) {
      for (const dst of to.endpoints) {
        if (src.kind === 'workload' && dst.kind === 'workload') {
          if (src.id === dst.id) continue; // a workload's own pods
        }
        const verdict = estate.model.evaluate(src, dst, protocol, port);
        allowed &&= verdict.allowed;
        rules.push(
          ...rulesOut(estate, 'from', verdict.egress),
          ...rulesOut(estate, 'to', verdict.ingress),
        );
        for (const [side, v] of [
          ['from', verdict.egress],
          ['to', verdict.ingress],
        ] as const) {
          if (v.allowed) continue;
          isolatedBy.set(`${side}|${v.workload}`, {
            side,
            direction: v.direction,
            workload: v.workload ?? '',
            policies: [...v.isolatingPolicies]
              .sort(
                (a, b) =>
                  a.namespace.localeCompare(b.namespace, 'en') ||
                  a.name.localeCompare(b.name, 'en'),
              )
              .slice(0, MAX_ITEMS)
              .map(policyOut),
          });
        }
      }
    }
    return {
      from: from.out,
      to: to.out,
      protocol,
      port,
      allowed,
      rules: allowed ? unique(rules).slice(0, MAX_ITEMS) : [],
      isolatedBy: [...isolatedBy.values()].slice(0, MAX_ITEMS),
      model: this.modelOut(estate),
    };
  }

  /** Who can reach the entity (`inbound`), or what it can reach (`outbound`). */
  async connections(
    direction: 'inbound' | 'outbound',
    value: string,
    credentials: BackstageCredentials,
  ): Promise<Connections> {
    const estate = this.current();
    const field = direction === 'inbound' ? 'to' : 'from';
    // An entity no workload maps to: an answer with none (the card says so).
    const entity = await this.side(
      estate,
      field,
      value,
      credentials,
      false,
      false,
    );
    const own = new Set(estate.entities.get(entity.out.entityRef!) ?? []);
    const found =
      direction === 'inbound'
        ? estate.to([...own]).map(c => ({ c, peer: c.src }))
        : estate.from([...own]).map(c => ({ c, peer: c.dst }));

    // Peers: other entities (by ref) and address ranges.
    const byEntity = new Map<string, typeof found>();
    const ranges = new Map<string, typeof found>();
    for (const item of found) {
      if (item.peer.kind === 'external') {
        const address = formatIpRange(item.peer.range);
        ranges.set(address, [...(ranges.get(address) ?? []), item]);
        continue;
      }
      if (own.has(item.peer.id)) continue;
      for (const ref of estate.owners.get(item.peer.id) ?? []) {
        byEntity.set(ref, [...(byEntity.get(ref) ?? []), item]);
      }
    }
    const refs = [...byEntity.keys()].sort();
    const readable = refs.length
      ? (
          await this.options.catalog.getEntitiesByRefs(
            { entityRefs: refs, fields: ['kind', 'metadata'] },
            { credentials },
          )
        ).items.flatMap((e, i) => (e ? [refs[i]] : []))
      : [];

    const rulesOf = (group: typeof found) => {
      const out: Array<RuleOut & { key: string }> = [];
      for (const { c } of group) {
        const probe = (e: Endpoint): Endpoint =>
          e.kind === 'external'
            ? { kind: 'external', range: { ...e.range, end: e.range.start } }
            : e;
        for (const protocol of PROTOCOLS) {
          for (const [lo] of c.conns.ports(protocol)) {
            const v = estate.model.evaluate(
              probe(c.src),
              probe(c.dst),
              protocol,
              lo,
            );
            out.push(
              ...rulesOut(estate, 'from', v.egress),
              ...rulesOut(estate, 'to', v.ingress),
            );
          }
        }
      }
      return unique(out).slice(0, MAX_ITEMS);
    };

    const union = (group: typeof found) =>
      group.reduce((acc, { c }) => acc.union(c.conns), ConnectionSet.NONE);
    const items: Schemas['Connection'][] = [];
    for (const ref of readable) {
      const group = byEntity.get(ref)!;
      items.push({
        peer: {
          entityRef: ref,
          workloads: estate.entities.get(ref)!.slice(0, 50),
        },
        connections: union(group).toString(),
        rules: rulesOf(group),
      });
    }
    for (const [address, group] of ranges) {
      items.push({
        peer: { address, workloads: [] },
        connections: union(group).toString(),
        rules: rulesOf(group),
      });
    }
    return {
      entity: entity.out,
      items: items.slice(0, MAX_ITEMS),
      truncated: items.length > MAX_ITEMS,
      model: this.modelOut(estate),
    };
  }
}
