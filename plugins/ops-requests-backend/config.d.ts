export interface Config {
  integratedOps?: {
    /** The change policy requests are judged by. */
    policy?: {
      /** Path of the policy file, relative to the backend's working directory; re-read on every check. */
      file?: string;
    };
    /** Where changes are delivered (read by the change-delivery service of -node). */
    gitops?: {
      /** Directory of the local bare repositories. Default .data/git. */
      localRoot?: string;
      /** local (default), github or gitlab. */
      provider?: 'local' | 'github' | 'gitlab';
      /** github / gitlab: the infrastructure repository, e.g. https://github.com/bank/infrastructure. */
      repositoryUrl?: string;
      /** github / gitlab: the branch changes are proposed against. Default main. */
      baseBranch?: string;
      /** local: the infrastructure repository's name. Default infrastructure. */
      infrastructureRepository?: string;
    };
    requests?: {
      /** Minutes between runs of the expiry / re-certification task. Default 5. */
      expiryCheckMinutes?: number;
      /** Ask the approving teams to re-certify a grant applied this many days ago. Default 60. */
      recertifyAfterDays?: number;
    };
  };
}
