/*
 * What a router serves and what its spec describes, as "METHOD /path" lines
 * in the spec's notation, for the contract test every backend has (a route
 * served but not described, or described but not served, fails it).
 */

/**
 * Every route a router (and any router it mounts) serves, sorted, path
 * parameters written as the spec writes them (`/requests/{id}`); the spec
 * itself, served by Backstage's validated router at `/openapi.json`, left out.
 *
 * @public
 */
export function servedRoutes(router: { stack: unknown[] }): string[] {
  return (router.stack as any[])
    .flatMap((layer): string[] => {
      if (layer.name === 'router') return servedRoutes(layer.handle);
      if (!layer.route || layer.route.path === '/openapi.json') return [];
      const path = String(layer.route.path).replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map(
        method => `${method.toUpperCase()} ${path}`,
      );
    })
    .sort();
}

/**
 * Every operation an OpenAPI document describes, sorted.
 *
 * @public
 */
export function specRoutes(spec: { paths: object }): string[] {
  return Object.entries(spec.paths)
    .flatMap(([path, operations]) =>
      Object.keys(operations as object).map(m => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}
