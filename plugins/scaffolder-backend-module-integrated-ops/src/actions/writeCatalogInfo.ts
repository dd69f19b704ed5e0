import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DISCIPLINES } from '@integrated-ops/plugin-integrated-ops-common';
import { stringify } from 'yaml';
import { writeWorkspaceFile } from './workspaceFiles';
import { withDefaults } from './inputDefaults';
import { CREATED_BY_TASK_ANNOTATION, NewServiceNames } from './serviceNames';
import { assertPlainTextInput } from './plainTextInput';
import { assertOwnerDisciplines } from './ownerTeams';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Writes catalog-info.yaml for a new component with its three ops owners
 * (an owner left blank is inherited from the System) and, unless it is a dry
 * run, registers it: a copy goes to the registration directory under the
 * data directory, which app-config lists as a file Location glob
 * (`<dir>/*.yaml`), so the catalog adds it on its next pass and keeps it
 * across restarts. (Registering arbitrary file Locations through the catalog
 * API would let any caller make the catalog read any file on the server.)
 *
 * A name something already holds (a Component of that name in any case, a
 * registered catalog file, a repository) is refused before anything is
 * written, dry run or not; the registration itself is created exclusively,
 * so a run racing another for the same name never replaces its file.
 */
export function createWriteCatalogInfoAction(options: {
  names: NewServiceNames;
  catalog: CatalogService;
  policyFile: string;
}) {
  return createTemplateAction({
    id: 'integrated-ops:catalog:write',
    description:
      'Writes catalog-info.yaml with the NetOps, DevOps and SecOps owners and registers the entity in the catalog.',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().min(1),
        title: z => z.string().optional(),
        description: z => z.string().default(''),
        type: z => z.string().default('service'),
        lifecycle: z => z.string().default('experimental'),
        system: z => z.string().min(1),
        owner: z =>
          z.string().min(1).describe('spec.owner (the team that builds it)'),
        opsOwners: z =>
          z
            .object({
              netops: z.string().optional(),
              devops: z.string().optional(),
              secops: z.string().optional(),
            })
            .default({}),
        tags: z => z.array(z.string()).default([]),
        links: z =>
          z
            .array(
              z.object({
                url: z.string(),
                title: z.string(),
                type: z.string().optional(),
              }),
            )
            .default([]),
        annotations: z => z.record(z.string(), z.string()).default({}),
        targetPath: z => z.string().default('catalog-info.yaml'),
        register: z => z.boolean().default(true),
      },
      output: {
        entityRef: z => z.string(),
        path: z => z.string(),
        registeredFrom: z => z.string(),
      },
    },
    async handler(ctx) {
      assertPlainTextInput(ctx.input);
      const input = withDefaults(ctx.input, {
        description: '',
        type: 'service',
        lifecycle: 'experimental',
        opsOwners: {},
        tags: [],
        links: [],
        annotations: {},
        targetPath: 'catalog-info.yaml',
        register: true,
      });
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(input.name)) {
        throw new InputError(`"${input.name}" is not a valid entity name`);
      }
      // Server-side, from the catalog, the registration directory and the
      // repositories: whatever the template says or skipped.
      await options.names.assertFree(input.name);
      await assertOwnerDisciplines({
        catalog: options.catalog,
        credentials: await ctx.getInitiatorCredentials(),
        policyFile: options.policyFile,
        name: input.name,
        owners: input.opsOwners,
      });
      const registering = input.register && !ctx.isDryRun;
      const opsOwners = Object.fromEntries(
        DISCIPLINES.filter(d => input.opsOwners[d]).map(d => [
          d,
          input.opsOwners[d],
        ]),
      );
      const entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: input.name,
          title: input.title,
          description: input.description,
          tags: input.tags,
          links: input.links,
          annotations: {
            ...input.annotations,
            // Lets this task's publish step take the registration back if
            // the repository cannot be created (see NewServiceNames.release).
            ...(registering && ctx.task?.id
              ? { [CREATED_BY_TASK_ANNOTATION]: ctx.task.id }
              : {}),
          },
        },
        spec: {
          type: input.type,
          lifecycle: input.lifecycle,
          owner: input.owner,
          system: input.system,
          ...(Object.keys(opsOwners).length ? { opsOwners } : {}),
        },
      };
      const yaml = stringify(entity, { lineWidth: 0 });
      await writeWorkspaceFile(ctx.workspacePath, input.targetPath, yaml);
      const entityRef = `component:default/${input.name}`;
      ctx.logger.info(
        `Wrote ${input.targetPath} for ${entityRef}: ${DISCIPLINES.map(
          d => `${d} ${opsOwners[d] ?? `inherited from ${input.system}`}`,
        ).join(', ')}`,
      );
      ctx.output('entityRef', entityRef);
      ctx.output('path', input.targetPath);

      if (!registering) {
        ctx.output('registeredFrom', '');
        if (ctx.isDryRun)
          ctx.logger.info('Dry run: not registering the entity');
        return;
      }
      const file = await options.names.register(input.name, yaml);
      ctx.logger.info(
        `Registered ${entityRef}: ${file} is read by the catalog's registration Location; the entity appears after its next processing pass`,
      );
      ctx.output('registeredFrom', file);
    },
  });
}
