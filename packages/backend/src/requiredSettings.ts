import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** A setting the deployment must give, and the environment variable that gives it. */
interface RequiredSetting {
  key: string;
  env?: string;
}

/**
 * The settings `integratedOps.requiredSettings` lists that are unset or
 * empty, as "key (ENV)".
 */
export function missingSettings(config: Config): string[] {
  const required: RequiredSetting[] = (
    config.getOptionalConfigArray('integratedOps.requiredSettings') ?? []
  ).map(c => ({ key: c.getString('key'), env: c.getOptionalString('env') }));
  return required
    .filter(({ key }) => {
      const value = valueAt(config, key);
      return value === undefined || value === null || value === '';
    })
    .map(({ key, env }) => (env ? `${key} (${env})` : key));
}

/** The value at a dotted key whose segments may index arrays (`backend.auth.externalAccess[0].options.token`). */
function valueAt(config: Config, key: string): unknown {
  let at: Config | undefined = config;
  const segments = key.split('.');
  for (const [i, segment] of segments.entries()) {
    const indexed = /^(.+)\[(\d+)\]$/.exec(segment);
    const last = i === segments.length - 1;
    if (!indexed) {
      if (last) return at.getOptional(segment);
      at = at.getOptionalConfig(segment);
    } else {
      const item: Config | undefined = at.getOptionalConfigArray(indexed[1])?.[
        Number(indexed[2])
      ];
      if (last) return item?.get();
      at = item;
    }
    if (!at) return undefined;
  }
  return undefined;
}

const requiredSettingsRef = createServiceRef<void>({
  id: 'integrated-ops.required-settings',
  scope: 'root',
});

/**
 * Stops startup, naming every missing setting at once, when a setting the
 * config declares required (`integratedOps.requiredSettings`, set by
 * app-config.production.yaml: identity provider, session secret, database)
 * is not given: production never falls back to development values. Root
 * scoped, so it runs before any plugin starts.
 */
export const requiredSettingsServiceFactory = createServiceFactory({
  service: requiredSettingsRef,
  deps: { config: coreServices.rootConfig },
  factory({ config }) {
    const missing = missingSettings(config);
    if (missing.length) {
      throw new Error(
        `Missing required settings, set them before starting: ${missing.join(
          ', ',
        )}`,
      );
    }
  },
});
