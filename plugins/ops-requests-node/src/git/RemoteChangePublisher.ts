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
  /** GitHub or GitLab. */
  abstract readonly provider: 'github' | 'gitlab';
  /** The repository's URL, as configured. */
  abstract readonly target: string;
  /** Commits the files on a new branch and opens a pull / merge request for it. */
  abstract publish(change: ChangeToPublish): Promise<PublishedChangeRequest>;
  /** Deletes the branch, which closes its pull / merge request. */
  abstract discard(branch: string): Promise<void>;
  /** Merges the pull / merge request at the reviewed head SHA; refuses if it moved. */
  abstract merge(change: {
    branch: string;
    commit: string;
    message: string;
    url: string;
  }): Promise<string>;

  /** Always undefined: remote files are not read back, the stored rendering is shown. */
  async files(): Promise<Record<string, string> | undefined> {
    return undefined;
  }

  /** A provider that cannot read main: the caller is told it cannot tell. */
  async fileOnMain(_path: string): Promise<string | undefined | null> {
    return null;
  }

  /** A provider that cannot list main: the caller is told it cannot tell. */
  async filesOnMain(
    _folder: string,
  ): Promise<{ commit?: string; files: Record<string, string> } | null> {
    return null;
  }

  /** Always empty: remote branches are not listed for the orphan sweep. */
  async branches(): Promise<{ branch: string; committedAt: string }[]> {
    return [];
  }
}
