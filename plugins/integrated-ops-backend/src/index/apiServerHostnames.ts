import { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';

function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string' || !url) return undefined;
  try {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url)
      ? url
      : `tcp://${url}`;
    return new URL(withScheme).hostname.toLocaleLowerCase('en-US') || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Hostnames an API entity's definition names as its servers: OpenAPI
 * `servers[].url`, AsyncAPI 2 `servers.*.url` and AsyncAPI 3 `servers.*.host`.
 * Definitions that do not parse give none.
 */
export function apiServerHostnames(entity: Entity): string[] {
  const definition = entity.spec?.definition;
  if (typeof definition !== 'string' || !/servers/.test(definition)) return [];
  let doc: any;
  try {
    doc = parse(definition);
  } catch {
    return [];
  }
  const servers = doc?.servers;
  const entries: any[] = Array.isArray(servers)
    ? servers
    : Object.values(servers ?? {});
  const hosts = entries.map(s => hostOf(s?.url) ?? hostOf(s?.host));
  return [...new Set(hosts.filter((h): h is string => !!h))];
}
