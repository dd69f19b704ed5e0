import { RiskFinding } from '@integrated-ops/plugin-ops-requests-common';
import { stringify } from 'yaml';

/**
 * The file a risk acceptance lands as in the infrastructure repository,
 * beside the component's security controls: the finding (as the
 * security-findings plugin answered it), who asked, why and until when.
 * One file per finding: a second acceptance of the same finding rewrites it.
 */
export function renderRiskAcceptance(options: {
  component: { entityRef: string; name: string };
  finding: RiskFinding;
  justification: string;
  expiresAt: string;
  requestedBy: string;
  policyVersion: string;
}): Record<string, string> {
  const { component, finding } = options;
  const path = `components/${component.name}/security/risk-acceptances/finding-${finding.id}.yaml`;
  const document = {
    apiVersion: 'integrated-ops.io/v1',
    kind: 'RiskAcceptance',
    metadata: { name: `finding-${finding.id}`, component: component.entityRef },
    spec: {
      finding: {
        id: finding.id,
        tool: finding.tool,
        rule: finding.ruleId,
        severity: finding.severity,
        discipline: finding.discipline,
        title: finding.title,
      },
      acceptedUntil: options.expiresAt,
      requestedBy: options.requestedBy,
      justification: options.justification,
      policyVersion: options.policyVersion,
    },
  };
  return {
    [path]: `# Risk accepted through a change request of the Integrated Ops Portal:\n# the finding stops counting against its SLA until acceptedUntil.\n${stringify(
      document,
    )}`,
  };
}
