import { Config } from '@backstage/config';

/** Who may read a report: every signed-in user, or members of these groups. */
export type Readers = 'everyone' | string[];

/**
 * Who may page a team from a lookup answer: members of any of the
 * organisation's groups (not a guest, who belongs to none), every signed-in
 * user, or members of these groups.
 */
export type Pagers = 'organisation' | Readers;

/** The roles the permission policy knows, from `integratedOps.permissions`. */
export interface PortalRoles {
  /** Groups whose members administer the catalog and the scaffolder. */
  adminGroups: string[];
  coverageReaders: Readers;
  requestReaders: Readers;
  pagers: Pagers;
}

const lower = (refs: string[]) => refs.map(r => r.toLocaleLowerCase('en-US'));

function readers(config: Config | undefined, key: string): Readers {
  if (!config?.has(key)) return 'everyone';
  const value = config.get(key);
  if (value === 'everyone') return 'everyone';
  return lower(config.getStringArray(key));
}

/** Reads the roles; unset: no admins, reports readable by every signed-in user, paging by the organisation's members. */
export function readPortalRoles(config: Config): PortalRoles {
  const permissions = config.getOptionalConfig('integratedOps.permissions');
  return {
    adminGroups: lower(
      permissions?.getOptionalStringArray('adminGroups') ?? [],
    ),
    coverageReaders: readers(permissions, 'coverageReaders'),
    requestReaders: readers(permissions, 'requestReaders'),
    pagers:
      !permissions?.has('pagers') ||
      permissions.get('pagers') === 'organisation'
        ? 'organisation'
        : readers(permissions, 'pagers'),
  };
}
