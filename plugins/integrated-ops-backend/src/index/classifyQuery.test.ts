import { classifyQuery } from './classifyQuery';

describe('classifyQuery', () => {
  it.each([
    ['10.20.3.14', { kind: 'ip', address: '10.20.3.14' }],
    [' 10.20.3.14 ', { kind: 'ip', address: '10.20.3.14' }],
    ['2001:DB8::1', { kind: 'ip', address: '2001:db8::1' }],
    ['::ffff:10.20.3.14', { kind: 'ip', address: '10.20.3.14' }],
    [
      '10.20.3.0/24',
      { kind: 'cidr', cidr: '10.20.3.0/24', network: '10.20.3.0' },
    ],
    [
      '2001:DB8::/32',
      { kind: 'cidr', cidr: '2001:db8::/32', network: '2001:db8::' },
    ],
    ['10.20.3.0/99', { kind: 'name', name: '10.20.3.0/99' }],
    [
      'https://API.pay.bank.example/v2/payments?x=1',
      { kind: 'url', hostname: 'api.pay.bank.example' },
    ],
    ['http://10.20.1.10:8443/health', { kind: 'ip', address: '10.20.1.10' }],
    [
      'component:default/payments-web',
      { kind: 'ref', ref: 'component:default/payments-web' },
    ],
    [
      'Resource:seg-pci-app',
      { kind: 'ref', ref: 'resource:default/seg-pci-app' },
    ],
    [
      'features.ml.bank.internal',
      { kind: 'hostname', hostname: 'features.ml.bank.internal' },
    ],
    [
      'kafka-payments.stream.bank.internal:9093',
      { kind: 'hostname', hostname: 'kafka-payments.stream.bank.internal' },
    ],
    // As alerts and log lines carry them.
    ['10.20.3.14:8443', { kind: 'ip', address: '10.20.3.14' }],
    ['[2001:db8::1]:443', { kind: 'ip', address: '2001:db8::1' }],
    ['[2001:db8::1]', { kind: 'ip', address: '2001:db8::1' }],
    [
      'api.pay.bank.example.',
      { kind: 'hostname', hostname: 'api.pay.bank.example' },
    ],
    [
      'api.pay.bank.example.:443',
      { kind: 'hostname', hostname: 'api.pay.bank.example' },
    ],
    ['[not-an-ip]:443', { kind: 'name', name: '[not-an-ip]:443' }],
    ['Fraud-Scoring-Service', { kind: 'name', name: 'fraud-scoring-service' }],
    ['10', { kind: 'name', name: '10' }],
  ])('%s', (input, expected) => {
    expect(classifyQuery(input)).toEqual(expected);
  });
});
