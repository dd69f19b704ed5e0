import { Author } from '@internal/plugin-integrated-ops-node';

/** A change to deliver for review: files on a new branch, with a title and description. */
export interface ChangeToPublish {
  branch: string;
  files: Record<string, string>;
  title: string;
  body: string;
  author: Author;
}

export interface PublishedChangeRequest {
  repository: string;
  branch: string;
  commit: string;
  /** Where a reviewer looks: the pull / merge request, or the local repository's path. */
  url: string;
  files: string[];
}

/**
 * Delivers a change as a reviewable change request: a branch of the local
 * infrastructure repository (embedded default), a GitHub pull request or a
 * GitLab merge request (`integratedOps.gitops.provider`).
 */
export interface ChangePublisher {
  readonly provider: 'local' | 'github' | 'gitlab';
  /** The repository changes go to, for logs and dry runs. */
  readonly target: string;
  publish(change: ChangeToPublish): Promise<PublishedChangeRequest>;
}
