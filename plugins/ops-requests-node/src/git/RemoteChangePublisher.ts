import {
  ChangePublisher,
  ChangeToPublish,
  PublishedChangeRequest,
} from './ChangePublisher';

/**
 * What GitHub and GitLab changes share: they are pull / merge requests
 * (each publisher merges through its provider's API with the reviewed head
 * SHA); their files are not read back (the stored, server-rendered ones are
 * shown); their branches are not listed for the orphan sweep.
 *
 * @public
 */
export abstract class RemoteChangePublisher implements ChangePublisher {
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

  /** A provider that cannot read main: the caller is told it cannot tell. */
  async fileOnMain(_path: string): Promise<string | undefined | null> {
    return null;
  }

  async branches(): Promise<{ branch: string; committedAt: string }[]> {
    return [];
  }
}
