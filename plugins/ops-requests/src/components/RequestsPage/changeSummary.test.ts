import { changeSummary } from './changeSummary';

describe('changeSummary', () => {
  it('names the files, and the CIDRs and namespaces that manifests and Terraform JSON open', () => {
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-case-management-ui
  namespace: fraud
spec:
  podSelector: { matchLabels: { app: fraud-scoring-service } }
  ingress:
    - from:
        - ipBlock: { cidr: 10.30.8.0/24 }
        - namespaceSelector:
            matchLabels: { kubernetes.io/metadata.name: case-mgmt }
      ports: [{ port: 443, protocol: TCP }]
---
kind: ConfigMap
metadata: { name: x, namespace: fraud }
`;
    expect(
      changeSummary({
        'kubernetes/fraud/allow.yaml': policy,
        'firewall/fraud.tf.json':
          '{"resource": {"r": {"a": {"cidr_ipv4": "10.30.8.0/24"}, "b": {"cidr_ipv6": "fd00::/64"}}}}',
        'README.md': 'cidr: 0.0.0.0/0',
        'broken.yaml': 'a: [unclosed',
      }),
    ).toEqual({
      files: [
        'README.md',
        'broken.yaml',
        'firewall/fraud.tf.json',
        'kubernetes/fraud/allow.yaml',
      ],
      cidrs: ['10.30.8.0/24', 'fd00::/64'],
      namespaces: ['case-mgmt', 'fraud'],
    });
  });
});
