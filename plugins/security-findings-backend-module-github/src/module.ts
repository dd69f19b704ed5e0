import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { securityFindingsSourcesExtensionPoint } from '@integrated-ops/plugin-security-findings-node';
import { GithubFindingsSource } from './GithubFindingsSource';

/**
 * GitHub code scanning and Dependabot alerts into security findings, for
 * components annotated `github.com/project-slug`, with the token of the
 * `integrations.github` entry for github.com (or the host named by
 * `integratedOps.securityFindings.github.host`). Without a token, nothing
 * is pulled and startup says so.
 *
 * @public
 */
export const securityFindingsModuleGithub = createBackendModule({
  pluginId: 'security-findings',
  moduleId: 'github',
  register(reg) {
    reg.registerInit({
      deps: {
        sources: securityFindingsSourcesExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ sources, config, logger }) {
        const host =
          config.getOptionalString(
            'integratedOps.securityFindings.github.host',
          ) ?? 'github.com';
        const integration =
          ScmIntegrations.fromConfig(config).github.byHost(host);
        const token = integration?.config.token;
        if (!integration || !token) {
          logger.info(
            `No GitHub token for ${host} (integrations.github): code scanning and Dependabot alerts are not pulled`,
          );
          return;
        }
        sources.addSource(
          new GithubFindingsSource({
            apiBaseUrl:
              integration.config.apiBaseUrl ?? 'https://api.github.com',
            token,
            logger,
          }),
        );
      },
    });
  },
});
