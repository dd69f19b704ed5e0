import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Lower-cases an entity ref (or name) for comparison, as Backstage does. Refs
 * are ASCII, where plain toLowerCase equals en-US lower-casing without the
 * locale machinery; it runs for every person and team in every answer.
 *
 * @public
 */
export function lowerRef(ref: string): string {
  return ref.toLowerCase();
}

/**
 * The one way this package writes entity refs: full and lower-case
 * ("group:default/netops-edge"), with the given defaults for a short ref.
 * Throws on a malformed ref.
 *
 * @public
 */
export function normalizeEntityRef(
  value: string,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): string {
  return lowerRef(
    stringifyEntityRef(
      parseEntityRef(value, { defaultNamespace: 'default', ...defaults }),
    ),
  );
}

/**
 * normalizeEntityRef for a value that may be absent or malformed: undefined then.
 *
 * @public
 */
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
