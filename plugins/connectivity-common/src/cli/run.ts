import fs from 'node:fs';
import path from 'node:path';
import {
  analyzeConnectivity,
  ConnectivityModel,
  SideVerdict,
} from '../analyzer';
import { Protocol, PROTOCOLS } from '../connections';
import { diffConnectivity } from '../diff';
import {
  formatConnections,
  formatDiff,
  OUTPUT_FORMATS,
  OutputFormat,
} from '../format';
import { formatIpRange, parseIpAddress } from '../ip';
import { ManifestFile, readManifests } from '../manifests';
import { PolicyRef, RuleRef } from '../policy';
import { Endpoint, endpointName } from '../workloads';

/** Where the command line writes, and where relative folders start. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const USAGE = `usage:
  connectivity list --dir <folder> [--focus-workload <name>] [--format txt|json|csv|md]
  connectivity eval --dir <folder> --src <ns/name | IP> --dst <ns/name | IP> --port <n/proto>
  connectivity diff --dir1 <folder> --dir2 <folder> [--format txt|json|csv|md]
eval exits 0 when allowed, 1 when denied; every command exits 2 on bad input.
`;

class BadInput extends Error {}

const FLAGS: Record<string, readonly string[]> = {
  list: ['dir', 'focus-workload', 'format'],
  eval: ['dir', 'src', 'dst', 'port'],
  diff: ['dir1', 'dir2', 'format'],
};

function parseFlags(command: string, args: readonly string[]) {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const match = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !FLAGS[command].includes(match[1])) {
      throw new BadInput(`unknown argument "${arg}" for ${command}`);
    }
    let value = match[2];
    if (value === undefined) {
      value = args[++i];
      if (value === undefined)
        throw new BadInput(`--${match[1]} needs a value`);
    }
    flags.set(match[1], value);
  }
  return flags;
}

function required(flags: Map<string, string>, name: string): string {
  const value = flags.get(name);
  if (!value) throw new BadInput(`--${name} is required`);
  return value;
}

function format(flags: Map<string, string>): OutputFormat {
  const value = flags.get('format') ?? 'txt';
  if (!OUTPUT_FORMATS.includes(value as OutputFormat)) {
    throw new BadInput(
      `--format "${value}" is not one of ${OUTPUT_FORMATS.join(', ')}`,
    );
  }
  return value as OutputFormat;
}

function readFolder(dir: string): ManifestFile[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new BadInput(`cannot read folder ${dir}`);
  }
  if (!stat.isDirectory()) throw new BadInput(`${dir} is not a folder`);
  const files: ManifestFile[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(entry.name)) {
        files.push({
          path: path.relative(dir, full).split(path.sep).join('/'),
          content: fs.readFileSync(full, 'utf8'),
        });
      }
    }
  };
  walk(dir);
  return files.sort((a, b) => a.path.localeCompare(b.path, 'en'));
}

function load(dir: string, io: CliIo): ConnectivityModel {
  const manifests = readManifests(readFolder(path.resolve(io.cwd, dir)));
  const model = analyzeConnectivity(manifests.workloads, manifests.policies);
  for (const p of manifests.problems) {
    io.stderr(`warning: ${p.file}: ${p.object}: ${p.message}\n`);
  }
  for (const p of model.problems) {
    io.stderr(
      `warning: ${p.policy.file ?? '?'}: NetworkPolicy ${p.policy.namespace}/${
        p.policy.name
      }: ${p.problems.join('; ')}; policy ignored\n`,
    );
  }
  return model;
}

function matchesName(id: string, name: string): boolean {
  const bare = id.replace(/\[[^\]]*\]$/, '');
  return id === name || bare === name || bare.split('/')[1] === name;
}

function resolveEndpoint(
  model: ConnectivityModel,
  text: string,
  flag: string,
): Endpoint {
  const ip = parseIpAddress(text);
  if (ip) return { kind: 'external', range: ip };
  const name = text.includes('/') ? text : `default/${text}`;
  const found = model
    .workloadIds()
    .filter(id => id === name || id.replace(/\[[^\]]*\]$/, '') === name);
  if (found.length === 0) {
    throw new BadInput(`--${flag}: no workload or IP address "${text}"`);
  }
  if (found.length > 1) {
    throw new BadInput(
      `--${flag}: "${text}" is ambiguous: ${found.join(', ')}; name one`,
    );
  }
  return { kind: 'workload', id: found[0] };
}

function parsePort(text: string): { protocol: Protocol; port: number } {
  const match = /^(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(text.trim());
  const protocol = (match?.[2] ?? 'TCP').toUpperCase() as Protocol;
  const port = Number(match?.[1]);
  if (!match || port < 1 || port > 65535 || !PROTOCOLS.includes(protocol)) {
    throw new BadInput(
      `--port "${text}" is not <port>/<TCP|UDP|SCTP> with a port between 1 and 65535`,
    );
  }
  return { protocol, port };
}

function policyName(ref: PolicyRef): string {
  return `${ref.namespace}/${ref.name}${ref.file ? ` (${ref.file})` : ''}`;
}

function ruleName(ref: RuleRef): string {
  const key = ref.direction === 'Ingress' ? 'ingress' : 'egress';
  return `${ref.policy.namespace}/${ref.policy.name} ${key}[${ref.index}]${
    ref.policy.file ? ` (${ref.policy.file})` : ''
  }`;
}

function evalName(endpoint: Endpoint): string {
  return endpoint.kind === 'external' &&
    endpoint.range.start === endpoint.range.end
    ? `${formatIpRange(endpoint.range).split('-')[0]}[External]`
    : endpointName(endpoint);
}

function explainSide(side: SideVerdict, at: string, what: string): string {
  const direction = side.direction.toLowerCase();
  if (!side.workload) {
    return `${direction} at ${at}: outside the cluster, no NetworkPolicy applies\n`;
  }
  if (!side.isolated) {
    return `${direction} at ${at}: not isolated (no policy selects it for ${side.direction})\n`;
  }
  if (side.allowed) {
    return `${direction} at ${at}: allowed by ${side.allowingRules
      .map(ruleName)
      .join(', ')}\n`;
  }
  return `${direction} at ${at}: denied: isolated by ${side.isolatingPolicies
    .map(policyName)
    .join(', ')}, and no ${direction} rule allows ${what}\n`;
}

function run(argv: readonly string[], io: CliIo): number {
  const [command, ...args] = argv;
  if (!command || !FLAGS[command]) {
    throw new BadInput(command ? `unknown command "${command}"` : 'no command');
  }
  const flags = parseFlags(command, args);
  if (command === 'list') {
    const fmt = format(flags);
    const model = load(required(flags, 'dir'), io);
    let connections = model.list();
    const focus = flags.get('focus-workload');
    if (focus !== undefined) {
      if (!model.workloadIds().some(id => matchesName(id, focus))) {
        throw new BadInput(`--focus-workload: no workload "${focus}"`);
      }
      connections = connections.filter(c =>
        [c.src, c.dst].some(
          e => e.kind === 'workload' && matchesName(e.id, focus),
        ),
      );
    }
    io.stdout(formatConnections(connections, fmt));
    return 0;
  }
  if (command === 'diff') {
    const fmt = format(flags);
    const before = load(required(flags, 'dir1'), io);
    const after = load(required(flags, 'dir2'), io);
    io.stdout(formatDiff(diffConnectivity(before, after), fmt));
    return 0;
  }
  const dir = required(flags, 'dir');
  const srcText = required(flags, 'src');
  const dstText = required(flags, 'dst');
  const { protocol, port } = parsePort(required(flags, 'port'));
  const model = load(dir, io);
  const src = resolveEndpoint(model, srcText, 'src');
  const dst = resolveEndpoint(model, dstText, 'dst');
  if (src.kind === 'external' && dst.kind === 'external') {
    throw new BadInput(
      '--src and --dst are both addresses: one must be a workload',
    );
  }
  const verdict = model.evaluate(src, dst, protocol, port);
  const what = `${protocol} ${port}`;
  io.stdout(
    `${verdict.allowed ? 'allowed' : 'denied'}: ${evalName(src)} => ${evalName(
      dst,
    )} : ${what}\n${explainSide(
      verdict.egress,
      evalName(src),
      what,
    )}${explainSide(verdict.ingress, evalName(dst), what)}`,
  );
  return verdict.allowed ? 0 : 1;
}

/**
 * Runs the connectivity command line; returns its exit code (eval: 0
 * allowed, 1 denied; every command: 2 on bad input).
 */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    return run(argv, io);
  } catch (e) {
    if (e instanceof BadInput) {
      io.stderr(`error: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}
