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
  const reference = image.trim();
  // The library's own pattern backtracks exponentially on some invalid
  // names (`a...a!` takes seconds, longer ones minutes): only a reference
  // the grammar's linear form accepts reaches it.
  const problem = referenceProblem(reference);
  if (problem) {
    return { error: `image "${image}" is not an image reference (${problem})` };
  }
  try {
    return target(
      CONTAINER_IMAGE_ANNOTATION,
      parseFamiliarName(reference).repositoryUrl,
    );
  } catch (error) {
    return {
      error: `image "${image}" is not an image reference (${
        (error as Error).message
      })`,
    };
  }
}

// Docker's reference grammar, each part matched on its own and without
// nested quantifiers that can match nothing: linear in the input.
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST =
  /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** Why the registry (`host[:port]`) is not one, or undefined. */
function domainProblem(domain: string): string | undefined {
  const [host, port, ...rest] = domain.split(':');
  const ok =
    rest.length === 0 &&
    (port === undefined || /^\d{1,5}$/.test(port)) &&
    host.split('.').every(label => DOMAIN_LABEL.test(label));
  return ok ? undefined : `"${domain}" is not a registry`;
}

/** Why the reference breaks Docker's grammar, or undefined when it does not. */
function referenceProblem(reference: string): string | undefined {
  if (reference.length > 512) return 'longer than 512 characters';
  const [nameAndTag, digest, ...more] = reference.split('@');
  if (more.length || (digest !== undefined && !DIGEST.test(digest))) {
    return 'the digest must be algorithm:hex';
  }
  const slash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const tag = colon > slash ? nameAndTag.slice(colon + 1) : undefined;
  const name = colon > slash ? nameAndTag.slice(0, colon) : nameAndTag;
  if (tag !== undefined && !TAG.test(tag)) {
    return 'the tag must be letters, digits, "_", "." or "-"';
  }
  if (name.length > 255) return 'the name is longer than 255 characters';
  const parts = name.split('/');
  const domain =
    parts.length > 1 && /[.:]|^localhost$/.test(parts[0]) ? parts.shift()! : '';
  const problem = domain ? domainProblem(domain) : undefined;
  if (problem) return problem;
  const bad = parts.find(p => !PATH_COMPONENT.test(p));
  return bad === undefined
    ? undefined
    : `"${bad}" must be lower-case letters and digits, separated by ".", "_", "__" or "-"`;
}
