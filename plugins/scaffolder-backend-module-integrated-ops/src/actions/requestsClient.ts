import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { bearerFetchApi } from '@integrated-ops/plugin-integrated-ops-common';
import {
  ChangeIntentInput,
  OpsRequestsApiClient,
} from '@integrated-ops/plugin-ops-requests-common';

/**
 * The template's input as the intent: the backend validates it (400 naming
 * each bad field), so it is passed as it is.
 */
type Intent = ChangeIntentInput;

/**
 * Calls the ops-requests backend's routes on behalf of the user who
 * runs the template, so the backend's permission checks and catalog reads
 * are the user's own.
 */
export class RequestsClient {
  constructor(
    private readonly auth: AuthService,
    private readonly discovery: DiscoveryService,
  ) {}

  preview(intent: object, onBehalfOf: BackstageCredentials) {
    return this.client(onBehalfOf).previewRequest(intent as Intent);
  }

  create(intent: object, onBehalfOf: BackstageCredentials) {
    return this.client(onBehalfOf).createRequest(intent as Intent);
  }

  /** The generated client, with a token of the user for ops-requests. */
  private client(onBehalfOf: BackstageCredentials) {
    return new OpsRequestsApiClient({
      discoveryApi: this.discovery,
      fetchApi: bearerFetchApi(
        async () =>
          (
            await this.auth.getPluginRequestToken({
              onBehalfOf,
              targetPluginId: 'ops-requests',
            })
          ).token,
      ),
    });
  }
}
