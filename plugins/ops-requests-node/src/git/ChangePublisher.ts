import { Author } from './LocalGitRepositories';

/**
 * A change to deliver for review: files on a new branch, with a title and description.
 *
 * @public
 */
export interface ChangeToPublish {
  /** The new branch to commit on, e.g. `change/<request id>`; must not exist yet. */
  branch: string;
  /** path → content; null deletes the file (a revocation). */
  files: Record<string, string | null>;
  /** The commit's and pull / merge request's title. */
  title: string;
  /** The pull / merge request's description (locally, the commit message's body). */
  body: string;
  /** Who the commit is by: the requester. */
  author: Author;
}

/**
 * A change published for review: where it is and which files it changes.
 *
 * @public
 */
export interface PublishedChangeRequest {
  /** The repository it is in: the local repository's name, or owner/repo (project path on GitLab). */
  repository: string;
  /** The branch the change is on. */
  branch: string;
  /** The id (SHA) of the reviewed head commit, which merge insists on. */
  commit: string;
  /** Where a reviewer looks: the pull / merge request, or the local repository's name. */
  url: string;
  /** Paths the change writes or deletes. */
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
  /** Where changes go: a local bare repository, GitHub or GitLab. */
  readonly provider: 'local' | 'github' | 'gitlab';
  /** The repository changes go to, for logs (never a server path). */
  readonly target: string;
  /** Commits the files on a new branch and opens it for review (a pull / merge request where remote). */
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
  /**
   * The files on the main branch under a folder (e.g. `kubernetes/`), path →
   * content, with main's commit; empty files when main does not exist yet,
   * null when this provider cannot list main.
   */
  filesOnMain(
    folder: string,
  ): Promise<{ commit?: string; files: Record<string, string> } | null>;
  /** Change branches (prefix "change/") with their commit times, where the provider can list them. */
  branches(prefix: string): Promise<{ branch: string; committedAt: string }[]>;
}
