import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/**
 * A zod string that must be an entity ref of the given kind ("team",
 * "group:team" or "group:default/team" for kind group), normalised to the full
 * lower-case form "group:default/team".
 */
export function entityRefOfKind(kind: 'group' | 'user') {
  return z.string().transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value, {
        defaultKind: kind,
        defaultNamespace: 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') !== kind) {
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" must refer to a ${kind}, not a ${ref.kind}`,
        });
        return z.NEVER;
      }
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a valid ${kind} reference`,
      });
      return z.NEVER;
    }
  });
}
