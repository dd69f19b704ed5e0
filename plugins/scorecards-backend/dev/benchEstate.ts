import { Entity } from '@backstage/catalog-model';

/*
 * A processed estate for the scorecards benchmark: `components` services in
 * systems of ten, each system declaring its three owning teams (and every
 * tenth component declaring its own DevOps owner), with the typed relations
 * and owner-source annotations the catalog module records; teams with
 * rotations of two or three people; the infrastructure repository's
 * `kubernetes/` with a baseline in every other system's namespace and an
 * access rule past its expiry into every hundredth component.
 */

const TEAMS = 100;
const DISCIPLINES = ['netops', 'devops', 'secops'] as const;

const team = (d: string, i: number) => `group:default/${d}-team-${i % TEAMS}`;

function group(d: string, t: number): Entity {
  const members = Array.from(
    { length: 2 + (t % 2) },
    (_, k) => `user:default/user-${t * 3 + k}`,
  );
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: `${d}-team-${t}`,
      namespace: 'default',
      links:
        d === 'devops' && t % 2 === 0
          ? [{ url: `https://runbooks.example/${t}`, type: 'runbook' }]
          : [],
    },
    spec: {
      type: 'team',
      children: [],
      opsTeam: {
        discipline: d,
        onCall: [
          {
            name: 'primary',
            members,
            start: '2026-01-05T09:00',
            period: 'P7D',
            timeZone: 'Europe/London',
          },
        ],
      },
    },
  };
}

function owned(
  kind: string,
  name: string,
  system: number,
  spec: Entity['spec'],
  declares: (d: string) => boolean,
): Entity {
  const annotations: Record<string, string> = {};
  const relations = DISCIPLINES.map(d => {
    annotations[`integrated-ops.io/${d}-owner-source`] = declares(d)
      ? 'declared'
      : `inherited:system:default/system-${system}`;
    return { type: `${d}OwnedBy`, targetRef: team(d, system) };
  });
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
    relations,
  };
}

/** The catalog: groups, systems, components. */
export function benchCatalog(components: number): Entity[] {
  const systems = Math.ceil(components / 10);
  const entities: Entity[] = DISCIPLINES.flatMap(d =>
    Array.from({ length: TEAMS }, (_, t) => group(d, t)),
  );
  for (let s = 0; s < systems; s++) {
    entities.push(
      owned(
        'System',
        `system-${s}`,
        s,
        {
          owner: team('devops', s),
          opsOwners: Object.fromEntries(DISCIPLINES.map(d => [d, team(d, s)])),
        },
        () => true,
      ),
    );
  }
  for (let i = 0; i < components; i++) {
    const s = Math.floor(i / 10);
    entities.push(
      owned(
        'Component',
        `svc-${i}`,
        s,
        {
          type: 'service',
          lifecycle: 'production',
          owner: team('devops', s),
          system: `system-${s}`,
        },
        d => d === 'devops' && i % 10 === 0,
      ),
    );
  }
  return entities;
}

const baseline = (namespace: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: ${namespace} }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress:
    - ports: [{ port: 53, protocol: UDP }]
`;

const expiredRule = (
  i: number,
  namespace: string,
) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-into-svc-${i}
  namespace: ${namespace}
  annotations: { integrated-ops.io/expires-at: '2026-10-31' }
spec:
  podSelector: { matchLabels: { app.kubernetes.io/name: svc-${i} } }
  policyTypes: [Ingress]
  ingress:
    - ports: [{ port: 8443, protocol: TCP }]
`;

/** The infrastructure repository's files under `kubernetes/`. */
export function benchManifests(components: number): Record<string, string> {
  const files: Record<string, string> = {};
  const systems = Math.ceil(components / 10);
  for (let s = 0; s < systems; s += 2) {
    files[`kubernetes/system-${s}/namespace-baseline.yaml`] = baseline(
      `system-${s}`,
    );
  }
  for (let i = 0; i < components; i += 100) {
    const namespace = `system-${Math.floor(i / 10)}`;
    files[`kubernetes/${namespace}/allow-into-svc-${i}.yaml`] = expiredRule(
      i,
      namespace,
    );
  }
  return files;
}
