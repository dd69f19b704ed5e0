/** The three operational disciplines that own every piece of the estate. */
export const DISCIPLINES = ['netops', 'devops', 'secops'] as const;

export type Discipline = (typeof DISCIPLINES)[number];

export const DISCIPLINE_TITLES: Record<Discipline, string> = {
  netops: 'NetOps',
  devops: 'DevOps',
  secops: 'SecOps',
};

export function isDiscipline(value: unknown): value is Discipline {
  return (DISCIPLINES as readonly unknown[]).includes(value);
}
