import { parseReachQuery } from './reachQuery';

describe('parseReachQuery', () => {
  it('reads both directions, with names, refs, addresses and protocols', () => {
    expect(parseReachQuery('payments-web -> fraud-cases-db:5432')).toEqual({
      from: 'payments-web',
      to: 'fraud-cases-db',
      port: '5432',
    });
    expect(parseReachQuery(' 10.20.3.14:8443 <- payments-web ')).toEqual({
      from: 'payments-web',
      to: '10.20.3.14',
      port: '8443',
    });
    expect(
      parseReachQuery(
        'component:default/payments-web->resource:default/fraud-cases-db:5432',
      ),
    ).toEqual({
      from: 'component:default/payments-web',
      to: 'resource:default/fraud-cases-db',
      port: '5432',
    });
    expect(parseReachQuery('kube-dns:53/UDP <- rules-engine')).toEqual({
      from: 'rules-engine',
      to: 'kube-dns',
      port: '53/UDP',
    });
  });

  it('leaves everything else to the ordinary lookup', () => {
    for (const q of [
      '10.20.3.14',
      'https://api.pay.bank.example:8443/v1',
      'component:default/payments-web',
      'payments-web -> fraud-cases-db',
      'a -> b:port',
      '-> b:443',
    ]) {
      expect(parseReachQuery(q)).toBeUndefined();
    }
  });
});
