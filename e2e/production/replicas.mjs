#!/usr/bin/env node
/*
 * Two replicas of the production artifact behind Debian's nginx, on a
 * PostgreSQL cluster of the test's own (initdb, so it can be stopped and
 * started without touching the machine's), signed in through the local
 * OpenID Connect provider with static signing keys (app-config.signing-keys.yaml).
 *
 *  1. Each replica answers lookups from its own index; the proxy spreads them.
 *  2. A planned apply is merged once although both replicas run the task.
 *  3. Concurrent approvals through the proxy (two approvers per team racing)
 *     decide each request exactly once; each is applied exactly once.
 *  4. One replica is SIGKILLed while the last approvals are applying: nothing
 *     is lost or applied twice; the survivor finishes; the take-over is timed.
 *  5. PostgreSQL stopped: lookups and alert routing keep answering through
 *     the proxy, flagged degraded; a change fails fast with a 503 naming the
 *     cause. PostgreSQL started: writes work again without a restart.
 *
 * Usage: node e2e/production/replicas.mjs <artifact dir>  (from dockerfileSteps.mjs)
 */
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  openSync,
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
const app = resolve(process.argv[2]);
const artifact = JSON.parse(readFileSync(join(app, '.artifact.json'), 'utf8'));
/**
 * The port if nothing listens on it, else one the system picks: a run that
 * crashed before its cleanup may have left its servers behind.
 */
async function freePort(preferred) {
  const listen = port =>
    new Promise((ok, ko) => {
      const server = createServer();
      server.once('error', ko);
      server.listen(port, '127.0.0.1', () => {
        const { port: got } = server.address();
        server.close(() => ok(got));
      });
    });
  try {
    return await listen(preferred);
  } catch {
    return listen(0);
  }
}
const ports = {
  pg: await freePort(5545),
  proxy: await freePort(7210),
  a: await freePort(7211),
  b: await freePort(7212),
  idp: await freePort(7301),
};
const proxy = `http://localhost:${ports.proxy}`;
const logs = join(root, 'e2e-logs');
mkdirSync(logs, { recursive: true });
rmSync(join(logs, 'replicas-failure.txt'), { force: true });
const work = mkdtempSync(join(tmpdir(), 'portal-replicas-'));
const say = m => console.log(`two replicas: ${m}`);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const seconds = since => ((Date.now() - since) / 1000).toFixed(1);
const children = new Set();
let startFailure;
const report = [];

function fail(message) {
  throw new Error(message);
}

async function until(what, fn, timeoutMs = 120_000, everyMs = 1000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    if (startFailure) throw startFailure;
    try {
      last = await fn();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end)
      fail(`${what}: not within ${timeoutMs / 1000} s (${last})`);
    await sleep(everyMs);
  }
}

function start(name, command, args, options = {}) {
  const out = openSync(join(logs, `replicas-${name}.log`), 'a');
  const child = spawn(command, args, {
    stdio: ['ignore', out, out],
    ...options,
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  // A command that cannot start (nginx missing) fails the scenario, which
  // then stops everything it started; unhandled, it would end this process
  // and leave PostgreSQL and the replicas running.
  child.on('error', error => {
    children.delete(child);
    startFailure = new Error(`${name} could not start: ${error.message}`);
  });
  return child;
}

// PostgreSQL of our own: stopped and started by this test only.
const pgBin = join(
  '/usr/lib/postgresql',
  readdirSync('/usr/lib/postgresql').sort().pop(),
  'bin',
);
const pgDir = join(work, 'pg');
mkdirSync(pgDir);
chmodSync(work, 0o755); // PostgreSQL runs as its own user
const asRoot = process.getuid?.() === 0;
if (asRoot) chownSync(pgDir, Number(execFileSync('id', ['-u', 'postgres'])), 0);
const pg = (tool, args) =>
  asRoot
    ? execFileSync(
        'runuser',
        ['-u', 'postgres', '--', join(pgBin, tool), ...args],
        { stdio: 'pipe' },
      )
    : execFileSync(join(pgBin, tool), args, { stdio: 'pipe' });
const pgStart = () =>
  pg('pg_ctl', [
    '-D',
    join(pgDir, 'data'),
    '-l',
    join(pgDir, 'log'),
    '-w',
    '-o',
    `-p ${ports.pg} -k ${pgDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    'start',
  ]);
const pgStop = () =>
  pg('pg_ctl', ['-D', join(pgDir, 'data'), '-m', 'fast', '-w', 'stop']);

// The same signing keys on both replicas, as a Kubernetes secret would mount them.
const keys = join(work, 'keys');
mkdirSync(keys);
for (const name of ['user-tokens', 'plugin-tokens']) {
  const pair = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  writeFileSync(join(keys, `${name}.public.pem`), pair.publicKey);
  writeFileSync(join(keys, `${name}.private.pem`), pair.privateKey);
}

const ALERT_TOKEN = 'replicas-alertmanager-token-7d2e';
const overlay = join(work, 'app-config.replicas.yaml');
writeFileSync(
  overlay,
  `backend:
  auth:
    externalAccess:
      - type: static
        options: { token: ${ALERT_TOKEN}, subject: alertmanager }
        accessRestrictions:
          [{ plugin: integrated-ops, permission: integrated-ops.alert.create }]
catalog:
  processingInterval: { seconds: 5 }
integratedOps:
  lookup: { refreshSeconds: 3 }
  alerts: { fallbackTeam: group:default/incident-command }
  requests: { applyCheckSeconds: 5, applyLeaseSeconds: 15 }
`,
);

const backendEnv = {
  ...process.env,
  ...artifact.env,
  POSTGRES_HOST: '127.0.0.1',
  POSTGRES_PORT: String(ports.pg),
  POSTGRES_USER: 'postgres',
  POSTGRES_DB_PREFIX: 'iop_replicas_',
  PORTAL_BASE_URL: proxy,
  PORTAL_KEYS_DIR: keys,
  OIDC_METADATA_URL: `http://localhost:${ports.idp}/.well-known/openid-configuration`,
  OIDC_CLIENT_ID: 'integrated-ops-portal',
  OIDC_CLIENT_SECRET: 'replicas-oidc-secret',
  AUTH_SESSION_SECRET: 'replicas-session-secret-0123456789abcdef',
  ALERTMANAGER_TOKEN: 'replicas-unused-alertmanager-token-0123456789',
};
const replicas = {};
function startReplica(name) {
  replicas[name] = start(
    `replica-${name}`,
    artifact.cmd[0],
    [
      ...artifact.cmd.slice(1),
      '--config',
      'app-config.signing-keys.yaml',
      '--config',
      overlay,
    ],
    {
      cwd: app,
      env: {
        ...backendEnv,
        APP_CONFIG_backend_listen_port: String(ports[name]),
      },
    },
  );
  return until(
    `replica ${name} ready`,
    async () => {
      if (replicas[name].exitCode !== null) fail(`replica ${name} exited`);
      return (
        await fetch(
          `http://localhost:${ports[name]}/.backstage/health/v1/readiness`,
        )
      ).ok;
    },
    240_000,
    2000,
  );
}

function startProxy() {
  const dir = join(work, 'nginx');
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  writeFileSync(
    join(dir, 'nginx.conf'),
    `${asRoot ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${logs}/replicas-nginx-error.log;
events { worker_connections 512; }
http {
  access_log ${logs}/replicas-nginx-access.log;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  upstream portal {
    server 127.0.0.1:${ports.a} max_fails=1 fail_timeout=10s;
    server 127.0.0.1:${ports.b} max_fails=1 fail_timeout=10s;
  }
  server {
    listen 127.0.0.1:${ports.proxy};
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_read_timeout 120s;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`,
  );
  start('nginx', existsNginx(), ['-p', dir, '-c', join(dir, 'nginx.conf')]);
  return until(
    'nginx listening',
    async () => (await fetch(`${proxy}/.backstage/health/v1/liveness`)).ok,
    20_000,
    500,
  );
}
function existsNginx() {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) {
    try {
      execFileSync(p, ['-v'], { stdio: 'pipe' });
      return p;
    } catch {}
  }
  return 'nginx';
}

/** Signs in through the identity provider, as the browser's popup does, via the proxy. */
async function signIn(login) {
  const jar = new Map();
  async function go(url, init = {}) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...init.headers,
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0];
      const i = pair.indexOf('=');
      if (/expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(pair.slice(0, i));
      else jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }
  const scope = encodeURIComponent('openid email profile offline_access');
  let url = `${proxy}/api/auth/oidc/start?scope=${scope}&origin=${encodeURIComponent(
    proxy,
  )}&flow=popup&env=production`;
  let init = {};
  for (let hop = 0; hop < 20; hop++) {
    const res = await go(url, init);
    init = {};
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location'), url).href;
      continue;
    }
    const body = await res.text();
    const form = /<form[^>]*action="([^"]+)"/.exec(body);
    if (!form || !url.includes('/interaction/')) break;
    const fields = new URLSearchParams();
    for (const [, name, value] of body.matchAll(
      /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
    )) {
      fields.set(name, value);
    }
    if (/name="login"/.test(body)) {
      fields.set('login', login);
      fields.set('password', 'any password');
    }
    url = new URL(form[1], url).href;
    init = {
      method: 'POST',
      body: fields,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  const refreshed = await go(`${proxy}/api/auth/oidc/refresh?env=production`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  const json = await refreshed.json();
  if (!json.backstageIdentity?.token)
    fail(`${login} could not sign in: ${JSON.stringify(json)}`);
  return json.backstageIdentity.token;
}

const call = async (base, token, method, path, body) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {}
  return {
    status: res.status,
    json,
    text,
    upstream: res.headers.get('x-upstream'),
  };
};
const EXPECTED =
  'group:default/netops-dc,group:default/sre-payments,group:default/soc-tier1';
const ownersOf = answer =>
  ['netops', 'devops', 'secops'].map(d => answer?.owners[d].ownerRef).join();

/** GET /lookup on one base URL (a replica or the proxy) as a signed-in user. */
const lookup = (base, token, q) =>
  call(
    base,
    token,
    'GET',
    `/api/integrated-ops/lookup?q=${encodeURIComponent(q)}`,
  );

/** Waits until one replica (not the proxy) answers the sample IP with its owners. */
async function answersFromItsIndex(name, token) {
  await until(
    `replica ${name}'s lookup of 10.20.3.14`,
    async () => {
      const r = await lookup(
        `http://localhost:${ports[name]}`,
        token,
        '10.20.3.14',
      );
      return ownersOf(r.json?.matches?.[0]?.answer) === EXPECTED;
    },
    180_000,
    2000,
  );
}

/** An AI agent's MCP tool call (the mcp-actions backend, streamable HTTP). */
async function mcpLookup(token, query) {
  const res = await fetch(`${proxy}/api/mcp-actions/v1`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      // mcp-actions names tools <pluginId>.<action name> by default.
      params: { name: 'integrated-ops.ops-lookup', arguments: { query } },
    }),
  });
  const text = await res.text();
  const data = text.split('\n').find(l => l.startsWith('data: '));
  const message = JSON.parse(data ? data.slice(6) : text);
  if (res.status !== 200 || message.error || message.result?.isError) {
    fail(`MCP ops-lookup: ${res.status} ${text.slice(0, 400)}`);
  }
  return message.result.content.map(c => c.text).join('\n');
}

const inDays = days =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
// Each request from another component: two requests for one pair would
// change the same file, and the second could not be merged.
const sources = [
  'payments-web',
  'case-management-ui',
  'rules-engine',
  'fraud-alert-notifier',
  'ml-inference-service',
  'fraud-scoring-service',
  'model-drift-monitor',
  'edge-transaction-gateway',
  'feature-store-service',
  'model-registry',
  'transaction-cdc-connector',
  'feature-ingestion-stream',
  'siem-log-forwarder',
  'model-training-pipeline',
  'legacy-batch-scorer',
];
const intent = (n, extra = {}) => ({
  kind: 'network-access',
  source: `component:default/${sources[0]}`,
  destination: 'resource:default/fraud-cases-db',
  ports: '5432/tcp',
  justification: `Checkout reads open fraud cases directly (replica test ${n})`,
  expiresAt: inDays(10),
  ...extra,
});
const gitLog = () =>
  execFileSync('git', [
    '--git-dir',
    join(artifact.env.PORTAL_DATA_DIR, 'git/infrastructure.git'),
    'log',
    '--format=%s',
    'main',
  ])
    .toString()
    .split('\n');
const appliesOf = id =>
  gitLog().filter(l => l.startsWith(`Apply ${id}:`)).length;

async function scenario() {
  pg('initdb', [
    '-D',
    join(pgDir, 'data'),
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
  ]);
  pgStart();
  say(`PostgreSQL of its own on ${ports.pg}`);
  start('idp', 'node', [join(root, 'e2e/oidc/identityProvider.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      OIDC_PORT: String(ports.idp),
      OIDC_CLIENT_SECRET: 'replicas-oidc-secret',
      OIDC_REDIRECT_URI: `${proxy}/api/auth/oidc/handler/frame`,
    },
  });
  let t = Date.now();
  await startReplica('a'); // first alone: it creates the databases and repositories
  await startReplica('b');
  await startProxy();
  say(`both replicas ready behind nginx (${seconds(t)} s)`);

  const [raj, omar, li, lucas, aisha] = await Promise.all(
    ['raj.patel', 'omar.haddad', 'li.wei', 'lucas.martin', 'aisha.bello'].map(
      signIn,
    ),
  );
  say(
    'signed in through the identity provider: raj.patel, omar.haddad, li.wei, lucas.martin, aisha.bello',
  );

  // 1. Each replica answers from its own index.
  for (const name of ['a', 'b']) {
    await answersFromItsIndex(name, raj);
  }
  const upstreams = new Set();
  for (let i = 0; i < 6; i++) {
    const r = await lookup(proxy, raj, '10.20.3.14');
    if (ownersOf(r.json?.matches?.[0]?.answer) !== EXPECTED)
      fail(`proxy lookup ${r.status}`);
    upstreams.add(r.upstream);
  }
  if (upstreams.size !== 2) fail(`the proxy sent lookups to ${[...upstreams]}`);
  say(
    `1. both replicas answer 10.20.3.14 from their own index; the proxy used ${[
      ...upstreams,
    ].join(' and ')}`,
  );

  const refusals = [];
  const file = async (n, extra) => {
    for (;;) {
      if (!sources.length)
        fail(
          `filing ${n}: no component the policy allows is left: ${refusals.join(
            '; ',
          )}`,
        );
      const r = await call(
        proxy,
        raj,
        'POST',
        '/api/ops-requests/requests',
        intent(n, extra),
      );
      const source = sources.shift();
      if (r.status === 201) return r.json;
      refusals.push(`${source}: ${r.json?.error?.message ?? r.status}`);
      if (r.status !== 400) fail(`filing ${n}: ${r.status} ${r.text}`);
    }
  };
  const stateOf = async id =>
    (await call(proxy, raj, 'GET', `/api/ops-requests/requests/${id}`)).json;
  const appliedOnce = async id => {
    const request = await stateOf(id);
    const applied = request.audit.filter(e => e.action === 'applied').length;
    return request.state === 'applied' && applied === 1 && appliesOf(id) === 1;
  };

  // The catalog has the estate's typed owners: a change can be planned with
  // its approvers. A preview answers 200 with a refusal in its body while the
  // database's inherited NetOps owner is still being processed (a slow
  // machine's first minutes), so the approvers are what is waited for.
  const canPlan = async name => {
    // Always from payments-web, which the policy allows: the sources filed
    // later include components it refuses (a /16 segment, no address).
    const r = await call(
      proxy,
      raj,
      'POST',
      '/api/ops-requests/requests/preview',
      intent(name, { source: 'component:default/payments-web' }),
    );
    // The target's inherited NetOps owner is known: the catalog is processed.
    return r.status === 200 && !!r.json?.approvers?.netops;
  };
  await until('a change can be planned', () => canPlan('first'), 120_000, 1000);

  // 2. A planned apply, with both replicas running the task: merged once.
  const planned = await file('planned', {
    applyAt: new Date(Date.now() + 20_000).toISOString(),
  });
  await call(
    proxy,
    omar,
    'POST',
    `/api/ops-requests/requests/${planned.id}/approve`,
    {},
  );
  await call(
    proxy,
    lucas,
    'POST',
    `/api/ops-requests/requests/${planned.id}/approve`,
    {},
  );
  await until('the planned apply', () => appliedOnce(planned.id), 90_000, 2000);
  await sleep(6000); // another round of both replicas' tasks
  if (!(await appliedOnce(planned.id))) fail('the planned apply ran twice');
  say(
    `2. planned apply ${planned.id}: merged once at its time, with both replicas' schedulers running`,
  );

  // 3. Concurrent approvals: two members of each team at once, on either replica.
  const raced = [];
  for (let n = 0; n < 4; n++) raced.push(await file(`raced-${n}`));
  const decisions = await Promise.all(
    raced.flatMap(r =>
      [omar, li, lucas, aisha].map(token =>
        call(
          proxy,
          token,
          'POST',
          `/api/ops-requests/requests/${r.id}/approve`,
          {},
        ),
      ),
    ),
  );
  const ok = decisions.filter(d => d.status === 200).length;
  const conflicts = decisions.filter(d => d.status === 409).length;
  if (ok !== 8 || conflicts !== 8) {
    fail(`approvals: ${decisions.map(d => d.status).join(',')}`);
  }
  for (const r of raced) {
    await until(`${r.id} applied once`, () => appliedOnce(r.id), 60_000, 1000);
    const approvals = (await stateOf(r.id)).approvals;
    if (approvals.length !== 2)
      fail(`${r.id} has ${approvals.length} approvals`);
  }
  say(
    `3. 16 concurrent approvals of 4 requests through the proxy: 8 recorded, 8 refused (409); each applied once`,
  );

  // 4. Replica a killed while the last approvals are being applied.
  const killed = [];
  for (let n = 0; n < 4; n++) {
    const r = await file(`killed-${n}`);
    const first = await call(
      proxy,
      omar,
      'POST',
      `/api/ops-requests/requests/${r.id}/approve`,
      {},
    );
    if (first.status !== 200) fail(`approving ${r.id}: ${first.status}`);
    killed.push(r);
  }
  const inFlight = killed.map(r =>
    call(
      proxy,
      lucas,
      'POST',
      `/api/ops-requests/requests/${r.id}/approve`,
      {},
    ).catch(e => ({ status: String(e) })),
  );
  await sleep(300);
  replicas.a.kill('SIGKILL');
  const killedAt = Date.now();
  const answered = await Promise.all(inFlight);
  // What the user does after a 502: click again (on the survivor); 403 or
  // 409 when the approval they sent had been recorded before the kill.
  for (const [i, r] of killed.entries()) {
    if (answered[i].status === 200) continue;
    const again = await call(
      proxy,
      lucas,
      'POST',
      `/api/ops-requests/requests/${r.id}/approve`,
      {},
    );
    if (![200, 403, 409].includes(again.status))
      fail(`approving ${r.id} again: ${again.status} ${again.text}`);
  }
  for (const r of killed)
    await until(
      `${r.id} applied once after the kill`,
      () => appliedOnce(r.id),
      120_000,
      500,
    );
  const takeover = seconds(killedAt);
  say(
    `4. replica a SIGKILLed mid-approval (${answered
      .map(a => a.status)
      .join(
        ', ',
      )}): the survivor applied all 4, each once, ${takeover} s after the kill (apply lease 15 s, checked every 5 s)`,
  );
  report.push(`take-over after SIGKILL: ${takeover} s`);

  // Both replicas again for the outage.
  t = Date.now();
  await startReplica('a');
  await answersFromItsIndex('a', raj);
  say(`replica a restarted (${seconds(t)} s)`);

  // 5. PostgreSQL down.
  const mcpBefore = await mcpLookup(omar, '10.20.3.14');
  if (!mcpBefore.includes('group:default/soc-tier1'))
    fail(`MCP answer: ${mcpBefore.slice(0, 300)}`);
  const before = (
    await call(proxy, raj, 'GET', '/api/ops-requests/requests?view=all')
  ).json.items.length;
  pgStop();
  const stoppedAt = Date.now();
  say('PostgreSQL stopped');
  for (const name of ['a', 'b']) {
    await until(
      `replica ${name} answering degraded`,
      async () => {
        const r = await lookup(
          `http://localhost:${ports[name]}`,
          raj,
          '10.20.3.14',
        );
        if (r.status !== 200)
          fail(
            `lookup on ${name} answered ${r.status}: ${r.text.slice(0, 300)}`,
          );
        return (
          ownersOf(r.json.matches[0]?.answer) === EXPECTED &&
          r.json.index.degraded
        );
      },
      30_000,
      1000,
    ).catch(e => fail(e.message));
  }
  const degraded = await lookup(proxy, omar, 'api.pay.bank.example');
  if (degraded.status !== 200 || !degraded.json.index.degraded?.cause)
    fail(`degraded lookup: ${degraded.status} ${degraded.text.slice(0, 300)}`);
  say(
    `5. with PostgreSQL down, both replicas answer lookups from their index, flagged degraded (${degraded.json.index.degraded.cause})`,
  );
  // A quarter of a minute of incident traffic: every user, lookups and MCP.
  const holdUntil = Date.now() + 15_000;
  let served = 0;
  while (Date.now() < holdUntil) {
    for (const token of [raj, omar, li, lucas, aisha]) {
      const r = await lookup(proxy, token, 'scoring');
      if (r.status !== 200 || !r.json.index.degraded)
        fail(`lookup during the outage: ${r.status} ${r.text.slice(0, 300)}`);
      served++;
    }
    const text = await mcpLookup(lucas, '10.20.3.14');
    if (
      !text.includes('group:default/soc-tier1') ||
      !/degraded|unreachable/i.test(text)
    ) {
      fail(`MCP during the outage: ${text.slice(0, 400)}`);
    }
    served++;
    await sleep(500);
  }
  say(
    `   ${served} lookups (API and MCP) by five users over 15 s: all answered, flagged degraded`,
  );
  report.push(`${served} lookups during the outage, all answered`);
  const alert = await fetch(`${proxy}/api/integrated-ops/alerts/alertmanager`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${ALERT_TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      version: '4',
      status: 'firing',
      receiver: 'backstage',
      groupKey: 'replicas',
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'CredentialStuffing',
            instance: '10.20.3.14:8443',
            category: 'security',
            severity: 'critical',
          },
          annotations: { summary: 'Credential stuffing during the outage' },
          startsAt: new Date().toISOString(),
          fingerprint: `replicas-${Date.now()}`,
        },
      ],
    }),
  });
  const routed = await alert.json();
  if (
    alert.status !== 200 ||
    routed.results?.[0]?.team !== 'group:default/soc-tier1'
  ) {
    fail(
      `alert routing during the outage: ${alert.status} ${JSON.stringify(
        routed,
      ).slice(0, 300)}`,
    );
  }
  say(
    '   an Alertmanager alert on 10.20.3.14:8443 is still routed to group:default/soc-tier1',
  );
  const w = Date.now();
  const write = await call(
    proxy,
    raj,
    'POST',
    '/api/ops-requests/requests',
    intent('during the outage'),
  );
  const writeMs = Date.now() - w;
  if (
    write.status !== 503 ||
    !/database is unreachable \(.*(ECONNREFUSED|terminat|shut)/.test(
      write.json?.error?.message,
    )
  ) {
    fail(
      `a change during the outage: ${write.status} ${write.text.slice(0, 400)}`,
    );
  }
  say(
    `   filing a change: 503 in ${writeMs} ms: "${write.json.error.message}"`,
  );
  report.push(`write during the outage: 503 in ${writeMs} ms`);

  pgStart();
  const startedAt = Date.now();
  say(`PostgreSQL started again (down ${seconds(stoppedAt)} s)`);
  const recovered = await until(
    'a change accepted after the outage',
    () => canPlan('after'),
    60_000,
    500,
  ).then(() => file('after the outage'));
  const recoveryS = seconds(startedAt);
  for (const name of ['a', 'b']) {
    await until(
      `replica ${name} no longer degraded`,
      async () => {
        const r = await lookup(
          `http://localhost:${ports[name]}`,
          raj,
          '10.20.3.14',
        );
        return r.status === 200 && !r.json.index.degraded;
      },
      30_000,
      1000,
    );
  }
  const after = (
    await call(proxy, raj, 'GET', '/api/ops-requests/requests?view=all')
  ).json.items;
  if (after.length !== before + 1 || !after.some(r => r.id === recovered.id)) {
    fail(`requests before ${before}, after ${after.length}`);
  }
  for (const r of [planned, ...raced, ...killed]) {
    if (!(await appliedOnce(r.id)))
      fail(`${r.id} is not applied exactly once after the outage`);
  }
  say(
    `   back without a restart: a change filed ${recoveryS} s after PostgreSQL started (${recovered.id}); nothing lost, nothing applied twice`,
  );
  report.push(`recovery after PostgreSQL returned: ${recoveryS} s`);
}

let failed;
try {
  await scenario();
} catch (error) {
  failed = error;
}
for (const child of children) child.kill('SIGTERM');
await sleep(2000);
for (const child of children) child.kill('SIGKILL');
try {
  pgStop();
} catch {}
rmSync(work, { recursive: true, force: true });
if (failed) {
  // The replicas' own warnings and errors first, the failure last: a CI log
  // shows only its tail.
  for (const name of ['replica-a', 'replica-b']) {
    let lines = [];
    try {
      lines = readFileSync(join(logs, `replicas-${name}.log`), 'utf8')
        .split('\n')
        .filter(l => /"level":"(warn|error)"/.test(l))
        .slice(-8);
    } catch {}
    if (lines.length) {
      console.error(`two replicas: last warnings and errors of ${name}:`);
      console.error(lines.map(l => l.slice(0, 600)).join('\n'));
    }
  }
  const message = `two replicas: FAILED: ${failed.message}; logs in e2e-logs/replicas-*.log`;
  writeFileSync(join(logs, 'replicas-failure.txt'), message);
  console.error(message);
  process.exit(1);
}
say(`ok: ${report.join('; ')}`);
