import { parseAllDocuments } from 'yaml';
import type { PolicySource } from './analyzer';
import { Protocol, PROTOCOLS } from './connections';
import type { NetworkPolicyInput } from './policy';
import type { Labels } from './selectors';
import type { NamedPort, Workload } from './workloads';

/**
 * A YAML file's path and text.
 *
 * @public
 */
export interface ManifestFile {
  /** The file's path, as problems name it. */
  readonly path: string;
  /** Its YAML text, one or more documents. */
  readonly content: string;
}

/**
 * Something in a manifest that was not analysed: the file, the object (e.g.
 * `Deployment shop/web`, or `document 2`), and what is wrong.
 *
 * @public
 */
export interface ManifestProblem {
  /** The path of the file it is in. */
  readonly file: string;
  /** The object, e.g. `Deployment shop/web`; `document 2` when it cannot be named (e.g. it does not parse). */
  readonly object: string;
  /** What is wrong, in words. */
  readonly message: string;
}

/**
 * What a folder of manifests holds: its workloads (with their namespaces'
 * labels), its NetworkPolicies, and what could not be read.
 *
 * @public
 */
export interface Manifests {
  /** The workloads found, with their namespaces' labels. */
  readonly workloads: readonly Workload[];
  /** The NetworkPolicies found, each with its file; validated only by the analysis. */
  readonly policies: readonly PolicySource[];
  /** What could not be read; empty when everything was. */
  readonly problems: readonly ManifestProblem[];
  /** The labels of each Namespace object found, by the namespace's name (as written, without `kubernetes.io/metadata.name`). */
  readonly namespaces: Readonly<Record<string, Labels>>;
}

/**
 * The kinds that own pods, and so are workloads.
 *
 * @public
 */
export const WORKLOAD_KINDS: readonly string[] = [
  'Pod',
  'ReplicaSet',
  'ReplicationController',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
];

type Obj = Record<string, unknown>;

function isRecord(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function labelsOf(value: unknown): Labels {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = `${v}`;
  }
  return out;
}

function podTemplate(kind: string, obj: Obj): Obj | undefined {
  if (kind === 'Pod') return obj;
  const spec = isRecord(obj.spec) ? obj.spec : undefined;
  if (kind === 'CronJob') {
    const job = isRecord(spec?.jobTemplate) ? spec!.jobTemplate : undefined;
    const jobSpec = isRecord(job?.spec) ? (job!.spec as Obj) : undefined;
    return isRecord(jobSpec?.template) ? (jobSpec!.template as Obj) : undefined;
  }
  return isRecord(spec?.template) ? (spec!.template as Obj) : undefined;
}

function namedPorts(template: Obj): NamedPort[] {
  const spec = isRecord(template.spec) ? template.spec : {};
  const out: NamedPort[] = [];
  for (const list of [spec.containers, spec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const container of list) {
      if (!isRecord(container) || !Array.isArray(container.ports)) continue;
      for (const port of container.ports) {
        if (!isRecord(port)) continue;
        const name = str(port.name);
        const protocol = (port.protocol ?? 'TCP') as Protocol;
        if (
          name &&
          typeof port.containerPort === 'number' &&
          PROTOCOLS.includes(protocol)
        ) {
          out.push({ name, port: port.containerPort, protocol });
        }
      }
    }
  }
  return out;
}

interface Located {
  readonly file: string;
  readonly obj: Obj;
}

function describe(obj: Obj): string {
  const metadata = isRecord(obj.metadata) ? obj.metadata : {};
  const ns = str(metadata.namespace) ?? 'default';
  return `${str(obj.kind) ?? 'object'} ${ns}/${str(metadata.name) ?? '?'}`;
}

/**
 * Reads manifests (multi-document YAML; `List` kinds are flattened) into
 * workloads and NetworkPolicies. Workloads are the pod-owning objects (see
 * {@link WORKLOAD_KINDS}); an object owned by another of them counts as its
 * owner (and is left out when the owner is in the files); Namespace objects
 * give namespace labels. Bad YAML, unknown kinds and objects without a name
 * are reported with their file, and the rest is still read. The policies are
 * validated later, by {@link analyzeConnectivity}.
 *
 * @public
 */
export function readManifests(files: readonly ManifestFile[]): Manifests {
  const problems: ManifestProblem[] = [];
  const objects: Located[] = [];
  for (const { path, content } of files) {
    parseAllDocuments(content).forEach((doc, i) => {
      const where = `document ${i + 1}`;
      if (doc.errors.length > 0) {
        problems.push({
          file: path,
          object: where,
          message: `YAML does not parse: ${
            doc.errors[0].message.split('\n')[0]
          }`,
        });
        return;
      }
      let value: unknown;
      try {
        value = doc.toJS();
      } catch (e) {
        // e.g. an alias to an anchor that is not there
        problems.push({
          file: path,
          object: where,
          message: `YAML does not parse: ${
            (e as Error).message.split('\n')[0]
          }`,
        });
        return;
      }
      if (value === null || value === undefined) return;
      if (!isRecord(value)) {
        problems.push({
          file: path,
          object: where,
          message: 'not a Kubernetes object',
        });
        return;
      }
      const kind = str(value.kind);
      if (kind?.endsWith('List') && Array.isArray(value.items)) {
        value.items.forEach((item: unknown, j) => {
          if (isRecord(item)) objects.push({ file: path, obj: item });
          else {
            problems.push({
              file: path,
              object: `${where} items[${j}]`,
              message: 'not a Kubernetes object',
            });
          }
        });
        return;
      }
      objects.push({ file: path, obj: value });
    });
  }

  const namespaceLabels = new Map<string, Labels>();
  const policies: PolicySource[] = [];
  const owners = new Map<string, Located>();
  const candidates: Located[] = [];
  const key = (ns: string, kind: string, name: string) =>
    `${ns}/${kind}/${name}`;

  for (const located of objects) {
    const { file, obj } = located;
    const kind = str(obj.kind);
    const metadata = isRecord(obj.metadata) ? obj.metadata : {};
    const name = str(metadata.name);
    if (!kind) {
      problems.push({ file, object: describe(obj), message: 'no kind' });
      continue;
    }
    if (!name) {
      problems.push({
        file,
        object: describe(obj),
        message: 'no metadata.name',
      });
      continue;
    }
    if (kind === 'Namespace') {
      namespaceLabels.set(name, labelsOf(metadata.labels));
    } else if (kind === 'NetworkPolicy') {
      if (obj.apiVersion !== 'networking.k8s.io/v1') {
        problems.push({
          file,
          object: describe(obj),
          message: `apiVersion ${String(
            obj.apiVersion,
          )} is not networking.k8s.io/v1; ignored`,
        });
      } else {
        policies.push({ policy: obj as unknown as NetworkPolicyInput, file });
      }
    } else if (WORKLOAD_KINDS.includes(kind)) {
      const ns = str(metadata.namespace) ?? 'default';
      owners.set(key(ns, kind, name), located);
      candidates.push(located);
    } else {
      problems.push({
        file,
        object: describe(obj),
        message: `unknown kind ${kind} (not a workload, Namespace or NetworkPolicy); ignored`,
      });
    }
  }

  const byId = new Map<string, Workload>();
  for (const { file, obj } of candidates) {
    const kind = str(obj.kind)!;
    const metadata = obj.metadata as Obj;
    const namespace = str(metadata.namespace) ?? 'default';
    const ownerRefs = Array.isArray(metadata.ownerReferences)
      ? metadata.ownerReferences.filter(
          (r): r is Obj =>
            isRecord(r) &&
            WORKLOAD_KINDS.includes(str(r.kind) ?? '') &&
            !!str(r.name),
        )
      : [];
    const owner = ownerRefs.find(r => r.controller === true) ?? ownerRefs[0];
    if (
      owner &&
      owners.has(key(namespace, owner.kind as string, owner.name as string))
    ) {
      continue; // the owner is read itself
    }
    const template = podTemplate(kind, obj);
    if (!template) {
      problems.push({
        file,
        object: describe(obj),
        message: 'no pod template; ignored',
      });
      continue;
    }
    const templateMetadata = isRecord(template.metadata)
      ? template.metadata
      : {};
    const workload: Workload = {
      namespace,
      name: owner ? (owner.name as string) : str(metadata.name)!,
      kind: owner ? (owner.kind as string) : kind,
      labels: labelsOf(templateMetadata.labels),
      namedPorts: namedPorts(template),
    };
    const id = `${workload.namespace}/${workload.name}[${workload.kind}]`;
    const existing = byId.get(id);
    if (existing) {
      byId.set(id, {
        ...existing,
        namedPorts: [
          ...(existing.namedPorts ?? []),
          ...(workload.namedPorts ?? []),
        ],
      });
    } else {
      byId.set(id, workload);
    }
  }
  const workloads = [...byId.values()].map(w => ({
    ...w,
    namespaceLabels: namespaceLabels.get(w.namespace) ?? {},
  }));
  // by file (stable: in the order found within a file)
  problems.sort((a, b) => a.file.localeCompare(b.file, 'en'));
  return {
    workloads,
    policies,
    problems,
    namespaces: Object.fromEntries(namespaceLabels),
  };
}
