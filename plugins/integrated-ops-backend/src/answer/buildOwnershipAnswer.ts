import { Entity } from '@backstage/catalog-model';
import {
  contactLinks,
  Discipline,
  DisciplineAnswer,
  DISCIPLINES,
  EffectiveOwners,
  EntitySummary,
  EscalationStep,
  OwnershipAnswer,
  readEffectiveOwners,
  RunbookLink,
  TeamOnCall,
  TeamSummary,
} from '@integrated-ops/plugin-integrated-ops-common';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { noOwnerWarning } from './noOwnerWarning';
import { ProviderOnCallCache } from '../onCall/ProviderOnCallCache';
import { onCallNow, providerEscalations } from './onCallNow';
import { person } from './person';
import { cachedPart } from './answerParts';

/**
 * `full`: everything below. `brief`: what a summary needs (teams, who is on
 * call, whether nobody can be paged), without team members, escalation paths
 * or whom to call instead: the lookup's other matches, which it only lists.
 */
export type AnswerDepth = 'full' | 'brief';

/** Portal settings that shape every answer (from `integratedOps.lookup`). */
export interface AnswerOptions {
  /** Group to call when a discipline has nobody to page. */
  noOwnerEscalation?: string;
  /** Vendor on-call answers (PagerDuty, Opsgenie), when providers are installed. */
  providers?: ProviderOnCallCache;
  /** The owners to answer with instead of the entity's own (as-of answers: the owners then). */
  ownersOf?: (ref: string) => EffectiveOwners;
}

const MAX_ESCALATION_STEPS = 6;

function teamTitle(team: Entity): string {
  const profile = (team.spec?.profile ?? {}) as { displayName?: string };
  return profile.displayName ?? team.metadata.title ?? team.metadata.name;
}

function teamSummary(
  index: OwnershipIndex,
  ref: string,
  team: Entity,
  depth: AnswerDepth = 'full',
): TeamSummary {
  const ops = index.teams.get(ref);
  const profile = (team.spec?.profile ?? {}) as { email?: string };
  return {
    ref,
    title: teamTitle(team),
    email: profile.email,
    contacts: contactLinks(team),
    lead: ops?.lead ? person(index, ops.lead) : undefined,
    members:
      depth === 'full'
        ? (index.members.get(ref) ?? []).map(m => person(index, m))
        : [],
  };
}

/** One step of an escalation path: the team, who is on call, its lead and contacts. */
export function escalationStep(
  index: OwnershipIndex,
  ref: string,
  step: number,
  at: Date,
  providers?: ProviderOnCallCache,
): EscalationStep | undefined {
  const team = index.entity(ref);
  if (!team) return undefined;
  const ops = index.teams.get(ref);
  return {
    step,
    team: ref,
    title: teamTitle(team),
    socTier: ops?.socTier,
    onCall: onCallNow(index, ref, at, providers),
    lead: ops?.lead ? person(index, ops.lead) : undefined,
    contacts: contactLinks(team),
    policies: providerEscalations(index, ref, providers),
  };
}

/** The owning team, then each team it escalates to (SOC T1 -> T2 -> T3 -> SOC), with leads. */
function escalationPath(
  index: OwnershipIndex,
  teamRef: string,
  at: Date,
  providers?: ProviderOnCallCache,
): EscalationStep[] {
  const steps: EscalationStep[] = [];
  const seen = new Set<string>();
  let ref: string | undefined = teamRef;
  while (ref && !seen.has(ref) && steps.length < MAX_ESCALATION_STEPS) {
    seen.add(ref);
    const step = escalationStep(index, ref, steps.length + 1, at, providers);
    if (!step) break;
    steps.push(step);
    ref = index.teams.get(ref)?.escalatesTo;
  }
  return steps;
}

/**
 * A team's own incident card: the team, who is on call now and next on each
 * rotation, and its escalation path. Undefined when the ref is no team in the
 * index.
 */
export function teamOnCall(
  index: OwnershipIndex,
  ref: string,
  at: Date,
  providers?: ProviderOnCallCache,
): TeamOnCall | undefined {
  const team = index.entity(ref);
  if (!team || team.kind.toLocaleLowerCase('en-US') !== 'group') {
    return undefined;
  }
  return {
    team: teamSummary(index, ref, team),
    onCall: onCallNow(index, ref, at, providers),
    escalation: escalationPath(index, ref, at, providers),
  };
}

export function entitySummary(
  index: OwnershipIndex,
  ref: string,
  entity: Entity,
): EntitySummary {
  const network = index.networks.get(ref) ?? {};
  const spec = entity.spec ?? {};
  return {
    ref,
    kind: entity.kind,
    type: typeof spec.type === 'string' ? spec.type : undefined,
    title: entity.metadata.title ?? entity.metadata.name,
    description: entity.metadata.description,
    system: typeof spec.system === 'string' ? spec.system : undefined,
    lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined,
    hostnames: network.hostnames ?? [],
    addresses: network.addresses ?? [],
    segment: network.segment,
    cidrs: network.cidrs ?? [],
  };
}

/** The team as a discipline's answer shows it: shared by every answer naming it. */
function teamPart(
  index: OwnershipIndex,
  ref: string,
  team: Entity,
  at: Date,
  options: AnswerOptions,
  depth: AnswerDepth,
): TeamSummary {
  return cachedPart(index, options, `team\u0000${depth}\u0000${ref}`, at, () =>
    teamSummary(index, ref, team, depth),
  );
}

function onCallPart(
  index: OwnershipIndex,
  ref: string,
  at: Date,
  options: AnswerOptions,
) {
  return cachedPart(index, options, `onCall\u0000${ref}`, at, () =>
    onCallNow(index, ref, at, options.providers),
  );
}

function escalationPart(
  index: OwnershipIndex,
  ref: string,
  at: Date,
  options: AnswerOptions,
) {
  return cachedPart(index, options, `escalation\u0000${ref}`, at, () =>
    escalationPath(index, ref, at, options.providers),
  );
}

/**
 * One discipline's answer: a function of the owner as found (team, source,
 * where declared), the index, the moment and the options, whatever entity it
 * is about; so made once and shared (see answerParts).
 */
function disciplineAnswer(
  index: OwnershipIndex,
  discipline: Discipline,
  owner: EffectiveOwners[Discipline],
  at: Date,
  options: AnswerOptions,
  depth: AnswerDepth,
): DisciplineAnswer {
  const full = depth === 'full';
  const team = owner.owner ? index.entity(owner.owner) : undefined;
  const answer: DisciplineAnswer = {
    discipline,
    source: owner.source,
    ownerRef: owner.owner,
    declaredOn: owner.declaredOn,
    teamKnown: !!team,
    team:
      team && owner.owner
        ? teamPart(index, owner.owner, team, at, options, depth)
        : undefined,
    onCall: owner.owner ? onCallPart(index, owner.owner, at, options) : [],
    escalation:
      full && owner.owner
        ? escalationPart(index, owner.owner, at, options)
        : [],
  };
  answer.noOwner = noOwnerWarning(answer, () =>
    full && options.noOwnerEscalation
      ? escalationStep(
          index,
          options.noOwnerEscalation,
          1,
          at,
          options.providers,
        )
      : undefined,
  );
  return answer;
}

/**
 * Everything an incident responder needs about one entity: its three owners
 * (and where each came from), who is on call for each now, the escalation
 * path, contacts and runbooks. The disciplines' answers are shared parts
 * (see answerParts): never modify them.
 */
export function buildOwnershipAnswer(
  index: OwnershipIndex,
  ref: string,
  at: Date,
  options: AnswerOptions = {},
  depth: AnswerDepth = 'full',
): OwnershipAnswer {
  const entity = index.entity(ref);
  if (!entity) throw new Error(`${ref} is not in the index`);
  const owners = options.ownersOf?.(ref) ?? readEffectiveOwners(entity);

  const answers = {} as Record<Discipline, DisciplineAnswer>;
  const runbooks: RunbookLink[] = contactLinks(entity)
    .filter(l => l.type === 'runbook')
    .map(l => ({ ...l, from: ref }));

  for (const discipline of DISCIPLINES) {
    const owner = owners[discipline];
    answers[discipline] = cachedPart(
      index,
      options,
      JSON.stringify([
        'discipline',
        depth,
        discipline,
        owner.source,
        owner.owner,
        owner.declaredOn,
      ]),
      at,
      () => disciplineAnswer(index, discipline, owner, at, options, depth),
    );
    const team = owner.owner ? index.entity(owner.owner) : undefined;
    for (const link of team ? contactLinks(team) : []) {
      if (link.type === 'runbook' && !runbooks.some(r => r.url === link.url)) {
        runbooks.push({ ...link, from: owner.owner! });
      }
    }
  }
  return {
    entity: entitySummary(index, ref, entity),
    owners: answers,
    runbooks,
  };
}
