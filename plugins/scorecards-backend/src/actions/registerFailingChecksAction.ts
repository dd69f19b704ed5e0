import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  DISCIPLINE_TITLES,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import { ScorecardService } from '../service/ScorecardService';

/**
 * `scorecards-failing-checks` in Backstage's actions registry, for AI agents
 * over MCP: an entity's scorecard as `GET /entity` answers it for the caller
 * (an entity they may not read is unknown to them), reduced to the level per
 * discipline and each failing check with the action that fixes it.
 */
export function registerFailingChecksAction(
  actionsRegistry: ActionsRegistryService,
  service: ScorecardService,
) {
  actionsRegistry.register({
    name: 'scorecards-failing-checks',
    title: "An entity's failing readiness checks",
    description:
      'The readiness scorecard of one component, system or resource: per discipline (NetOps, DevOps, SecOps) the level ' +
      'reached (none, bronze, silver, gold) and every check that fails, with its level and the one action that fixes it ' +
      '(a title and, where there is one, the portal path of the template or page). The entity is a name (a component) ' +
      'or a ref (system:default/fraud-detection).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .min(1)
            .max(300)
            .describe('Entity name (a component) or ref'),
        }),
      output: z =>
        z.object({
          summary: z.string(),
          entityRef: z.string(),
          disciplines: z.array(
            z.object({
              discipline: z.string(),
              level: z.string(),
              failing: z.array(
                z.object({
                  id: z.string(),
                  name: z.string(),
                  level: z.string(),
                  fix: z
                    .object({ title: z.string(), url: z.string().optional() })
                    .optional(),
                }),
              ),
            }),
          ),
          factsAt: z.string().nullable(),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = tryNormalizeEntityRef(input.entity, {
        defaultKind: 'component',
      });
      if (!ref) {
        throw new InputError(`"${input.entity}" is not an entity name or ref`);
      }
      const card = await service.entity(ref, credentials);
      const disciplines = card.disciplines.map(d => ({
        discipline: d.discipline,
        level: d.level,
        failing: d.checks
          .filter(c => !c.passed)
          .map(c => ({
            id: c.id,
            name: c.name,
            level: c.level,
            ...(c.fix ? { fix: c.fix } : {}),
          })),
      }));
      const summary = `${card.entityRef}: ${disciplines
        .map(
          d =>
            `${DISCIPLINE_TITLES[d.discipline]} ${d.level}${
              d.failing.length ? ` (${d.failing.length} failing)` : ''
            }`,
        )
        .join(', ')}`;
      return {
        output: {
          summary,
          entityRef: card.entityRef,
          disciplines,
          factsAt: card.factsAt,
        },
      };
    },
  });
}
