/**
 * The three operational disciplines that own every piece of the estate.
 *
 * @public
 */
export const DISCIPLINES = ['netops', 'devops', 'secops'] as const;

/**
 * An ops discipline that owns entities: NetOps, DevOps or SecOps.
 *
 * @public
 */
export type Discipline = (typeof DISCIPLINES)[number];

/**
 * Each discipline's display name.
 *
 * @public
 */
export const DISCIPLINE_TITLES: Record<Discipline, string> = {
  netops: 'NetOps',
  devops: 'DevOps',
  secops: 'SecOps',
};

/**
 * Whether a value names a discipline.
 *
 * @public
 */
export function isDiscipline(value: unknown): value is Discipline {
  return (DISCIPLINES as readonly unknown[]).includes(value);
}
