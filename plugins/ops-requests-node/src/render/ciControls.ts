import { SecurityControl } from '@integrated-ops/plugin-ops-requests-common';
import { stringify } from 'yaml';

/**
 * Third-party actions, each pinned by its full commit SHA (a tag can be
 * moved; a commit cannot), the version it is said in a comment beside it.
 */
const PINNED = {
  checkout: {
    uses: 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
    version: 'v4.2.2',
  },
  trivy: {
    uses: 'aquasecurity/trivy-action@ed142fd0673e97e23eac54620cfb913e5ce36c25',
    version: 'v0.36.0',
  },
  gitleaks: {
    uses: 'gitleaks/gitleaks-action@ff98106e4c7b2bc287b24eaf42907196329070c7',
    version: 'v2.3.9',
  },
};

const checkout = (fetchDepth?: number) => ({
  uses: PINNED.checkout.uses,
  ...(fetchDepth !== undefined ? { with: { 'fetch-depth': fetchDepth } } : {}),
});

/**
 * Posts one scanner's SARIF to the portal (POST
 * /api/security-findings/reports), gzipped, with the repository's
 * SECURITY_REPORTS_TOKEN secret (an external-access token whose subject is
 * a reporter) and the PORTAL_URL variable; also when the scan failed the
 * build, for the findings are what failed it.
 */
const report = (component: string, tool: string, file: string) => ({
  name: `Report ${tool} findings to the portal`,
  if: 'always()',
  env: {
    PORTAL_URL: '${{ vars.PORTAL_URL }}',
    SECURITY_REPORTS_TOKEN: '${{ secrets.SECURITY_REPORTS_TOKEN }}',
  },
  run: [
    `test -s ${file} || { echo "${file} missing: the scan did not run"; exit 1; }`,
    `gzip -c ${file} | curl --fail-with-body -sS -X POST \\`,
    `  "$PORTAL_URL/api/security-findings/reports?entity=${encodeURIComponent(
      component,
    )}&tool=${tool}&format=sarif" \\`,
    '  -H "Authorization: Bearer $SECURITY_REPORTS_TOKEN" \\',
    '  -H "Content-Type: application/json" -H "Content-Encoding: gzip" \\',
    '  --data-binary @-',
  ].join('\n'),
});

/** Trivy twice: the full report as SARIF for the portal, then the gate on HIGH and CRITICAL. */
const trivy = (component: string, tool: string, target: object) => [
  {
    name: `Trivy (${tool}): full report`,
    uses: PINNED.trivy.uses,
    with: {
      ...target,
      format: 'sarif',
      output: `${tool}.sarif`,
      'exit-code': '0',
    },
  },
  report(component, tool, `${tool}.sarif`),
  {
    name: `Trivy (${tool}): fail on HIGH and CRITICAL`,
    uses: PINNED.trivy.uses,
    with: { ...target, 'exit-code': '1', severity: 'HIGH,CRITICAL' },
  },
];

/**
 * GitHub Actions jobs for the pipeline's security controls, each with a
 * maintained scanner: Semgrep (SAST), Trivy (dependencies and container
 * image) and Gitleaks (secrets), each reporting its SARIF to the portal.
 * Controls that are not CI jobs (secrets management, TLS, WAF) are
 * declared in security/controls.yaml.
 */
const jobsFor = (
  component: string,
): Partial<Record<SecurityControl, object>> => ({
  sast: {
    name: 'SAST (Semgrep)',
    'runs-on': 'ubuntu-latest',
    steps: [
      checkout(),
      {
        name: 'Semgrep',
        run: 'docker run --rm -v "$PWD:/src" -w /src semgrep/semgrep semgrep scan --config auto --sarif --output semgrep.sarif --error',
      },
      report(component, 'semgrep', 'semgrep.sarif'),
    ],
  },
  'dependency-scan': {
    name: 'Dependency scan (Trivy)',
    'runs-on': 'ubuntu-latest',
    steps: [checkout(), ...trivy(component, 'trivy-fs', { 'scan-type': 'fs' })],
  },
  'image-scan': {
    name: 'Container image scan (Trivy)',
    'runs-on': 'ubuntu-latest',
    steps: [
      checkout(),
      { run: 'docker build -t ${{ github.repository }}:${{ github.sha }} .' },
      ...trivy(component, 'trivy-image', {
        'image-ref': '${{ github.repository }}:${{ github.sha }}',
      }),
    ],
  },
  'secret-scan': {
    name: 'Secret scan (Gitleaks)',
    'runs-on': 'ubuntu-latest',
    steps: [
      checkout(0),
      {
        name: 'Gitleaks',
        uses: PINNED.gitleaks.uses,
        env: {
          GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}',
          GITLEAKS_LICENSE: '${{ secrets.GITLEAKS_LICENSE }}',
        },
      },
      report(component, 'gitleaks', 'results.sarif'),
    ],
  },
});

/**
 * The security controls enforced by a CI job.
 *
 * @public
 */
export const CI_CONTROLS = Object.keys(jobsFor('')) as SecurityControl[];

/**
 * The security workflow for the chosen controls of a component (its entity
 * ref, which the reports name); undefined when none is a CI job. Every
 * third-party action is pinned by commit SHA, its version in a comment.
 *
 * @public
 */
export function securityWorkflow(
  controls: SecurityControl[],
  component: string,
): string | undefined {
  const all = jobsFor(component);
  const jobs = Object.fromEntries(
    controls.filter(c => all[c]).map(c => [c, all[c]]),
  );
  if (!Object.keys(jobs).length) return undefined;
  const text = stringify(
    {
      name: 'security',
      on: { push: { branches: ['main'] }, pull_request: {} },
      permissions: { contents: 'read', 'security-events': 'write' },
      jobs,
    },
    { lineWidth: 0 },
  );
  // The version beside each pinned commit, as a comment for people.
  return Object.values(PINNED).reduce(
    (out, pin) =>
      out
        .split(`uses: ${pin.uses}\n`)
        .join(`uses: ${pin.uses} # ${pin.version}\n`),
    text,
  );
}

/**
 * A component's declared security controls and exceptions, as committed to
 * its repository.
 *
 * @public
 */
export interface ControlsDeclaration {
  /** The component's name, as the manifest's metadata.component. */
  component: string;
  /** Version of the policy the controls were chosen under. */
  policyVersion: string;
  /** The controls the component applies. */
  controls: SecurityControl[];
  /** Controls not applied, each with the justification and, if it lapses, when (ISO date-time). */
  exceptions: {
    control: SecurityControl;
    justification: string;
    expiresAt?: string;
  }[];
  /** Compliance tags the component falls under (e.g. pci-dss); empty when none. */
  compliance: string[];
}

/**
 * security/controls.yaml: every control, exception and compliance tag, for review and audit.
 *
 * @public
 */
export function controlsManifest(declaration: ControlsDeclaration): string {
  return stringify(
    {
      apiVersion: 'integrated-ops.io/v1',
      kind: 'SecurityControls',
      metadata: { component: declaration.component },
      spec: {
        policyVersion: declaration.policyVersion,
        controls: declaration.controls,
        exceptions: declaration.exceptions,
        compliance: declaration.compliance,
      },
    },
    { lineWidth: 0 },
  );
}
