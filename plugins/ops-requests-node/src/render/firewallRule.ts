import { PortRule } from '@integrated-ops/plugin-ops-requests-common';

/**
 * A firewall change between CIDRs on some ports, as the Terraform renderer
 * takes it.
 *
 * @public
 */
export interface FirewallRuleRequest {
  /** Terraform-safe identifier, e.g. "fraud_case_management_to_fraud_scoring_service". */
  name: string;
  /** Why the access is needed (the request's justification); cut to 255 characters on each rule. */
  description: string;
  /** Where the traffic comes from: one rule per CIDR and port. */
  sourceCidrs: string[];
  /** Where it goes; named in the security group's description. */
  destinationCidrs: string[];
  /** The ports to open; icmp opens every ICMP type. */
  ports: PortRule[];
  /** Tags put on every rule: change id, requester, expiry, owners. */
  tags: Record<string, string>;
}

/**
 * The firewall change as Terraform JSON syntax (`*.tf.json`, which Terraform
 * reads like HCL): one `aws_vpc_security_group_ingress_rule` per source CIDR
 * and port, on the destination segment's security group, which the
 * infrastructure repository defines as a variable per segment. Expiry and
 * change id travel as tags so the revocation job can find the rule.
 *
 * @public
 */
export function firewallRuleTerraform(
  request: FirewallRuleRequest,
  securityGroupVariable: string,
) {
  const resources: Record<string, object> = {};
  request.sourceCidrs.forEach((cidr, i) => {
    request.ports.forEach(port => {
      const suffix =
        port.protocol === 'icmp'
          ? 'icmp'
          : `${port.protocol}_${port.from}${
              port.to !== port.from ? `_${port.to}` : ''
            }`;
      resources[`${request.name}_${i}_${suffix}`] = {
        security_group_id: `\${var.${securityGroupVariable}}`,
        description: request.description.slice(0, 255),
        cidr_ipv4: cidr.includes(':') ? undefined : cidr,
        cidr_ipv6: cidr.includes(':') ? cidr : undefined,
        ip_protocol: port.protocol,
        from_port: port.protocol === 'icmp' ? -1 : port.from,
        to_port: port.protocol === 'icmp' ? -1 : port.to,
        tags: request.tags,
      };
    });
  });
  return {
    variable: {
      [securityGroupVariable]: {
        type: 'string',
        description: `Security group of ${request.destinationCidrs.join(', ')}`,
      },
    },
    resource: { aws_vpc_security_group_ingress_rule: resources },
  };
}

/**
 * A string made safe as a Terraform identifier.
 *
 * @public
 */
export const terraformName = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^([^a-z_])/, '_$1');
