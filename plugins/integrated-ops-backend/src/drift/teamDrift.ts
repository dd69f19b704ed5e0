import {
  DISCIPLINES,
  isOwnedKind,
  readEffectiveOwners,
  TeamDrift,
} from '@integrated-ops/plugin-integrated-ops-common';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { ProviderOnCallCache } from '../onCall/ProviderOnCallCache';

const LISTED = 20;

/** Owner group ref -> the entities that name it as a typed owner (declared or inherited). */
function ownedByTeam(index: OwnershipIndex): Map<string, string[]> {
  const owned = new Map<string, string[]>();
  for (const [ref, entity] of index.entities) {
    if (!isOwnedKind(entity)) continue;
    const owners = readEffectiveOwners(entity);
    for (const d of DISCIPLINES) {
      const { owner, source } = owners[d];
      if (!owner || source === 'fallback' || source === 'missing') continue;
      const list = owned.get(owner) ?? [];
      if (!list.includes(ref)) list.push(ref);
      owned.set(owner, list);
    }
  }
  return owned;
}

/**
 * Where ownership is no longer true: groups entities still name that are
 * gone, and ops teams (groups that own something or declare a rotation)
 * without members or lead, or whose rotations name people who left - in YAML,
 * or in a vendor's schedule (people no catalog user has the email of).
 * `removedAt`: when the history saw each gone group leave.
 */
export function teamDrift(
  index: OwnershipIndex,
  options: {
    providers?: ProviderOnCallCache;
    removedAt?: ReadonlyMap<string, string>;
  } = {},
): TeamDrift[] {
  const drift: TeamDrift[] = [];
  const owned = ownedByTeam(index);
  const known = (ref: string) => index.entities.has(ref);

  for (const [team, entities] of owned) {
    if (known(team)) continue;
    const removedAt = options.removedAt?.get(team);
    drift.push({
      team,
      kind: 'owner-deleted',
      message: `${team} is not in the catalog${
        removedAt ? ` since ${removedAt}` : ''
      }, yet ${entities.length} entit${
        entities.length === 1 ? 'y names' : 'ies name'
      } it as owner`,
      entities: entities.slice(0, LISTED),
      entityCount: entities.length,
      removedAt,
    });
  }

  const opsTeams = new Set<string>([
    ...[...owned.keys()].filter(known),
    ...[...index.teams].filter(([, t]) => t.onCall?.length).map(([r]) => r),
  ]);
  for (const team of [...opsTeams].sort()) {
    const ops = index.teams.get(team);
    if (!(index.members.get(team) ?? []).length) {
      drift.push({
        team,
        kind: 'no-members',
        message: `${team} has no members`,
      });
    }
    if (!ops?.lead) {
      drift.push({ team, kind: 'no-lead', message: `${team} names no lead` });
    } else if (!known(ops.lead)) {
      drift.push({
        team,
        kind: 'no-lead',
        message: `${team}'s lead ${ops.lead} is not in the catalog any more`,
        people: [ops.lead],
      });
    }
    const gone = new Set<string>();
    for (const rotation of ops?.onCall ?? []) {
      for (const member of rotation.members)
        if (!known(member)) gone.add(member);
    }
    if (gone.size) {
      drift.push({
        team,
        kind: 'rotation-member-gone',
        message: `${team}'s rotations name ${[...gone].join(', ')}, who ${
          gone.size === 1 ? 'is' : 'are'
        } not in the catalog any more`,
        people: [...gone],
      });
    }
    const strangers = new Set<string>();
    for (const { provider, schedule } of options.providers?.schedulesOf(
      index,
      team,
    ) ?? []) {
      const onCall = options.providers!.shift(provider, schedule).value?.onCall;
      const email = onCall?.email?.toLocaleLowerCase('en-US');
      if (onCall && !(email && index.usersByEmail.has(email))) {
        strangers.add(`${provider}:${onCall.email ?? onCall.name}`);
      }
    }
    if (strangers.size) {
      drift.push({
        team,
        kind: 'vendor-person-unknown',
        message: `${team}'s vendor schedule has ${[...strangers].join(
          ', ',
        )} on call, who is no catalog user`,
        people: [...strangers],
      });
    }
  }
  return drift;
}
