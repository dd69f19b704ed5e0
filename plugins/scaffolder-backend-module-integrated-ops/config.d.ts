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
      /** Repository that receives network and security changes (default "infrastructure"). */
      infrastructureRepository?: string;
    };
    catalogInfo?: {
      /** Directory where new services' catalog-info.yaml files are written and registered from. */
      dir?: string;
    };
  };
}
