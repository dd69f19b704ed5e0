import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ChangePlan,
  ChangeRequest,
} from '@integrated-ops/plugin-ops-requests-common';

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
    return this.post<ChangePlan>('/requests/preview', intent, onBehalfOf);
  }

  create(intent: object, onBehalfOf: BackstageCredentials) {
    return this.post<ChangeRequest>('/requests', intent, onBehalfOf);
  }

  private async post<T>(
    path: string,
    body: object,
    onBehalfOf: BackstageCredentials,
  ): Promise<T> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf,
      targetPluginId: 'ops-requests',
    });
    const baseUrl = await this.discovery.getBaseUrl('ops-requests');
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}
