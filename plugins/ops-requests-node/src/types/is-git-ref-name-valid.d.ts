declare module 'is-git-ref-name-valid' {
  /** git check-ref-format's rules; `onelevel` allows names without a slash. */
  export default function isGitRefNameValid(
    name: string,
    onelevel?: boolean,
  ): boolean;
}
