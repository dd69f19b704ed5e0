import {
  ChangePublisher,
  ChangeToPublish,
  PublishedChangeRequest,
} from './ChangePublisher';

/**
 * A publisher whose changes are reviewed and merged on the provider (a
 * GitHub pull request, a GitLab merge request): the portal records the
 * approvals and leaves the merge there; files are the stored, server-rendered
 * ones; change branches are not listed for the orphan sweep.
 */
export abstract class ProviderReviewedPublisher implements ChangePublisher {
  abstract readonly provider: 'github' | 'gitlab';
  abstract readonly target: string;
  abstract publish(change: ChangeToPublish): Promise<PublishedChangeRequest>;
  abstract discard(branch: string): Promise<void>;

  async merge(): Promise<string | undefined> {
    return undefined;
  }

  async files(): Promise<Record<string, string> | undefined> {
    return undefined;
  }

  async branches(): Promise<{ branch: string; committedAt: string }[]> {
    return [];
  }
}
