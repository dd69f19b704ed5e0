import { parseFamiliarName } from '@swimlane/docker-reference';

/**
 * The annotation that names the container image a component ships: the
 * image's repository in full (`registry.bank.example/payments/edge`,
 * `docker.io/library/nginx`), without tag or digest.
 *
 * @public
 */
export const CONTAINER_IMAGE_ANNOTATION = 'integrated-ops.io/container-image';

/**
 * A report's component, named by an annotation it carries: the catalog
 * filter to find it, and the label SecOps sees when none does.
 *
 * @public
 */
export interface AnnotatedTarget {
  /** The annotation's key, e.g. `github.com/project-slug`. */
  annotation: string;
  /** Its value on the component, e.g. `northbridge/payments-api`. */
  value: string;
  /** `annotation=value`: what an unrouted report is listed by. */
  label: string;
}

const target = (annotation: string, value: string): AnnotatedTarget => ({
  annotation,
  value,
  label: `${annotation}=${value}`,
});

// GitHub: owner/repo. GitLab: group(/subgroup)*/project. No "." or ".." segment.
const SEGMENT = '(?!\\.{1,2}(?:/|$))[A-Za-z0-9_.-]+';
const GITHUB = new RegExp(`^github\\.com/(${SEGMENT}/${SEGMENT})$`, 'i');
const GITLAB = new RegExp(`^gitlab\\.com/(${SEGMENT}(?:/${SEGMENT})+)$`, 'i');

/**
 * The annotation a source repository is found by: `github.com/<owner>/<repo>`
 * by `github.com/project-slug`, `gitlab.com/<group>/<project>` by
 * `gitlab.com/project-slug`; an https URL or a `.git` ending reads the same.
 * Anything else: why not.
 *
 * @public
 */
export function repositoryTarget(
  repository: string,
): AnnotatedTarget | { error: string } {
  const bare = repository
    .trim()
    .replace(/^https:\/\//i, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '');
  const github = GITHUB.exec(bare);
  if (github) return target('github.com/project-slug', github[1]);
  const gitlab = GITLAB.exec(bare);
  if (gitlab) return target('gitlab.com/project-slug', gitlab[1]);
  return {
    error: `repository "${repository}" is not github.com/<owner>/<repo> or gitlab.com/<group>/<project>`,
  };
}

/**
 * The annotation a scanned image is found by: its repository in full, as
 * Docker reads a reference (`nginx:1.25` is `docker.io/library/nginx`).
 *
 * @public
 */
export function imageTarget(
  image: string,
): AnnotatedTarget | { error: string } {
  try {
    return target(
      CONTAINER_IMAGE_ANNOTATION,
      parseFamiliarName(image.trim()).repositoryUrl,
    );
  } catch (error) {
    return {
      error: `image "${image}" is not an image reference (${
        (error as Error).message
      })`,
    };
  }
}
