#!/usr/bin/env node
/*
 * The production artifact, exactly as packages/backend/Dockerfile builds and
 * runs it, without Docker (no daemon here): `yarn build:backend`, then the
 * Dockerfile's own ENV / COPY / RUN steps in an empty directory (production
 * dependencies only), then its CMD - `node packages/backend --config
 * app-config.yaml --config app-config.production.yaml` - against the local
 * PostgreSQL. Passes when the portal serves the built frontend and a lookup
 * answers with the sample estate's three typed owners. Steps that install
 * system packages (apt-get) are left to the machine.
 *
 * Usage: node e2e/production/dockerfileSteps.mjs  (PGHOST / PGPORT / PGUSER)
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const yarnJs = join(root, '.yarn/releases/yarn-4.13.0.cjs');
const port = Number(process.env.PORTAL_ARTIFACT_PORT ?? 7207);
const prefix = 'iop_artifact_';
const started = Date.now();
const seconds = since => `${Math.round((Date.now() - since) / 1000)} s`;
const say = message => console.log(`production artifact: ${message}`);

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(file) {
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'));
  return lines.map(l => {
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(l);
    return { op: op.toUpperCase(), args: rest };
  });
}

function run(command, args, options) {
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

// 1. The build the Dockerfile expects on the host (./portalw test built it
// already, with every package: PORTAL_PREBUILT).
if (process.env.PORTAL_PREBUILT) {
  say('the backend bundle built by the build step');
} else {
  say('yarn build:backend');
  run('node', [yarnJs, 'build:backend'], { cwd: root });
}

// 2. Its steps, in an empty directory standing for WORKDIR.
const app = mkdtempSync(join(tmpdir(), 'portal-artifact-'));
const shims = join(app, '.shims');
mkdirSync(shims);
writeFileSync(join(shims, 'yarn'), `#!/bin/sh\nexec node "${yarnJs}" "$@"\n`);
chmodSync(join(shims, 'yarn'), 0o755);
let workdir = '/app';
const env = { ...process.env, PATH: `${shims}:${process.env.PATH}` };
const dockerEnv = {};
const local = path =>
  path.startsWith(workdir)
    ? join(app, path.slice(workdir.length))
    : join(app, path);
let cmd;
const installStarted = Date.now();
for (const { op, args } of instructions(
  join(root, 'packages/backend/Dockerfile'),
)) {
  if (op === 'WORKDIR') workdir = args;
  else if (op === 'ENV') {
    for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) {
      env[key] = value.startsWith('/') ? local(value) : value;
      dockerEnv[key] = env[key];
    }
  } else if (op === 'COPY') {
    const parts = args.split(/\s+/).filter(p => !p.startsWith('--'));
    const dest = parts.pop();
    for (const src of parts) {
      const target = dest.endsWith('/')
        ? join(local(dest), src.split('/').pop())
        : local(dest);
      cpSync(join(root, src), target, { recursive: true });
    }
  } else if (op === 'RUN') {
    const script = args.replace(/--mount=\S+\s*/g, '');
    if (script.includes('apt-get')) continue; // system packages: the machine's
    say(`RUN ${script}`);
    run('bash', ['-c', script], { cwd: app, env });
  } else if (op === 'CMD') cmd = JSON.parse(args);
}
say(`installed in ${app} (${seconds(installStarted)})`);

// 3. Its CMD against the local PostgreSQL, on a fresh set of databases.
const pg = {
  POSTGRES_HOST: process.env.PGHOST ?? '127.0.0.1',
  POSTGRES_PORT: process.env.PGPORT ?? '5432',
  POSTGRES_USER: process.env.PGUSER ?? 'postgres',
  POSTGRES_DB_PREFIX: prefix,
};
const reset = () =>
  run('node', [join(root, 'e2e/reset-postgres.mjs'), prefix], {
    env: {
      ...process.env,
      PGHOST: pg.POSTGRES_HOST,
      PGPORT: pg.POSTGRES_PORT,
      PGUSER: pg.POSTGRES_USER,
    },
  });
reset();

// Without the identity provider's and the session's settings it must not
// start on development values: it stops at once, naming each of them.
{
  const started = Date.now();
  const refused = spawnSync(cmd[0], cmd.slice(1), {
    cwd: app,
    env: { ...env, ...pg, APP_CONFIG_backend_listen_port: String(port) },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${refused.stdout}${refused.stderr}`;
  const named = [
    'OIDC_METADATA_URL',
    'OIDC_CLIENT_ID',
    'OIDC_CLIENT_SECRET',
    'AUTH_SESSION_SECRET',
  ].filter(v => output.includes(`(${v})`));
  if (refused.status === 0 || named.length !== 4) {
    throw new Error(
      `without its settings the backend exited ${refused.status}, naming ${
        named.join(', ') || 'none'
      }:\n${output.slice(-2000)}`,
    );
  }
  say(
    `without its settings: refused in ${seconds(started)}, naming ${named.join(
      ', ',
    )}`,
  );
}

const base = `http://localhost:${port}`;
const logFile = join(root, 'e2e-logs/production-artifact.log');
mkdirSync(dirname(logFile), { recursive: true });
const log = [];
const server = spawn(cmd[0], cmd.slice(1), {
  cwd: app,
  env: {
    ...env,
    ...pg,
    PORTAL_BASE_URL: base,
    APP_CONFIG_backend_listen_port: String(port),
    PORTAL_ALLOW_GUEST: 'true',
    // An identity provider that is not running: sign-in here is the guest's.
    OIDC_METADATA_URL: 'http://127.0.0.1:9/.well-known/openid-configuration',
    OIDC_CLIENT_ID: 'integrated-ops-portal',
    OIDC_CLIENT_SECRET: 'artifact-test-secret',
    AUTH_SESSION_SECRET: 'artifact-test-session-secret-0123456789',
    ALERTMANAGER_TOKEN: 'artifact-test-alertmanager-token-0123456789',
  },
});
server.stdout.on('data', d => log.push(d));
server.stderr.on('data', d => log.push(d));

async function check() {
  const ready = Date.now();
  for (;;) {
    if (server.exitCode !== null)
      throw new Error(`the backend exited with ${server.exitCode}`);
    if (Date.now() - ready > 240_000) throw new Error('not ready within 240 s');
    const r = await fetch(`${base}/.backstage/health/v1/readiness`).catch(
      () => undefined,
    );
    if (r?.ok) break;
    await new Promise(res => setTimeout(res, 2000));
  }
  say(`ready in ${seconds(ready)}`);
  const html = await (await fetch(`${base}/`)).text();
  if (!html.includes('<!DOCTYPE html>'))
    throw new Error('the frontend is not served');
  const { backstageIdentity } = await (
    await fetch(`${base}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    })
  ).json();
  const headers = { Authorization: `Bearer ${backstageIdentity.token}` };
  // The index fills within seconds of the catalog processing the estate.
  const until = Date.now() + 180_000;
  for (;;) {
    const r = await fetch(`${base}/api/integrated-ops/lookup?q=10.20.3.14`, {
      headers,
    });
    const answer = r.ok ? (await r.json()).matches[0]?.answer : undefined;
    const owners =
      answer &&
      ['netops', 'devops', 'secops'].map(d => answer.owners[d].ownerRef);
    if (
      owners?.join() ===
      'group:default/netops-dc,group:default/sre-payments,group:default/soc-tier1'
    ) {
      say(`10.20.3.14 -> ${answer.entity.ref}: ${owners.join(', ')}`);
      return;
    }
    if (Date.now() > until)
      throw new Error(`lookup answered ${r.status} ${JSON.stringify(owners)}`);
    await new Promise(res => setTimeout(res, 2000));
  }
}

let failed;
let replicasFailed = false;
try {
  await check();
} catch (error) {
  failed = error;
}
server.kill('SIGTERM');
await new Promise(res =>
  server.exitCode !== null ? res() : server.on('exit', res),
);
writeFileSync(logFile, Buffer.concat(log));
reset();
// 4. The same artifact as two replicas behind nginx (e2e/production/replicas.mjs).
if (!failed && !process.argv.includes('--one-replica')) {
  writeFileSync(
    join(app, '.artifact.json'),
    JSON.stringify({ cmd, env: dockerEnv }),
  );
  try {
    run('node', [join(root, 'e2e/production/replicas.mjs'), app], {
      cwd: root,
    });
  } catch {
    let why = '(above)';
    try {
      why = readFileSync(join(root, 'e2e-logs/replicas-failure.txt'), 'utf8');
    } catch {}
    failed = new Error(`the two-replica test failed: ${why}`);
    replicasFailed = true;
  }
}
if (!failed) rmSync(app, { recursive: true, force: true });
if (failed) {
  console.error(`production artifact: kept for a look: ${app}`);
  // The single replica's log only when it failed; the failure last.
  if (!replicasFailed)
    console.error(
      Buffer.concat(log).toString().split('\n').slice(-40).join('\n'),
    );
  console.error(
    `production artifact: FAILED: ${failed.message}; backend log: ${logFile}`,
  );
  process.exit(1);
}
say(`ok (${seconds(started)} in all)`);
