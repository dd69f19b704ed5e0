import { Entity } from '@backstage/catalog-model';

/**
 * A deterministic synthetic estate for the benchmark: `components` services,
 * each in one of 1000 systems, with a hostname, an address inside its
 * network segment, three ops owners and three dependencies; `segments`
 * network segments of mixed prefix lengths; teams with rotations; users.
 */
export interface EstateSize {
  components: number;
  segments: number;
}

const SYSTEMS = 1000;
const TEAMS_PER_DISCIPLINE = 100;
const USERS = 1000;

const rotation = (i: number) => [
  {
    name: 'primary',
    members: [0, 1, 2].map(k => `user:default/user-${(i * 3 + k) % USERS}`),
    start: '2026-01-05T09:00',
    period: 'P7D',
    timeZone: 'Europe/London',
  },
];

/** CIDR and one host address of segment i: /24s in 10/8, then /28s in 172.16/12. */
export function segmentBlock(i: number): { cidr: string; host: string } {
  if (i < 65536) {
    const [b, c] = [i >> 8, i & 255];
    return { cidr: `10.${b}.${c}.0/24`, host: `10.${b}.${c}.${(i % 250) + 2}` };
  }
  const j = i - 65536; // 16 addresses per /28 inside 172.16.0.0/12
  const base = (172 << 24) + (16 << 16) + j * 16;
  const octets = [
    base >>> 24,
    (base >> 16) & 255,
    (base >> 8) & 255,
    base & 255,
  ];
  return {
    cidr: `${octets.join('.')}/28`,
    host: [...octets.slice(0, 3), octets[3] + 5].join('.'),
  };
}

const make = (
  kind: string,
  name: string,
  spec: object,
  extra: object = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...extra },
  spec: spec as Entity['spec'],
});

export function syntheticEstate({
  components,
  segments,
}: EstateSize): Entity[] {
  const entities: Entity[] = [];
  for (let u = 0; u < USERS; u++) {
    entities.push(
      make('User', `user-${u}`, {
        profile: { displayName: `User ${u}` },
        memberOf: [],
      }),
    );
  }
  for (const discipline of ['netops', 'devops', 'secops']) {
    for (let t = 0; t < TEAMS_PER_DISCIPLINE; t++) {
      entities.push(
        make(
          'Group',
          `${discipline}-team-${t}`,
          {
            type: 'team',
            children: [],
            members: [0, 1, 2].map(k => `user-${(t * 3 + k) % USERS}`),
            opsTeam: {
              discipline,
              lead: `user:default/user-${(t * 3) % USERS}`,
              ...(t > 0
                ? { escalatesTo: `group:default/${discipline}-team-0` }
                : {}),
              onCall: rotation(t),
            },
          },
          {
            links: [
              { url: `https://chat.example/${discipline}-${t}`, type: 'chat' },
            ],
          },
        ),
      );
    }
  }
  entities.push(
    make('Domain', 'bench', { owner: 'group:default/devops-team-0' }),
  );
  for (let s = 0; s < SYSTEMS; s++) {
    const team = (n: string) =>
      `group:default/${n}-team-${s % TEAMS_PER_DISCIPLINE}`;
    entities.push(
      make('System', `system-${s}`, {
        owner: team('devops'),
        domain: 'bench',
        opsOwners: {
          netops: team('netops'),
          devops: team('devops'),
          secops: team('secops'),
        },
      }),
    );
  }
  for (let g = 0; g < segments; g++) {
    entities.push(
      make('Resource', `seg-${g}`, {
        type: 'network-segment',
        owner: `group:default/netops-team-${g % TEAMS_PER_DISCIPLINE}`,
        system: `system-${g % SYSTEMS}`,
        network: { cidrs: [segmentBlock(g).cidr] },
      }),
    );
  }
  for (let i = 0; i < components; i++) {
    const segment = i % segments;
    const deps = [1, 7, 101].map(
      k => `component:default/svc-${(i + k) % components}`,
    );
    entities.push(
      make('Component', `svc-${i}`, {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/devops-team-${i % TEAMS_PER_DISCIPLINE}`,
        system: `system-${i % SYSTEMS}`,
        dependsOn: deps,
        ...(i % 10 === 0
          ? {
              opsOwners: {
                secops: `group:default/secops-team-${
                  (i + 1) % TEAMS_PER_DISCIPLINE
                }`,
              },
            }
          : {}),
        network: {
          hostnames: [`svc-${i}.bench.internal`],
          addresses: [segmentBlock(segment).host],
          segment: `resource:default/seg-${segment}`,
        },
      }),
    );
  }
  return entities;
}

/** The segment the load phase makes busy: 10.0.0.0/24 (segment 0). */
export const BUSY_SEGMENT = 'resource:default/seg-0';
/** An address in it: matches the segment and every service declared in it. */
export const BUSY_IP = '10.0.0.77';

/**
 * `members` more services declared in segment 0, as a flat network of a
 * real estate has hundreds of hosts in one /24: a lookup of any IP there
 * matches all of them (and lists the best 20).
 */
export function busySegment(members: number): Entity[] {
  return Array.from({ length: members }, (_, i) =>
    make('Component', `busy-${i}`, {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/devops-team-0',
      system: 'system-0',
      network: { segment: BUSY_SEGMENT },
    }),
  );
}
