import { stringify } from 'yaml';
import { ConnectionSet } from './connections';
import { formatIpRange, parseCidr, parseIpAddress } from './ip';
import { readManifests } from './manifests';
import { workloadId } from './workloads';

const template = (app: string) => ({ metadata: { labels: { app } } });

describe('readManifests', () => {
  it('reads every pod-owning kind (and List items) as a workload', () => {
    const objects = [
      { kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } } },
      {
        kind: 'ReplicaSet',
        metadata: { name: 'rs' },
        spec: { template: template('rs') },
      },
      {
        kind: 'ReplicationController',
        metadata: { name: 'rc' },
        spec: { template: template('rc') },
      },
      {
        kind: 'Deployment',
        metadata: { name: 'd', namespace: 'x' },
        spec: { template: template('d') },
      },
      {
        kind: 'StatefulSet',
        metadata: { name: 'ss' },
        spec: { template: template('ss') },
      },
      {
        kind: 'DaemonSet',
        metadata: { name: 'ds' },
        spec: { template: template('ds') },
      },
      {
        kind: 'Job',
        metadata: { name: 'j' },
        spec: { template: template('j') },
      },
      {
        kind: 'CronJob',
        metadata: { name: 'cj' },
        spec: { jobTemplate: { spec: { template: template('cj') } } },
      },
    ];
    const content =
      stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: objects.slice(0, 4),
      }) +
      objects
        .slice(4)
        .map(o => `---\n${stringify(o)}`)
        .join('');
    const m = readManifests([
      { path: 'a.yaml', content },
      {
        path: 'ns.yaml',
        content: stringify({
          kind: 'Namespace',
          metadata: { name: 'x', labels: { zone: 'z' } },
        }),
      },
    ]);
    expect(m.problems).toEqual([]);
    expect(m.workloads.map(workloadId)).toEqual([
      'default/p[Pod]',
      'default/rs[ReplicaSet]',
      'default/rc[ReplicationController]',
      'x/d[Deployment]',
      'default/ss[StatefulSet]',
      'default/ds[DaemonSet]',
      'default/j[Job]',
      'default/cj[CronJob]',
    ]);
    expect(m.workloads.map(w => w.labels.app)).toEqual([
      'p',
      'rs',
      'rc',
      'd',
      'ss',
      'ds',
      'j',
      'cj',
    ]);
    expect(m.workloads[3].namespaceLabels).toEqual({ zone: 'z' });
  });

  it('counts a Job of a CronJob as the CronJob', () => {
    const m = readManifests([
      {
        path: 'a.yaml',
        content: stringify({
          kind: 'Job',
          metadata: {
            name: 'cj-123',
            ownerReferences: [
              { kind: 'CronJob', name: 'cj', controller: true },
            ],
          },
          spec: { template: template('cj') },
        }),
      },
    ]);
    expect(m.workloads.map(workloadId)).toEqual(['default/cj[CronJob]']);
  });
});

describe('connection sets and addresses', () => {
  it('writes connections sorted by protocol with merged ranges', () => {
    const set = ConnectionSet.of('UDP', 53)
      .union(ConnectionSet.of('TCP', 81, 90))
      .union(ConnectionSet.of('TCP', 80))
      .union(ConnectionSet.of('TCP', 443));
    expect(set.toString()).toBe('TCP 80-90,443,UDP 53');
    expect(set.intersect(ConnectionSet.of('TCP', 85, 500)).toString()).toBe(
      'TCP 85-90,443',
    );
    expect(ConnectionSet.ALL.toString()).toBe('All Connections');
    expect(ConnectionSet.NONE.toString()).toBe('No Connections');
  });

  it('parses CIDRs strictly and masks host bits', () => {
    expect(formatIpRange(parseCidr('10.1.2.3/16')!)).toBe(
      '10.1.0.0-10.1.255.255',
    );
    expect(formatIpRange(parseCidr('0.0.0.0/0')!)).toBe(
      '0.0.0.0-255.255.255.255',
    );
    expect(formatIpRange(parseCidr('2001:db8::/127')!)).toBe(
      '2001:db8::-2001:db8::1',
    );
    for (const bad of [
      '10.0.0.0',
      '10.0.0.0/33',
      '10.0.0/8',
      'x/8',
      '10.0.0.256/8',
    ]) {
      expect([bad, parseCidr(bad)]).toEqual([bad, undefined]);
    }
    expect(parseIpAddress('10.0.0.1')).toEqual({
      family: 4,
      start: 167772161n,
      end: 167772161n,
    });
    expect(parseIpAddress('010.0.0.1')).toBeUndefined();
  });
});
