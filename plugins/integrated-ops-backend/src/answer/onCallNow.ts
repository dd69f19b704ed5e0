import {
  OnCallNow,
  ProviderEscalation,
  ProviderUnavailable,
  Rotation,
} from '@integrated-ops/plugin-integrated-ops-common';
import { ProviderShift } from '@integrated-ops/plugin-integrated-ops-node';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { Cached, ProviderOnCallCache } from '../onCall/ProviderOnCallCache';
import { onCallAtMemoized } from './onCallMemo';
import { person, vendorPerson } from './person';
import { noteVolatile } from './answerParts';

/** How far a vendor answer may be from the moment asked and still stand for it. */
const VENDOR_ANSWER_REACH_MS = 15 * 60 * 1000;

function yamlOnCall(
  index: OwnershipIndex,
  rotation: Rotation,
  at: Date,
): OnCallNow {
  const shift = onCallAtMemoized(rotation, at);
  return {
    rotation: shift.rotation,
    person: shift.member ? person(index, shift.member) : undefined,
    from: shift.from,
    until: shift.until,
    next: person(index, shift.next),
    timeZone: rotation.timeZone,
    source: 'yaml',
  };
}

/**
 * Why a vendor answer cannot stand for `at`: the vendor fails, or its answer
 * is about another moment (vendors answer for now; an as-of question about
 * last night falls back to YAML).
 */
function unusable(
  cached: Cached<ProviderShift>,
  provider: string,
  at: Date,
): ProviderUnavailable | undefined {
  if (cached.failure) {
    return {
      provider,
      since: cached.failure.since.toISOString(),
      message: cached.failure.message,
    };
  }
  const shift = cached.value!;
  const t = at.getTime();
  const inShift =
    shift.until &&
    (!shift.from || Date.parse(shift.from) <= t) &&
    t < Date.parse(shift.until);
  const nearFetch =
    !shift.until &&
    Math.abs(t - cached.fetchedAt!.getTime()) < VENDOR_ANSWER_REACH_MS;
  if (inShift || nearFetch) return undefined;
  return {
    provider,
    since: cached.fetchedAt!.toISOString(),
    message: `the ${provider} answer fetched at ${cached.fetchedAt!.toISOString()} is not about ${at.toISOString()}`,
  };
}

function vendorOnCall(
  index: OwnershipIndex,
  provider: string,
  cached: Cached<ProviderShift>,
  at: Date,
): OnCallNow {
  const shift = cached.value!;
  return {
    rotation: shift.name,
    person: shift.onCall
      ? vendorPerson(index, provider, shift.onCall)
      : undefined,
    from: shift.from,
    until: shift.until,
    next: shift.next ? vendorPerson(index, provider, shift.next) : undefined,
    timeZone: shift.timeZone,
    source: provider,
    fetchedAt: cached.fetchedAt!.toISOString(),
    ageSeconds: Math.max(
      0,
      Math.round((at.getTime() - cached.fetchedAt!.getTime()) / 1000),
    ),
  };
}

/**
 * Who is on call for a team at `at`, rotation by rotation: YAML rotations,
 * rotations whose `from` names a vendor schedule (the YAML members answer
 * while the vendor cannot), and the vendor schedules the team's annotations
 * point at (nobody named while the vendor cannot answer).
 */
export function onCallNow(
  index: OwnershipIndex,
  teamRef: string,
  at: Date,
  providers?: ProviderOnCallCache,
): OnCallNow[] {
  const rotations = index.teams.get(teamRef)?.onCall ?? [];
  const answers: OnCallNow[] = [];
  for (const rotation of rotations) {
    if (!rotation.from || !providers) {
      answers.push(yamlOnCall(index, rotation, at));
      continue;
    }
    const { provider, schedule } = rotation.from;
    // A vendor answer moves with time (ageSeconds) and refreshes: never kept.
    noteVolatile();
    const cached = providers.shift(provider, schedule);
    const unavailable = unusable(cached, provider, at);
    answers.push(
      unavailable
        ? { ...yamlOnCall(index, rotation, at), unavailable }
        : {
            ...vendorOnCall(index, provider, cached, at),
            rotation: rotation.name,
          },
    );
  }
  if (!providers?.enabled) return answers;
  const fromRotations = new Set(
    rotations.map(r => r.from && `${r.from.provider}:${r.from.schedule}`),
  );
  for (const { provider, schedule } of providers.schedulesOf(index, teamRef)) {
    if (fromRotations.has(`${provider}:${schedule}`)) continue;
    noteVolatile();
    const cached = providers.shift(provider, schedule);
    const unavailable = unusable(cached, provider, at);
    answers.push(
      unavailable
        ? {
            // Names from the last good answer, if there was one.
            rotation: cached.value?.name ?? schedule,
            timeZone: cached.value?.timeZone ?? 'UTC',
            source: provider,
            unavailable,
          }
        : vendorOnCall(index, provider, cached, at),
    );
  }
  return answers;
}

/** The vendor escalation policies a team points at, with who is on call at each level. */
export function providerEscalations(
  index: OwnershipIndex,
  teamRef: string,
  providers?: ProviderOnCallCache,
): ProviderEscalation[] | undefined {
  if (!providers?.enabled) return undefined;
  const policies = providers.policiesOf(index, teamRef);
  if (!policies.length) return undefined;
  noteVolatile();
  return policies.map(({ provider, id }) => {
    const cached = providers.policy(provider, id);
    if (cached.failure || !cached.value) {
      return {
        provider,
        id,
        name: id,
        levels: [],
        unavailable: {
          provider,
          since: (cached.failure?.since ?? new Date()).toISOString(),
          message: cached.failure?.message ?? 'not fetched yet',
        },
      };
    }
    return {
      provider,
      id,
      name: cached.value.name,
      fetchedAt: cached.fetchedAt?.toISOString(),
      levels: cached.value.levels.map(level => ({
        level: level.level,
        delayMinutes: level.delayMinutes,
        onCall: level.onCall.map(p => vendorPerson(index, provider, p)),
      })),
    };
  });
}
