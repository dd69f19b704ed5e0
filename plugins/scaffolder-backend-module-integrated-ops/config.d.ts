export interface Config {
  integratedOps?: {
    policy?: {
      /** Path of the change policy YAML (default ../../policies/change-policy.yaml, relative to the backend's working directory). */
      file?: string;
    };
    gitops?: {
      /**
       * Directory holding the local bare git repositories the templates
       * publish to (infrastructure.git and one per new service). Created on
       * first use.
       */
      localRoot?: string;
      /** Local repository that receives network and security changes (default "infrastructure"). */
      infrastructureRepository?: string;
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
    catalogInfo?: {
      /** Directory where new services' catalog-info.yaml files are written and registered from. */
      dir?: string;
    };
  };
}
