#!/usr/bin/env node
/*
 * Our plugins as another team's Backstage takes them: every plugin is built
 * (`backstage-cli repo build`) and packed (`yarn pack`, which runs
 * `backstage-cli package prepack`) into a tarball; then a minimal Backstage
 * backend in an empty directory outside this workspace depends on those
 * tarballs and on stock `@backstage/*` packages only, starts on a free port
 * with a tiny catalog of its own on the local PostgreSQL, and must answer a
 * lookup with the three typed owners. Nothing of this repository is on its
 * module path. Its install reuses the yarn cache: this repository's
 * yarn.lock is copied in so that the stock packages resolve to versions the
 * cache holds (the registry would serve the same packages, slower).
 *
 * Usage: node e2e/elsewhere/installElsewhere.mjs   (from ./portalw test)
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const yarnJs = join(root, '.yarn/releases/yarn-4.13.0.cjs');
const say = m => console.log(`install elsewhere: ${m}`);
const started = Date.now();
const seconds = since => `${((Date.now() - since) / 1000).toFixed(0)} s`;
const prefix = 'iop_elsewhere_';
const readJson = file => JSON.parse(readFileSync(file, 'utf8'));

function run(command, args, options = {}) {
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

// 1. Build and pack every plugin.
const plugins = readdirSync(join(root, 'plugins'))
  .filter(dir => existsSync(join(root, 'plugins', dir, 'package.json')))
  .map(dir => ({
    dir,
    name: readJson(join(root, 'plugins', dir, 'package.json')).name,
  }));
const work = mkdtempSync(join(tmpdir(), 'portal-elsewhere-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
if (process.env.PORTAL_PREBUILT) {
  say(`${plugins.length} plugins built by the build step`);
} else {
  say(`building ${plugins.length} plugins (backstage-cli repo build)`);
  run('node', [yarnJs, 'backstage-cli', 'repo', 'build'], { cwd: root });
  say(`built (${seconds(started)})`);
}
const packStarted = Date.now();
// Each pack is mostly start-up (yarn, then backstage-cli prepack): three at a time.
const pack = ({ dir, name }) =>
  new Promise((res, rej) => {
    const out = join(tarballs, `${dir}.tgz`);
    const child = spawn(
      'node',
      [yarnJs, 'workspace', name, 'pack', '--out', out],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child.on('error', rej);
    child.on('exit', code =>
      code === 0 ? res() : rej(new Error(`yarn pack of ${name}: exit ${code}`)),
    );
  });
const queue = [...plugins];
await Promise.all(
  [1, 2, 3].map(async () => {
    for (let next; (next = queue.shift()); ) await pack(next);
  }),
);
say(`packed ${plugins.length} tarballs (${seconds(packStarted)})`);

// 2. Someone else's backend: stock packages and our tarballs, nothing else.
const app = join(work, 'backstage');
mkdirSync(app);
const ours = Object.fromEntries(
  plugins.map(({ dir, name }) => [
    name,
    `file:${join(tarballs, `${dir}.tgz`)}`,
  ]),
);
const stockVersion = name =>
  readJson(join(root, 'packages/backend/package.json')).dependencies[name];
const stock = [
  '@backstage/backend-defaults',
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-auth-backend',
  '@backstage/plugin-auth-backend-module-guest-provider',
];
writeFileSync(
  join(app, 'package.json'),
  JSON.stringify(
    {
      name: 'another-teams-backstage',
      private: true,
      dependencies: {
        ...Object.fromEntries(stock.map(n => [n, stockVersion(n)])),
        '@integrated-ops/plugin-integrated-ops-backend':
          ours['@integrated-ops/plugin-integrated-ops-backend'],
        '@integrated-ops/plugin-catalog-backend-module-integrated-ops':
          ours['@integrated-ops/plugin-catalog-backend-module-integrated-ops'],
      },
      // Our packages depend on each other by version; here they are tarballs.
      resolutions: {
        ...readJson(join(root, 'package.json')).resolutions,
        ...ours,
      },
    },
    null,
    2,
  ),
);
writeFileSync(
  join(app, '.yarnrc.yml'),
  'nodeLinker: node-modules\nenableScripts: false\nenableTelemetry: false\n',
);
copyFileSync(join(root, 'yarn.lock'), join(app, 'yarn.lock'));
writeFileSync(
  join(app, 'index.js'),
  `// The backend of a Backstage that adds the integrated-ops plugins.
const { createBackend } = require('@backstage/backend-defaults');
const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@integrated-ops/plugin-catalog-backend-module-integrated-ops'));
backend.add(import('@integrated-ops/plugin-integrated-ops-backend'));
backend.start();
`,
);
const installStarted = Date.now();
run('node', [yarnJs, 'install'], {
  cwd: app,
  env: { ...process.env, YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' },
  stdio: 'pipe',
});
say(`yarn install in ${app} (${seconds(installStarted)})`);
const inTree = readdirSync(join(app, 'node_modules/@integrated-ops'));
say(`node_modules/@integrated-ops: ${inTree.join(', ')}`);

// 3. A tiny catalog: three teams and a service at 10.99.0.7.
const team = (name, discipline) => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: ${name} }
spec:
  type: team
  children: []
  opsTeam: { discipline: ${discipline} }
`;
writeFileSync(
  join(app, 'catalog.yaml'),
  [
    team('edge-network', 'netops'),
    team('payments-sre', 'devops'),
    team('soc', 'secops'),
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger }
spec:
  type: service
  lifecycle: production
  owner: group:default/payments-sre
  opsOwners:
    netops: group:default/edge-network
    devops: group:default/payments-sre
    secops: group:default/soc
  network: { addresses: [10.99.0.7] }
`,
  ].join('---\n'),
);
const port = await new Promise(res => {
  const probe = createServer().listen(0, () => {
    const { port: free } = probe.address();
    probe.close(() => res(free));
  });
});
const base = `http://localhost:${port}`;
writeFileSync(
  join(app, 'app-config.yaml'),
  `app: { baseUrl: ${base} }
backend:
  baseUrl: ${base}
  listen: { port: ${port} }
  database:
    client: pg
    prefix: ${prefix}
    connection:
      host: ${process.env.PGHOST ?? '127.0.0.1'}
      port: ${process.env.PGPORT ?? '5432'}
      user: ${process.env.PGUSER ?? 'postgres'}
auth:
  environment: development
  providers: { guest: {} }
catalog:
  rules: [{ allow: [Component, Group, User, System, Resource, Location] }]
  locations: [{ type: file, target: ./catalog.yaml }]
integratedOps:
  lookup: { refreshSeconds: 2 }
`,
);

// 4. Start it; a guest asks who owns 10.99.0.7.
const reset = () =>
  run('node', [join(root, 'e2e/reset-postgres.mjs'), prefix], {
    env: {
      ...process.env,
      PGHOST: process.env.PGHOST ?? '127.0.0.1',
      PGPORT: process.env.PGPORT ?? '5432',
      PGUSER: process.env.PGUSER ?? 'postgres',
    },
  });
reset();
const logFile = join(root, 'e2e-logs/install-elsewhere.log');
mkdirSync(dirname(logFile), { recursive: true });
const log = [];
const server = spawn(
  process.execPath,
  ['index.js', '--config', 'app-config.yaml'],
  { cwd: app, env: { ...process.env, NODE_ENV: 'development' } },
);
server.stdout.on('data', d => log.push(d));
server.stderr.on('data', d => log.push(d));
let failed;
try {
  const end = Date.now() + 120_000;
  let owners;
  let last = 'no answer yet';
  while (!owners) {
    if (Date.now() > end) throw new Error(`no lookup answer: ${last}`);
    if (server.exitCode !== null) {
      throw new Error(`the backend exited (${server.exitCode})`);
    }
    await new Promise(r => setTimeout(r, 1000));
    try {
      const refresh = await fetch(`${base}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      const token = (await refresh.json()).backstageIdentity?.token;
      const res = await fetch(`${base}/api/integrated-ops/lookup?q=10.99.0.7`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await res.json();
      last = `${res.status} ${JSON.stringify(body).slice(0, 200)}`;
      const answer = body.matches?.[0]?.answer;
      if (answer?.owners?.secops?.ownerRef) {
        owners = ['netops', 'devops', 'secops'].map(
          d => answer.owners[d].ownerRef,
        );
        say(`10.99.0.7 -> ${answer.entity.ref}: ${owners.join(', ')}`);
      }
    } catch (error) {
      last = String(error);
    }
  }
  const expected = [
    'group:default/edge-network',
    'group:default/payments-sre',
    'group:default/soc',
  ];
  if (owners.join() !== expected.join()) {
    throw new Error(`owners ${owners.join()}, expected ${expected.join()}`);
  }
} catch (error) {
  failed = error;
}
server.kill('SIGTERM');
await new Promise(res => server.once('exit', res));
writeFileSync(logFile, Buffer.concat(log));
reset();
if (failed) {
  console.error(
    `install elsewhere: FAILED: ${failed.message}; backend log: ${logFile}; kept: ${work}`,
  );
  process.exit(1);
}
rmSync(work, { recursive: true, force: true });
say(`ok (${seconds(started)} in all)`);
