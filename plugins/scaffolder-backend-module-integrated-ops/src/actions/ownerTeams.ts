import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Discipline,
  DISCIPLINES,
  parseOpsTeam,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  judgeOwnerTeams,
  OwnerTeamFacts,
} from '@integrated-ops/plugin-ops-requests-common';
import { loadChangePolicy } from '@integrated-ops/plugin-ops-requests-node';

/** A team named as an owner, as the catalog describes it (never as the template does). */
export async function describeOwnerTeam(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  owner: string,
  inheritedFrom: string | undefined,
): Promise<OwnerTeamFacts> {
  const ref = tryNormalizeEntityRef(owner, { defaultKind: 'group' });
  const entity = ref
    ? await catalog.getEntityByRef(ref, { credentials })
    : undefined;
  const isGroup = entity?.kind.toLowerCase() === 'group';
  const team = isGroup ? parseOpsTeam(entity!) : undefined;
  return {
    ref: ref ?? owner,
    isGroup,
    ...(team?.ok && team.value?.discipline
      ? { discipline: team.value.discipline }
      : {}),
    ...(inheritedFrom ? { inheritedFrom } : {}),
  };
}

/**
 * Refuses owners the change policy does not let own their discipline (the
 * policy's owner-discipline rule, on the teams as the catalog describes
 * them): for catalog:write, so a template that skips the policy step cannot
 * write a payments team as SecOps owner either.
 */
export async function assertOwnerDisciplines(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  policyFile: string;
  name: string;
  owners: Partial<Record<Discipline, string>>;
}) {
  const ownerTeams: Partial<Record<Discipline, OwnerTeamFacts>> = {};
  for (const d of DISCIPLINES) {
    const owner = options.owners[d];
    if (owner) {
      ownerTeams[d] = await describeOwnerTeam(
        options.catalog,
        options.credentials,
        owner,
        undefined,
      );
    }
  }
  if (!Object.keys(ownerTeams).length) return;
  const policy = await loadChangePolicy(options.policyFile);
  const judged = judgeOwnerTeams(policy, ownerTeams);
  if (!judged.passed) {
    throw new InputError(
      `Refused by policy ${policy.metadata.name}@${policy.metadata.version}: ${judged.rule}: ${judged.message}`,
    );
  }
}
