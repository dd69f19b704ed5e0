import {
  ChangePublisher,
  ChangeToPublish,
  PublishedChangeRequest,
} from './ChangePublisher';

/**
 * A publisher whose changes are pull / merge requests on a provider: merged
 * through the provider's API with the reviewed head SHA (the provider
 * refuses if the head moved); files are the stored, server-rendered ones;
 * change branches are not listed for the orphan sweep.
 */
export abstract class ProviderReviewedPublisher implements ChangePublisher {
  abstract readonly provider: 'github' | 'gitlab';
  abstract readonly target: string;
  abstract publish(change: ChangeToPublish): Promise<PublishedChangeRequest>;
  abstract discard(branch: string): Promise<void>;
  abstract merge(change: {
    branch: string;
    commit: string;
    message: string;
    url: string;
  }): Promise<string>;

  async files(): Promise<Record<string, string> | undefined> {
    return undefined;
  }

  async branches(): Promise<{ branch: string; committedAt: string }[]> {
    return [];
  }
}
