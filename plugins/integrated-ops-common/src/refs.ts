import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The one way this package writes entity refs: full and lower-case
 * ("group:default/netops-edge"), with the given defaults for a short ref.
 * Throws on a malformed ref.
 */
export function normalizeEntityRef(
  value: string,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): string {
  return stringifyEntityRef(
    parseEntityRef(value, { defaultNamespace: 'default', ...defaults }),
  ).toLocaleLowerCase('en-US');
}

/** normalizeEntityRef for a value that may be absent or malformed: undefined then. */
export function tryNormalizeEntityRef(
  value: unknown,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return normalizeEntityRef(value, defaults);
  } catch {
    return undefined;
  }
}
