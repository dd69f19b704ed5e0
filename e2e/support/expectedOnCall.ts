/*
 * Who the sample catalog says is on call for a team, computed here from
 * catalog/org/*.yaml with the shared rotation maths - not read back from the
 * portal - so the browser tests check the page against the source of truth.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parseAllDocuments } from 'yaml';
import { onCallAt } from '../../plugins/integrated-ops-common/src/onCall';

const orgDir = resolve(__dirname, '../../catalog/org');

function docs(file: string): any[] {
  return parseAllDocuments(readFileSync(resolve(orgDir, file), 'utf8')).map(d =>
    d.toJS(),
  );
}

/** The display names on call now on each of a team's rotations. */
export function expectedOnCall(teamName: string, at = new Date()): string[] {
  const users = new Map(
    docs('users.yaml').map(u => [
      `user:default/${u.metadata.name}`,
      u.spec.profile?.displayName ?? u.metadata.name,
    ]),
  );
  const team = docs('groups.yaml').find(g => g.metadata.name === teamName);
  if (!team) throw new Error(`no team ${teamName} in the sample catalog`);
  return (team.spec.opsTeam?.onCall ?? []).map((rotation: any) => {
    const member = onCallAt(rotation, at).member;
    return member ? users.get(member) ?? member : 'nobody';
  });
}

/** The user refs on call now on each of a team's rotations. */
export function expectedOnCallRefs(
  teamName: string,
  at = new Date(),
): string[] {
  const team = docs('groups.yaml').find(g => g.metadata.name === teamName);
  return (team?.spec.opsTeam?.onCall ?? []).flatMap(
    (rotation: any) => onCallAt(rotation, at).member ?? [],
  );
}
