import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/**
 * A vendor module's settings: its config block and its secret.
 *
 * @public
 */
export interface VendorConfig {
  /** The vendor's `integratedOps.<block>` config block. */
  config: Config;
  /** The API token or key read from the block; never empty. */
  secret: string;
  /** A base URL from the block, or the vendor's default, ending with "/". */
  baseUrl(key: string, fallback: string): string;
}

/**
 * Reads `integratedOps.<block>` for a vendor module. No block: the module
 * was installed but not configured, so it says so and the portal runs on
 * YAML rotations (undefined). A block without its secret stops the backend
 * with a message naming the key, so a misconfiguration shows at deploy time.
 *
 * @public
 */
export function readVendorConfig(
  root: RootConfigService,
  logger: LoggerService,
  vendor: { block: string; title: string; secretKey: string; secretIs: string },
): VendorConfig | undefined {
  const path = `integratedOps.${vendor.block}`;
  const config = root.getOptionalConfig(path);
  if (!config) {
    logger.info(
      `${vendor.title} is not configured (${path}); on-call comes from YAML rotations`,
    );
    return undefined;
  }
  const secret = config.getOptionalString(vendor.secretKey);
  if (!secret) {
    throw new Error(
      `The ${vendor.title} module is configured but ${path}.${vendor.secretKey} is not set: give it ${vendor.secretIs}, or remove the ${path} block`,
    );
  }
  return {
    config,
    secret,
    baseUrl: (key, fallback) => {
      const url = config.getOptionalString(key) ?? fallback;
      return url.endsWith('/') ? url : `${url}/`;
    },
  };
}
