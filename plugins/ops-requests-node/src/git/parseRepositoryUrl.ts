import { InputError } from '@backstage/errors';

/** "https://github.com/bank/infrastructure" → host and project path. */
export function parseRepositoryUrl(url: string): {
  host: string;
  path: string;
} {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(
      `integratedOps.gitops.repositoryUrl "${url}" is not a URL`,
    );
  }
  const path = parsed.pathname.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  if (!path.includes('/')) {
    throw new InputError(
      `integratedOps.gitops.repositoryUrl "${url}" names no owner/repository`,
    );
  }
  return { host: parsed.host, path };
}
