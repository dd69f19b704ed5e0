import { Author } from './LocalGitRepositories';

/**
 * A change to deliver for review: files on a new branch, with a title and description.
 *
 * @public
 */
export interface ChangeToPublish {
  branch: string;
  /** path → content; null deletes the file (a revocation). */
  files: Record<string, string | null>;
  title: string;
  body: string;
  author: Author;
}

/**
 * A change published for review: where it is and which files it changes.
 *
 * @public
 */
export interface PublishedChangeRequest {
  repository: string;
  branch: string;
  commit: string;
  /** Where a reviewer looks: the pull / merge request, or the local repository's name. */
  url: string;
  files: string[];
}

/**
 * Delivers a change as a reviewable change request: a branch of the local
 * infrastructure repository (embedded default), a GitHub pull request or a
 * GitLab merge request (`integratedOps.gitops.provider`). Only the backend
 * publishes: callers send an intent, never a branch.
 *
 * @public
 */
export interface ChangePublisher {
  readonly provider: 'local' | 'github' | 'gitlab';
  /** The repository changes go to, for logs (never a server path). */
  readonly target: string;
  publish(change: ChangeToPublish): Promise<PublishedChangeRequest>;
  /** Removes a change branch nobody will review (a request that was never filed, or was refused). */
  discard(branch: string): Promise<void>;
  /**
   * Merges exactly the reviewed commit, refusing with a ConflictError if the
   * branch (or pull / merge request head) moved since; the merge commit's id.
   */
  merge(change: {
    branch: string;
    commit: string;
    message: string;
    /** The pull / merge request (remote providers). */
    url: string;
  }): Promise<string>;
  /** The change's files read from git at the commit; undefined where not readable here. */
  files(commit: string): Promise<Record<string, string> | undefined>;
  /**
   * A file on the main branch: its content, undefined when main holds no
   * such file, null when this provider cannot tell.
   */
  fileOnMain(path: string): Promise<string | undefined | null>;
  /** Change branches (prefix "change/") with their commit times, where the provider can list them. */
  branches(prefix: string): Promise<{ branch: string; committedAt: string }[]>;
}
