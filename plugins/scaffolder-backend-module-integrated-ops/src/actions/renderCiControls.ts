import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { SECURITY_CONTROLS } from '@integrated-ops/plugin-ops-requests-common';
import {
  controlsManifest,
  securityWorkflow,
} from '@integrated-ops/plugin-ops-requests-node';
import { writeWorkspaceFile } from './workspaceFiles';
import { withDefaults } from './inputDefaults';

/**
 * Renders a service's security controls: the CI workflow running the
 * scanners it chose (SAST, dependency, container image, secrets) and
 * security/controls.yaml recording every control, exception and compliance
 * tag.
 */
export function createRenderCiControlsAction() {
  return createTemplateAction({
    id: 'integrated-ops:render:ci-controls',
    description:
      'Renders the CI security workflow (Semgrep, Trivy, Gitleaks) and security/controls.yaml for a component.',
    supportsDryRun: true,
    schema: {
      input: {
        component: z => z.string().min(1),
        policyVersion: z => z.string().default('unknown'),
        controls: z => z.array(z.enum(SECURITY_CONTROLS)),
        exceptions: z =>
          z
            .array(
              z.object({
                control: z.enum(SECURITY_CONTROLS),
                justification: z.string(),
                expiresAt: z.string().optional(),
              }),
            )
            .default([]),
        compliance: z => z.array(z.string()).default([]),
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Directory, relative to the workspace'),
      },
      output: { files: z => z.array(z.string()) },
    },
    async handler(ctx) {
      const input = withDefaults(ctx.input, {
        policyVersion: 'unknown',
        exceptions: [],
        compliance: [],
        targetPath: '.',
      });
      const files: string[] = [];
      const workflow = securityWorkflow(input.controls, input.component);
      if (workflow) {
        const path = `${input.targetPath}/.github/workflows/security.yaml`;
        await writeWorkspaceFile(ctx.workspacePath, path, workflow);
        files.push(path);
      }
      const controlsPath = `${input.targetPath}/security/controls.yaml`;
      await writeWorkspaceFile(
        ctx.workspacePath,
        controlsPath,
        controlsManifest({
          component: input.component,
          policyVersion: input.policyVersion,
          controls: input.controls,
          exceptions: input.exceptions,
          compliance: input.compliance,
        }),
      );
      files.push(controlsPath);
      ctx.logger.info(
        `Controls for ${input.component}: ${
          input.controls.join(', ') || 'none'
        }; exceptions: ${
          input.exceptions.map(e => e.control).join(', ') || 'none'
        }; wrote ${files.join(', ')}`,
      );
      ctx.output(
        'files',
        files.map(f => f.replace(/^\.\//, '')),
      );
    },
  });
}
