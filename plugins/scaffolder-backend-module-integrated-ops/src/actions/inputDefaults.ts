/**
 * The scaffolder checks action input against the JSON Schema made from the
 * zod schema, which does not fill in defaults; and a template passes an
 * unset parameter as undefined or null. This applies the defaults the schema
 * documents to whatever was not given.
 */
export function withDefaults<T extends object>(
  input: T,
  defaults: Partial<T>,
): T {
  const given = Object.fromEntries(
    Object.entries(input).filter(
      ([, v]) => v !== undefined && v !== null && v !== '',
    ),
  );
  return { ...defaults, ...given } as T;
}
