export interface Config {
  integratedOps?: {
    userInfo?: {
      /**
       * With lastKnownUserInfoServiceFactory: how old a signed-in user's
       * ownership may be when served while the auth backend (its database)
       * cannot answer. Default 60, the life of a sign-in token.
       */
      lastKnownMinutes?: number;
    };
  };
}
