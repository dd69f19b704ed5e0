export interface Config {
  integratedOps?: {
    /** Read by changeDeliveryServiceRef: where changes and new repositories go. */
    gitops?: {
      /**
       * Directory holding the local bare git repositories changes and
       * new services go to (infrastructure.git and one per new service). Created on
       * first use.
       */
      localRoot?: string;
      /** Local repository that receives network and security changes (default "infrastructure"). */
      infrastructureRepository?: string;
      /**
       * local: a folder whose files become main's first commit when the
       * infrastructure repository is created (the sample estate's baselines
       * and approved flows); with it, the repository is created on first
       * read, not only on the first change.
       */
      seedDir?: string;
      /**
       * Where change requests go: "local" (default; a branch of the local
       * infrastructure repository), "github" (a pull request) or "gitlab" (a
       * merge request), authenticated through Backstage's `integrations`.
       */
      provider?: 'local' | 'github' | 'gitlab';
      /** github / gitlab: the infrastructure repository, e.g. https://github.com/bank/infrastructure */
      repositoryUrl?: string;
      /** github / gitlab: the branch changes are proposed against (default main). */
      baseBranch?: string;
    };
  };
}
