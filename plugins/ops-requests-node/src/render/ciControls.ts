import { SecurityControl } from '@integrated-ops/plugin-ops-requests-common';
import { stringify } from 'yaml';

/**
 * GitHub Actions jobs for the pipeline's security controls, each pinned to a
 * maintained scanner: Semgrep (SAST), Trivy (dependencies and container
 * image) and Gitleaks (secrets). Controls that are not CI jobs (secrets
 * management, TLS, WAF) are declared in security/controls.yaml.
 */
const JOBS: Partial<Record<SecurityControl, object>> = {
  sast: {
    name: 'SAST (Semgrep)',
    'runs-on': 'ubuntu-latest',
    container: { image: 'semgrep/semgrep' },
    steps: [
      { uses: 'actions/checkout@v4' },
      { run: 'semgrep scan --config auto --error' },
    ],
  },
  'dependency-scan': {
    name: 'Dependency scan (Trivy)',
    'runs-on': 'ubuntu-latest',
    steps: [
      { uses: 'actions/checkout@v4' },
      {
        uses: 'aquasecurity/trivy-action@0.28.0',
        with: {
          'scan-type': 'fs',
          'exit-code': '1',
          severity: 'HIGH,CRITICAL',
        },
      },
    ],
  },
  'image-scan': {
    name: 'Container image scan (Trivy)',
    'runs-on': 'ubuntu-latest',
    steps: [
      { uses: 'actions/checkout@v4' },
      { run: 'docker build -t ${{ github.repository }}:${{ github.sha }} .' },
      {
        uses: 'aquasecurity/trivy-action@0.28.0',
        with: {
          'image-ref': '${{ github.repository }}:${{ github.sha }}',
          'exit-code': '1',
          severity: 'HIGH,CRITICAL',
        },
      },
    ],
  },
  'secret-scan': {
    name: 'Secret scan (Gitleaks)',
    'runs-on': 'ubuntu-latest',
    steps: [
      { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } },
      {
        uses: 'gitleaks/gitleaks-action@v2',
        env: { GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}' },
      },
    ],
  },
};

/**
 * The security controls enforced by a CI job.
 *
 * @public
 */
export const CI_CONTROLS = Object.keys(JOBS) as SecurityControl[];

/**
 * The security workflow for the chosen controls; undefined when none is a CI job.
 *
 * @public
 */
export function securityWorkflow(
  controls: SecurityControl[],
): string | undefined {
  const jobs = Object.fromEntries(
    controls.filter(c => JOBS[c]).map(c => [c, JOBS[c]]),
  );
  if (!Object.keys(jobs).length) return undefined;
  return stringify(
    {
      name: 'security',
      on: { push: { branches: ['main'] }, pull_request: {} },
      permissions: { contents: 'read', 'security-events': 'write' },
      jobs,
    },
    { lineWidth: 0 },
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
