import {
  BlastRadiusResponse,
  CoverageResponse,
  Discipline,
  DisciplineAnswer,
  IndexStatus,
  LookupMatch,
  LookupResponse,
  OwnershipAnswer,
  summarizeAnswer,
} from '@integrated-ops/plugin-integrated-ops-common';
import { AnsweredMatch } from '../components/OpsLookupPage/answeredMatch';

/** Answers shaped like the backend's, for the sample bank estate. */

export const freshIndex: IndexStatus = {
  builtAt: '2026-03-02T11:59:50Z',
  ageSeconds: 10,
  stale: false,
  entities: 98,
};

const person = (name: string, ref: string, phone = '+442079460100') => ({
  ref: `user:default/${ref}`,
  name,
  email: `${ref}@bank.example`,
  contacts: [{ type: 'phone' as const, url: `tel:${phone}`, title: 'Mobile' }],
});

function owner(
  discipline: Discipline,
  teamRef: string,
  title: string,
  onCall: string,
  extra: Partial<DisciplineAnswer> = {},
): DisciplineAnswer {
  const team = {
    ref: teamRef,
    title,
    contacts: [
      {
        type: 'chat' as const,
        url: `https://chat.bank.example/${title}`,
        title: `#${title}`,
      },
      {
        type: 'pager' as const,
        url: 'tel:+442070000101',
        title: `${title} pager`,
      },
    ],
    members: [],
  };
  const onCallNow = [
    {
      rotation: 'primary',
      person: person(onCall, onCall.toLowerCase().replace(' ', '.')),
      until: '2026-03-02T17:00:00Z',
      next: person('Next Person', 'next.person'),
      timeZone: 'Europe/Warsaw',
      source: 'yaml' as const,
    },
  ];
  return {
    discipline,
    source: 'declared',
    ownerRef: teamRef,
    teamKnown: true,
    team,
    onCall: onCallNow,
    escalation: [
      {
        step: 1,
        team: teamRef,
        title,
        onCall: onCallNow,
        contacts: team.contacts,
      },
    ],
    ...extra,
  };
}

export function scoringAnswer(): OwnershipAnswer {
  return {
    entity: {
      ref: 'component:default/fraud-scoring-service',
      kind: 'Component',
      type: 'service',
      title: 'Fraud Scoring Service',
      system: 'system:default/fraud-detection',
      hostnames: ['scoring.fraud.bank.internal'],
      addresses: ['10.20.3.14'],
      segment: 'resource:default/seg-pci-app',
      cidrs: [],
    },
    owners: {
      netops: owner(
        'netops',
        'group:default/netops-dc',
        'NetOps DC Fabric',
        'Priya Nair',
      ),
      devops: owner(
        'devops',
        'group:default/sre-payments',
        'SRE Payments',
        'Tom Becker',
        {
          source: 'inherited',
          declaredOn: 'system:default/fraud-detection',
        },
      ),
      secops: owner(
        'secops',
        'group:default/soc-tier1',
        'SOC Tier 1',
        'Lena Fischer',
        {
          source: 'inherited',
          declaredOn: 'system:default/fraud-detection',
          escalation: [
            {
              step: 1,
              team: 'group:default/soc-tier1',
              title: 'SOC Tier 1',
              socTier: 1,
              onCall: [],
              contacts: [],
            },
            {
              step: 2,
              team: 'group:default/soc-tier2',
              title: 'SOC Tier 2',
              socTier: 2,
              onCall: [],
              contacts: [],
            },
            {
              step: 3,
              team: 'group:default/soc-tier3',
              title: 'SOC Tier 3',
              socTier: 3,
              onCall: [],
              contacts: [],
            },
          ],
        },
      ),
    },
    runbooks: [
      {
        type: 'runbook',
        url: 'https://runbooks.bank.example/fraud/scoring',
        title: 'Scoring runbook',
        from: 'component:default/fraud-scoring-service',
      },
    ],
  };
}

/** The portal's no-owner escalation: the incident commander on call. */
export const incidentCommand = {
  step: 1,
  team: 'group:default/incident-command',
  title: 'Major Incident Management',
  onCall: [
    {
      rotation: 'incident commander',
      person: person('Jonas Meyer', 'jonas.meyer', '+442079460500'),
      until: '2026-03-09T09:00:00Z',
      next: person('Marta Kowalski', 'marta.kowalski'),
      timeZone: 'Europe/London',
      source: 'yaml' as const,
    },
  ],
  contacts: [
    {
      type: 'phone' as const,
      url: 'tel:+442070000999',
      title: 'Incident commander line',
    },
  ],
};

/** An entity with no SecOps owner anywhere. */
export function gapAnswer(): OwnershipAnswer {
  const answer = scoringAnswer();
  answer.entity = {
    ...answer.entity,
    ref: 'component:default/legacy-batch-scorer',
    title: 'Legacy Batch Scorer',
  };
  answer.owners.secops = {
    discipline: 'secops',
    source: 'missing',
    teamKnown: false,
    onCall: [],
    escalation: [],
    noOwner: {
      reason: 'missing',
      message: 'No SecOps owner: none declared, inherited or in spec.owner.',
      escalateTo: incidentCommand,
    },
  };
  return answer;
}

export function lookupResponse(
  q: string,
  matches: LookupMatch[],
  index: IndexStatus = freshIndex,
): LookupResponse {
  return {
    query: {
      q,
      interpretedAs: `IP address ${q}`,
      at: '2026-03-02T12:00:00Z',
      detail: 'best',
    },
    index,
    matches,
  };
}

/** A match as the backend sends it: the summary always, the answer for the best one. */
export function answeredMatch(
  answer: OwnershipAnswer,
  overrides: Partial<LookupMatch> = {},
): AnsweredMatch {
  return {
    entityRef: answer.entity.ref,
    matchedBy: 'address',
    score: 100,
    detail: '10.20.3.14',
    summary: summarizeAnswer(answer),
    answer,
    ...overrides,
  } as AnsweredMatch;
}

export const scoringMatch = (): AnsweredMatch => answeredMatch(scoringAnswer());

export function blastRadiusResponse(): BlastRadiusResponse {
  const node = (ref: string, title: string, hop: number, via: string) => {
    const answer = scoringAnswer();
    answer.entity = { ...answer.entity, ref, title };
    return { entityRef: ref, hop, via, answer };
  };
  return {
    entity: scoringAnswer(),
    depth: 3,
    index: freshIndex,
    dependents: [
      node(
        'component:default/edge-transaction-gateway',
        'Edge Transaction Gateway',
        1,
        'component:default/fraud-scoring-service',
      ),
      node(
        'component:default/card-auth-service',
        'Card Authorisation',
        2,
        'component:default/edge-transaction-gateway',
      ),
    ],
    dependencies: [
      node(
        'resource:default/feature-store-db',
        'Feature Store DB',
        1,
        'component:default/fraud-scoring-service',
      ),
    ],
  };
}

export function coverageResponse(): CoverageResponse {
  const summary = (key: string, percent: number) => ({
    key,
    entities: 4,
    fullyCovered: percent === 100 ? 4 : 2,
    checks: 40,
    passed: (40 * percent) / 100,
    percent,
  });
  const gapEntry = gapAnswer();
  return {
    drift: [
      {
        team: 'group:default/netops-legacy',
        kind: 'owner-deleted',
        message:
          'group:default/netops-legacy is not in the catalog since 2026-02-20T09:00:00.000Z, yet 2 entities name it as owner',
        entities: [
          'component:default/legacy-batch-scorer',
          'resource:default/old-dmz',
        ],
        entityCount: 2,
        removedAt: '2026-02-20T09:00:00.000Z',
      },
      {
        team: 'group:default/soc-tier2',
        kind: 'rotation-member-gone',
        message:
          "group:default/soc-tier2's rotations name user:default/jonas.weber, who is not in the catalog any more",
        people: ['user:default/jonas.weber'],
      },
    ],
    generatedAt: '2026-03-02T11:59:50Z',
    overall: {
      key: 'all',
      entities: 41,
      fullyCovered: 39,
      checks: 410,
      passed: 403,
      percent: 98.3,
    },
    bySystem: [
      summary('system:default/fraud-detection', 92.5),
      summary('(no system)', 100),
    ],
    byTeam: [
      summary('group:default/netops-dc', 100),
      summary('group:default/soc-tier1', 90),
    ],
    gaps: [
      {
        entityRef: gapEntry.entity.ref,
        kind: 'Component',
        title: 'Legacy Batch Scorer',
        system: 'system:default/fraud-detection',
        owners: {
          netops: {
            discipline: 'netops',
            owner: 'group:default/netops-dc',
            source: 'declared',
          },
          devops: {
            discipline: 'devops',
            owner: 'group:default/sre-payments',
            source: 'inherited',
            declaredOn: 'system:default/fraud-detection',
          },
          secops: { discipline: 'secops', source: 'missing' },
        },
        gaps: [
          {
            kind: 'owner-missing',
            discipline: 'secops',
            message: 'no SecOps owner declared or inherited',
          },
        ],
        checks: 10,
        passed: 7,
      },
    ],
    index: freshIndex,
  };
}
