import { parseAllDocuments } from 'yaml';

/** What a change does, as an approver should see it before the merge. */
export interface ChangeSummary {
  files: string[];
  /** Address ranges the rendered manifests allow (NetworkPolicy ipBlock and the like). */
  cidrs: string[];
  namespaces: string[];
}

/** NetworkPolicy ipBlock, Terraform security group rules. */
const CIDR_KEYS = ['cidr', 'cidr_ipv4', 'cidr_ipv6'];

function collect(
  node: unknown,
  into: { cidrs: Set<string>; namespaces: Set<string> },
) {
  if (Array.isArray(node)) {
    node.forEach(n => collect(n, into));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (CIDR_KEYS.includes(key) && typeof value === 'string')
        into.cidrs.add(value);
      else if (key === 'namespace' && typeof value === 'string')
        into.namespaces.add(value);
      else if (
        key === 'kubernetes.io/metadata.name' &&
        typeof value === 'string'
      )
        into.namespaces.add(value);
      else collect(value, into);
    }
  }
}

/**
 * The files of a change and the CIDRs and namespaces its YAML and JSON
 * files name (Kubernetes manifests, Terraform JSON), read from the
 * server-rendered files the request carries. Other files count as files only.
 */
export function changeSummary(files: Record<string, string>): ChangeSummary {
  const into = { cidrs: new Set<string>(), namespaces: new Set<string>() };
  for (const [path, content] of Object.entries(files)) {
    // JSON (Terraform *.tf.json) is YAML too.
    if (!/\.(ya?ml|json)$/.test(path)) continue;
    for (const doc of parseAllDocuments(content)) {
      if (!('errors' in doc) || doc.errors.length === 0)
        collect(doc.toJS(), into);
    }
  }
  return {
    files: Object.keys(files).sort(),
    cidrs: [...into.cidrs].sort(),
    namespaces: [...into.namespaces].sort(),
  };
}
