import path from 'node:path';
import { runCli } from './run';

const FIXTURES = path.join(__dirname, '__fixtures__');

function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, {
    cwd: FIXTURES,
    stdout: t => {
      stdout += t;
    },
    stderr: t => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

const evalEstate = (src: string, dst: string, port: string) =>
  cli('eval', '--dir', 'estate', '--src', src, '--dst', dst, '--port', port);

const focused = (name: string, format: string) =>
  cli('list', '--dir', 'estate', '--focus-workload', name, '--format', format);

const lines = (...l: string[]) => l.map(x => `${x}\n`).join('');

// Worked out by hand from the NetworkPolicy API reference (see the comments
// in the fixtures): db is isolated both ways (default-deny), web both ways
// (egress rules without policyTypes), backup for egress, node-agent for
// ingress; ipBlocks cut the outside into ranges.
const ESTATE = [
  '0.0.0.0-255.255.255.255[External] => ops/backup[CronJob] : All Connections',
  '0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : TCP 8080',
  '10.0.0.0-10.0.4.255[External] => data/db[StatefulSet] : TCP 5432',
  '10.0.6.0-10.255.255.255[External] => data/db[StatefulSet] : TCP 5432',
  'ops/backup[CronJob] => 192.168.0.0-192.168.255.255[External] : SCTP 1-65535',
  'ops/backup[CronJob] => data/db[StatefulSet] : TCP 5432-5433',
  'ops/backup[CronJob] => ops/node-agent[DaemonSet] : TCP 9100,UDP 8125',
  'ops/node-agent[DaemonSet] => 0.0.0.0-255.255.255.255[External] : All Connections',
  'ops/node-agent[DaemonSet] => data/db[StatefulSet] : TCP 5432-5433',
  'ops/node-agent[DaemonSet] => ops/backup[CronJob] : All Connections',
  'ops/node-agent[DaemonSet] => shop/web[Deployment] : TCP 8080',
  'shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : TCP 53,UDP 53',
  'shop/web[Deployment] => data/db[StatefulSet] : TCP 5432',
  'shop/web[Deployment] => ops/backup[CronJob] : TCP 53,UDP 53',
];

describe('connectivity list', () => {
  it('lists every allowed connection of a folder (txt)', () => {
    expect(cli('list', '--dir', 'estate')).toEqual({
      code: 0,
      stdout: lines(...ESTATE),
      stderr: '',
    });
  });

  it('focuses on one workload, by name or namespace/name', () => {
    const expected = lines(
      '0.0.0.0-255.255.255.255[External] => ops/backup[CronJob] : All Connections',
      'ops/backup[CronJob] => 192.168.0.0-192.168.255.255[External] : SCTP 1-65535',
      'ops/backup[CronJob] => data/db[StatefulSet] : TCP 5432-5433',
      'ops/backup[CronJob] => ops/node-agent[DaemonSet] : TCP 9100,UDP 8125',
      'ops/node-agent[DaemonSet] => ops/backup[CronJob] : All Connections',
      'shop/web[Deployment] => ops/backup[CronJob] : TCP 53,UDP 53',
    );
    expect(
      cli('list', '--dir', 'estate', '--focus-workload', 'backup').stdout,
    ).toBe(expected);
    expect(
      cli('list', '--dir=estate', '--focus-workload=ops/backup').stdout,
    ).toBe(expected);
  });

  const DB = [
    ['10.0.0.0-10.0.4.255[External]', 'data/db[StatefulSet]', 'TCP 5432'],
    ['10.0.6.0-10.255.255.255[External]', 'data/db[StatefulSet]', 'TCP 5432'],
    ['ops/backup[CronJob]', 'data/db[StatefulSet]', 'TCP 5432-5433'],
    ['ops/node-agent[DaemonSet]', 'data/db[StatefulSet]', 'TCP 5432-5433'],
    ['shop/web[Deployment]', 'data/db[StatefulSet]', 'TCP 5432'],
  ];

  it('writes json, csv and md', () => {
    const json = focused('data/db', 'json');
    expect(JSON.parse(json.stdout)).toEqual(
      DB.map(([src, dst, conn]) => ({ src, dst, conn })),
    );
    expect(focused('db', 'csv').stdout).toBe(
      lines(
        'src,dst,conn',
        '10.0.0.0-10.0.4.255[External],data/db[StatefulSet],TCP 5432',
        '10.0.6.0-10.255.255.255[External],data/db[StatefulSet],TCP 5432',
        'ops/backup[CronJob],data/db[StatefulSet],TCP 5432-5433',
        'ops/node-agent[DaemonSet],data/db[StatefulSet],TCP 5432-5433',
        'shop/web[Deployment],data/db[StatefulSet],TCP 5432',
      ),
    );
    expect(focused('web', 'csv').stdout).toContain(
      'shop/web[Deployment],0.0.0.0-255.255.255.255[External],"TCP 53,UDP 53"\n',
    );
    expect(focused('db', 'md').stdout).toBe(
      lines(
        '| src | dst | conn |',
        '| --- | --- | ---- |',
        '| 10.0.0.0-10.0.4.255[External] | data/db[StatefulSet] | TCP 5432 |',
        '| 10.0.6.0-10.255.255.255[External] | data/db[StatefulSet] | TCP 5432 |',
        '| ops/backup[CronJob] | data/db[StatefulSet] | TCP 5432-5433 |',
        '| ops/node-agent[DaemonSet] | data/db[StatefulSet] | TCP 5432-5433 |',
        '| shop/web[Deployment] | data/db[StatefulSet] | TCP 5432 |',
      ),
    );
  });

  it('reports bad YAML, unknown kinds and malformed policies with file and object, and analyses the rest', () => {
    const { code, stdout, stderr } = cli('list', '--dir', 'broken');
    expect(code).toBe(0);
    expect(stdout).toBe(
      lines(
        '0.0.0.0-255.255.255.255[External] => default/app[Deployment] : TCP 80',
        '0.0.0.0-255.255.255.255[External] => default/lonely[Pod] : All Connections',
        '0.0.0.0-255.255.255.255[External] => default/migrate[Job] : All Connections',
        'default/app[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'default/app[Deployment] => default/lonely[Pod] : All Connections',
        'default/app[Deployment] => default/migrate[Job] : All Connections',
        'default/lonely[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'default/lonely[Pod] => default/app[Deployment] : TCP 80',
        'default/lonely[Pod] => default/migrate[Job] : All Connections',
        'default/migrate[Job] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'default/migrate[Job] => default/app[Deployment] : TCP 80',
        'default/migrate[Job] => default/lonely[Pod] : All Connections',
      ),
    );
    const warnings = stderr.trimEnd().split('\n');
    expect(warnings).toHaveLength(5);
    expect(warnings.slice(0, 2)).toEqual([
      'warning: broken.yaml: Service default/svc: unknown kind Service (not a workload, Namespace or NetworkPolicy); ignored',
      'warning: malformed.yaml: NetworkPolicy default/old: apiVersion extensions/v1beta1 is not networking.k8s.io/v1; ignored',
    ]);
    expect(warnings[2]).toMatch(
      /^warning: unparseable\.YAML: document 1: YAML does not parse: \S/,
    );
    expect(warnings[3]).toMatch(
      /^warning: unparseable\.YAML: document 2: YAML does not parse: .*nowhere/,
    );
    expect(warnings[4]).toBe(
      'warning: malformed.yaml: NetworkPolicy default/bad: spec.ingress[0].ports[0].endPort: 70 must be a port >= port 80; policy ignored',
    );
  });

  it('exits 2 on bad input', () => {
    for (const argv of [
      ['list'],
      ['list', '--dir', 'nowhere'],
      ['list', '--dir', 'estate', '--format', 'xml'],
      ['list', '--dir', 'estate', '--focus-workload', 'nobody'],
      ['list', '--dir', 'estate', '--bogus', 'x'],
      ['list', '--dir'],
      ['frobnicate'],
      [],
    ]) {
      const { code, stdout, stderr } = cli(...argv);
      expect([argv, code, stdout]).toEqual([argv, 2, '']);
      expect(stderr).toMatch(/^error: .*\nusage:/);
    }
  });
});

describe('connectivity eval', () => {
  it('exits 0 and names the rules that allow', () => {
    expect(evalEstate('shop/web', 'data/db', '5432/TCP')).toEqual({
      code: 0,
      stdout: lines(
        'allowed: shop/web[Deployment] => data/db[StatefulSet] : TCP 5432',
        'egress at shop/web[Deployment]: allowed by shop/web-policy egress[0] (policies.yaml)',
        'ingress at data/db[StatefulSet]: allowed by data/db-ingress ingress[0] (policies.yaml)',
      ),
      stderr: '',
    });
    expect(
      evalEstate('ops/backup[CronJob]', '192.168.3.4', '132/sctp'),
    ).toEqual({
      code: 0,
      stdout: lines(
        'allowed: ops/backup[CronJob] => 192.168.3.4[External] : SCTP 132',
        'egress at ops/backup[CronJob]: allowed by ops/backup-egress egress[0] (policies.yaml)',
        'ingress at 192.168.3.4[External]: outside the cluster, no NetworkPolicy applies',
      ),
      stderr: '',
    });
    expect(evalEstate('ops/node-agent', 'ops/backup', '22').stdout).toBe(
      lines(
        'allowed: ops/node-agent[DaemonSet] => ops/backup[CronJob] : TCP 22',
        'egress at ops/node-agent[DaemonSet]: not isolated (no policy selects it for Egress)',
        'ingress at ops/backup[CronJob]: not isolated (no policy selects it for Ingress)',
      ),
    );
  });

  it('exits 1 and names the side that isolates', () => {
    expect(evalEstate('shop/web', 'ops/node-agent', '53/udp')).toEqual({
      code: 1,
      stdout: lines(
        'denied: shop/web[Deployment] => ops/node-agent[DaemonSet] : UDP 53',
        'egress at shop/web[Deployment]: allowed by shop/web-policy egress[1] (policies.yaml)',
        'ingress at ops/node-agent[DaemonSet]: denied: isolated by ops/udp-to-agent (policies.yaml), and no ingress rule allows UDP 53',
      ),
      stderr: '',
    });
    expect(evalEstate('10.0.5.7', 'data/db', '5432')).toEqual({
      code: 1,
      stdout: lines(
        'denied: 10.0.5.7[External] => data/db[StatefulSet] : TCP 5432',
        'egress at 10.0.5.7[External]: outside the cluster, no NetworkPolicy applies',
        'ingress at data/db[StatefulSet]: denied: isolated by data/default-deny (policies.yaml), data/db-ingress (policies.yaml), and no ingress rule allows TCP 5432',
      ),
      stderr: '',
    });
    expect(evalEstate('data/db', 'shop/web', '8080/TCP').code).toBe(1);
  });

  it('exits 2 on bad input', () => {
    for (const argv of [
      ['--src', 'shop/web', '--dst', 'data/db', '--port', '70000/TCP'],
      ['--src', 'shop/web', '--dst', 'data/db', '--port', '80/ICMP'],
      ['--src', 'shop/web', '--dst', 'data/db', '--port', 'http'],
      ['--src', 'nosuch/x', '--dst', 'data/db', '--port', '80'],
      ['--src', 'shop/web', '--port', '80'],
      ['--src', '1.1.1.1', '--dst', '2.2.2.2', '--port', '80'],
      ['--src', '999.1.1.1', '--dst', 'data/db', '--port', '80'],
    ]) {
      const { code, stderr } = cli('eval', '--dir', 'estate', ...argv);
      expect([argv, code]).toEqual([argv, 2]);
      expect(stderr).toMatch(/^error: /);
    }
  });
});

describe('connectivity diff', () => {
  const EXPECTED = [
    'diff-type: removed, source: 0.0.0.0-255.255.255.255[External], destination: default/cache[Deployment], dir1: All Connections, dir2: No Connections',
    'diff-type: added, source: 0.0.0.0-255.255.255.255[External], destination: default/new[ReplicationController], dir1: No Connections, dir2: All Connections',
    'diff-type: removed, source: default/back[Deployment], destination: default/cache[Deployment], dir1: All Connections, dir2: No Connections',
    'diff-type: added, source: default/back[Deployment], destination: default/new[ReplicationController], dir1: No Connections, dir2: All Connections',
    'diff-type: added, source: default/cache[Deployment], destination: default/new[ReplicationController], dir1: No Connections, dir2: All Connections',
    'diff-type: removed, source: default/front[Deployment], destination: 10.1.0.0-10.1.255.255[External], dir1: All Connections, dir2: No Connections',
    'diff-type: added, source: default/front[Deployment], destination: 192.168.0.0-192.168.255.255[External], dir1: No Connections, dir2: TCP 443',
    'diff-type: changed, source: default/front[Deployment], destination: default/back[Deployment], dir1: TCP 8080, dir2: TCP 8080,9090',
    'diff-type: removed, source: default/front[Deployment], destination: default/cache[Deployment], dir1: All Connections, dir2: No Connections',
    'diff-type: added, source: default/front[Deployment], destination: default/new[ReplicationController], dir1: No Connections, dir2: All Connections',
    'diff-type: added, source: default/new[ReplicationController], destination: 0.0.0.0-255.255.255.255[External], dir1: No Connections, dir2: All Connections',
    'diff-type: added, source: default/new[ReplicationController], destination: default/front[Deployment], dir1: No Connections, dir2: All Connections',
  ];

  it('lists added, removed and changed connections', () => {
    expect(
      cli('diff', '--dir1', 'diff-before', '--dir2', 'diff-after'),
    ).toEqual({
      code: 0,
      stdout: lines(...EXPECTED),
      stderr: '',
    });
  });

  it('is empty between a folder and itself, and writes csv', () => {
    expect(cli('diff', '--dir1', 'estate', '--dir2', 'estate')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    const csv = cli(
      'diff',
      '--dir1',
      'diff-before',
      '--dir2',
      'diff-after',
      '--format',
      'csv',
    ).stdout.split('\n');
    expect(csv[0]).toBe('diff-type,source,destination,dir1,dir2');
    expect(csv).toContain(
      'changed,default/front[Deployment],default/back[Deployment],TCP 8080,"TCP 8080,9090"',
    );
  });

  it('exits 2 without both folders', () => {
    expect(cli('diff', '--dir1', 'estate').code).toBe(2);
  });
});
