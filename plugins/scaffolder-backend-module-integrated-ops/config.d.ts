export interface Config {
  integratedOps?: {
    policy?: {
      /** Path of the change policy YAML (default ../../policies/change-policy.yaml, relative to the backend's working directory). */
      file?: string;
    };
    catalogInfo?: {
      /** Directory where new services' catalog-info.yaml files are written and registered from. */
      dir?: string;
    };
  };
}
