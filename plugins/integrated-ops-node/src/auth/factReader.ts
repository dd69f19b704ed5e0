import {
  BackstageCredentials,
  BackstageServicePrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

/**
 * Lets through a plugin listed as a reader of every entity's figures (a
 * service token of, say, tech-insights), for routes that answer for the
 * whole estate rather than for the caller: anyone else gets a 403 naming
 * the setting that lists the readers.
 *
 * @public
 */
export function assertFactReader(
  credentials: BackstageCredentials<BackstageServicePrincipal>,
  readers: readonly string[],
  setting: string,
): void {
  const { subject } = credentials.principal;
  const plugin = subject.match(/^plugin:(.+)$/)?.[1];
  if (!plugin || !readers.includes(plugin)) {
    throw new NotAllowedError(
      `${subject} may not read every entity's figures (${setting})`,
    );
  }
}
