export interface Config {
  integratedOps?: {
    /** Roles of the portal's permission policy. */
    permissions?: {
      /**
       * Groups (entity refs) whose members may delete entities, register and
       * delete locations and templates, refresh any entity and read every
       * scaffolder task. Default: none.
       */
      adminGroups?: string[];
      /** Who may read the ownership coverage report: 'everyone' (default) or group refs. */
      coverageReaders?: 'everyone' | string[];
      /** Who may read change requests: 'everyone' (default) or group refs. */
      requestReaders?: 'everyone' | string[];
      /**
       * Who may page a team from a lookup answer: 'organisation' (default:
       * members of any group in the catalog; a user in none may not),
       * 'everyone' signed in, or group refs.
       */
      pagers?: 'organisation' | 'everyone' | string[];
    };
  };
}
