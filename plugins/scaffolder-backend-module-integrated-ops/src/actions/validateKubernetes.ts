import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readFile } from 'fs/promises';
import { validateManifests } from '@integrated-ops/plugin-ops-requests-node';
import { resolveInWorkspace } from './workspaceFiles';

/** Fails the task when a Kubernetes manifest in the workspace does not match the Kubernetes schemas. */
export function createValidateKubernetesAction() {
  return createTemplateAction({
    id: 'integrated-ops:kubernetes:validate',
    description:
      'Validates Kubernetes manifests in the workspace against the Kubernetes schemas (kubernetes-models).',
    supportsDryRun: true,
    schema: {
      input: { paths: z => z.array(z.string()).min(1) },
      output: { manifests: z => z.number() },
    },
    async handler(ctx) {
      let total = 0;
      for (const path of ctx.input.paths) {
        const file = resolveInWorkspace(ctx.workspacePath, path);
        const text = await readFile(file, 'utf8').catch(() => {
          throw new InputError(`${path} does not exist in the workspace`);
        });
        const count = validateManifests(text, path);
        ctx.logger.info(`${path}: ${count} manifests valid`);
        total += count;
      }
      ctx.output('manifests', total);
    },
  });
}
