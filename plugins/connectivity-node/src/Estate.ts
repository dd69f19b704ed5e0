import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  analyzeConnectivity,
  Connection,
  ConnectivityModel,
  IpRange,
  Labels,
  Manifests,
  matchesSelector,
  readManifests,
  Workload,
  workloadId,
} from '@integrated-ops/plugin-connectivity-common';

/** The annotations the portal writes on the policies it renders. */
const POLICY_NOTES = {
  expiresAt: 'integrated-ops.io/expires-at',
  requestedBy: 'integrated-ops.io/requested-by',
  changeRequest: 'integrated-ops.io/change-request',
} as const;

/**
 * What the portal wrote on a NetworkPolicy it rendered.
 *
 * @public
 */
export interface PolicyNotes {
  /** `integrated-ops.io/expires-at`: the day or instant it ends, or `never`. */
  expiresAt?: string;
  /** `integrated-ops.io/requested-by`. */
  requestedBy?: string;
  /** `integrated-ops.io/change-request`. */
  changeRequest?: string;
}

const K8S_NAMESPACE = 'backstage.io/kubernetes-namespace';
const K8S_LABEL_SELECTOR = 'backstage.io/kubernetes-label-selector';
const APP_NAME = 'app.kubernetes.io/name';

/**
 * What the model was built from, for answers and logs.
 *
 * @public
 */
export interface EstateMeta {
  /** When it was built (ISO instant). */
  builtAt: string;
  /** main's commit it was read at. */
  commit?: string;
}

/**
 * A file or object left out of the analysis.
 *
 * @public
 */
export interface EstateProblem {
  /** The file in the repository. */
  file: string;
  /** What is wrong, naming the object. */
  message: string;
}

/**
 * `app=payments,tier=web` (an equality-based selector, as the Kubernetes
 * plugin's annotation holds it) as labels; undefined when it says anything
 * else (set-based expressions are not read in this slice).
 *
 * @public
 */
export function parseEqualitySelector(text: string): Labels | undefined {
  const labels: Record<string, string> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([\w./-]+)\s*==?\s*([\w.-]*)\s*$/.exec(part);
    if (!match) return undefined;
    labels[match[1]] = match[2];
  }
  return Object.keys(labels).length > 0 ? labels : undefined;
}

/**
 * Where an entity's pods run and how they are labelled: a Component always
 * (a Resource only when it says so by annotation); the namespace from
 * `backstage.io/kubernetes-namespace`, else its System's name, else
 * `default`; the pods by `backstage.io/kubernetes-label-selector`, else
 * `app.kubernetes.io/name: <entity name>` (as the portal's templates label
 * them).
 *
 * @public
 */
export function entityPods(
  entity: Entity,
): { namespace: string; labels: Labels } | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const annotated =
    annotations[K8S_NAMESPACE] !== undefined ||
    annotations[K8S_LABEL_SELECTOR] !== undefined;
  if (kind !== 'component' && !(kind === 'resource' && annotated)) {
    return undefined;
  }
  const system =
    typeof entity.spec?.system === 'string' ? entity.spec.system : undefined;
  const namespace =
    annotations[K8S_NAMESPACE] ?? system?.replace(/^.*[:/]/, '') ?? 'default';
  const labels = (annotations[K8S_LABEL_SELECTOR] &&
    parseEqualitySelector(annotations[K8S_LABEL_SELECTOR])) || {
    [APP_NAME]: entity.metadata.name,
  };
  return { namespace, labels };
}

/**
 * The connectivity of the estate at one commit of main, in catalog terms:
 * the analyzer's model over the repository's workloads and the catalog's
 * entities, which workloads each entity maps to, and each workload's
 * allowed connections (computed when first asked for). Immutable: a change
 * is a new Estate (`withPolicies` reads only the files it touches).
 *
 * @public
 */
export class Estate {
  /** entity ref (lower case) → its workload ids. */
  readonly entities = new Map<string, string[]>();
  /** workload id → the entity refs mapped to it. */
  readonly owners = new Map<string, string[]>();
  /** entity name (lower case) → entity refs with that name. */
  private readonly byName = new Map<string, string[]>();
  /** Each workload's connections, computed when first asked for. */
  private readonly outbound = new Map<string, Connection[]>();
  private readonly inbound = new Map<string, Connection[]>();
  private atoms?: IpRange[];
  /** The analyzer's model over the repository's and the catalog's workloads. */
  readonly model: ConnectivityModel;
  /** What was left out: unreadable files, malformed objects and policies. */
  readonly problems: EstateProblem[];
  /** `namespace/name` of each NetworkPolicy → its annotations. */
  private readonly annotations = new Map<string, Record<string, string>>();

  private constructor(
    private readonly manifests: Manifests,
    private readonly catalog: readonly Entity[],
    /** What it was built from. */
    readonly meta: EstateMeta,
    /** The model over these workloads, when the caller can make it cheaper than compiling every policy. */
    modelOf?: (workloads: Workload[]) => ConnectivityModel,
  ) {
    const workloads = new Map<string, Workload>(
      manifests.workloads.map(w => [workloadId(w), w]),
    );
    for (const entity of catalog) {
      const pods = entityPods(entity);
      if (!pods) continue;
      const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
      let ids = manifests.workloads
        .filter(
          w =>
            w.namespace === pods.namespace &&
            matchesSelector({ matchLabels: { ...pods.labels } }, w.labels),
        )
        .map(workloadId);
      if (ids.length === 0) {
        // Not in the repository: the pods the entity says it runs.
        const workload: Workload = {
          namespace: pods.namespace,
          name: entity.metadata.name,
          kind: entity.kind,
          labels: pods.labels,
          namespaceLabels: manifests.namespaces[pods.namespace] ?? {},
        };
        const id = workloadId(workload);
        if (!workloads.has(id)) workloads.set(id, workload);
        ids = [id];
      }
      this.entities.set(ref, ids);
      for (const id of ids) {
        this.owners.set(id, [...(this.owners.get(id) ?? []), ref]);
      }
      const name = entity.metadata.name.toLocaleLowerCase('en-US');
      this.byName.set(name, [...(this.byName.get(name) ?? []), ref]);
    }
    for (const { policy } of manifests.policies) {
      const about = policy.metadata ?? {};
      this.annotations.set(
        `${about.namespace ?? 'default'}/${about.name}`,
        (about.annotations ?? {}) as Record<string, string>,
      );
    }
    this.model = modelOf
      ? modelOf([...workloads.values()])
      : analyzeConnectivity([...workloads.values()], [...manifests.policies]);
    this.problems = [
      ...manifests.problems.map(p => ({
        file: p.file,
        message: `${p.object}: ${p.message}`,
      })),
      ...this.model.problems.map(p => ({
        file: p.policy.file ?? '',
        message: `NetworkPolicy ${p.policy.namespace}/${
          p.policy.name
        }: ${p.problems.join('; ')}`,
      })),
    ];
  }

  /** The model of these files (path → content; YAML ones are read) and catalog entities. */
  static build(
    files: Record<string, string>,
    catalog: readonly Entity[],
    meta: EstateMeta,
  ): Estate {
    const manifests = readManifests(
      Object.entries(files)
        .filter(([path]) => /\.ya?ml$/i.test(path))
        .map(([path, content]) => ({ path, content })),
    );
    return new Estate(manifests, catalog, meta);
  }

  /**
   * This state with some files' NetworkPolicies replaced (path → new
   * content, null for a deleted file), only those files read again. For
   * files that hold nothing but NetworkPolicies, before and after: other
   * objects would change workloads or namespaces (build again then).
   */
  withPolicies(
    changed: Record<string, string | null>,
    meta: EstateMeta,
  ): Estate {
    const paths = new Set(Object.keys(changed));
    const fresh = readManifests(
      Object.entries(changed).flatMap(([path, content]) =>
        content === null || !/\.ya?ml$/i.test(path) ? [] : [{ path, content }],
      ),
    );
    // The other files' policies stay compiled; only the fresh ones are.
    const kept = (file?: string) => !paths.has(file ?? '');
    const compiledFresh = analyzeConnectivity([], fresh.policies);
    return new Estate(
      {
        workloads: this.manifests.workloads,
        namespaces: this.manifests.namespaces,
        policies: [
          ...this.manifests.policies.filter(p => kept(p.file)),
          ...fresh.policies,
        ],
        problems: [
          ...this.manifests.problems.filter(p => kept(p.file)),
          ...fresh.problems,
        ],
      },
      this.catalog,
      meta,
      workloads =>
        new ConnectivityModel(
          workloads,
          [
            ...this.model.policies.filter(p => kept(p.ref.file)),
            ...compiledFresh.policies,
          ],
          [
            ...this.model.problems.filter(p => kept(p.policy.file)),
            ...compiledFresh.problems,
          ],
        ),
    );
  }

  /** The annotations of the NetworkPolicy `namespace/name` on this state. */
  private policyAnnotations(
    namespace: string,
    name: string,
  ): Record<string, string> {
    return this.annotations.get(`${namespace}/${name}`) ?? {};
  }

  /**
   * What the portal wrote on a policy it rendered (`integrated-ops.io/...`):
   * the access's end, who asked, the request; none on a hand-written one.
   * Each at most 200 characters.
   */
  policyNotes(namespace: string, name: string): PolicyNotes {
    const annotations = this.policyAnnotations(namespace, name);
    const notes: PolicyNotes = {};
    for (const [field, annotation] of Object.entries(POLICY_NOTES)) {
      const value = annotations[annotation];
      if (typeof value === 'string' && value) {
        notes[field as keyof PolicyNotes] = value.slice(0, 200);
      }
    }
    return notes;
  }

  /** The refs of the mapped entities with this name. */
  named(name: string): string[] {
    return this.byName.get(name.toLocaleLowerCase('en-US')) ?? [];
  }

  /** The allowed connections from these workloads. */
  from(ids: readonly string[]): Connection[] {
    return ids.flatMap(id => this.connectionsOf(id, 'outbound'));
  }

  /** The allowed connections to these workloads. */
  to(ids: readonly string[]): Connection[] {
    return ids.flatMap(id => this.connectionsOf(id, 'inbound'));
  }

  /** One workload's connections, computed once (one evaluation per peer, not per pair of the estate). */
  private connectionsOf(id: string, direction: 'inbound' | 'outbound') {
    const cache = direction === 'inbound' ? this.inbound : this.outbound;
    let list = cache.get(id);
    if (!list) {
      if (!this.model.workload(id)) return [];
      this.atoms ??= this.model.externalAtoms();
      list = this.model.connectionsOf(id, direction, this.atoms);
      cache.set(id, list);
    }
    return list;
  }
}
