/*
 * Dependencies run one way (plugins/README.md): change requests
 * (ops-requests-*) build on the ownership lookup (integrated-ops-*), never
 * the reverse, neither by import nor at run time. The lookup hears of change
 * requests by events (OPS_REQUESTS_CHANGED_TOPIC,
 * RECERTIFICATION_STATUS_TOPIC) and answers from its own records.
 *
 * This test fails when a package of the lower layer names the upper one as
 * a dependency, imports it, or calls its backend.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const PLUGINS = join(__dirname, '..', '..');

/** The layer above the lookup: its plugin id and its packages' prefix. */
const UPPER = {
  pluginIds: ['ops-requests'],
  packagePrefix: '@integrated-ops/plugin-ops-requests',
};

/** The lookup's own packages (the lower layer): plugins/integrated-ops*. */
const lowerPackages = readdirSync(PLUGINS).filter(
  dir =>
    dir.startsWith('integrated-ops') &&
    statSync(join(PLUGINS, dir, 'package.json'), {
      throwIfNoEntry: false,
    }),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['node_modules', 'dist', '__testUtils__'].includes(entry.name)
        ? []
        : sourceFiles(path);
    }
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) &&
      !/\.test\.tsx?$/.test(entry.name)
      ? [path]
      : [];
  });
}

const ids = UPPER.pluginIds.join('|');
const prefix = UPPER.packagePrefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** What calling or importing the upper layer looks like in source. */
const UPWARD: [string, RegExp][] = [
  [
    'discovery of an upper plugin',
    new RegExp(`getBaseUrl\\(\\s*['"\`](${ids})['"\`]`),
  ],
  [
    'a token for an upper plugin',
    new RegExp(`targetPluginId\\s*:\\s*['"\`](${ids})['"\`]`),
  ],
  ['a URL of an upper plugin', new RegExp(`['"\`/]api/(${ids})\\b`)],
  [
    'an import of an upper package',
    new RegExp(
      `(from\\s+|import\\(\\s*|require\\(\\s*|jest\\.mock\\(\\s*)['"\`]${prefix}`,
    ),
  ],
];

/** Every upward call or import in one file's text, as "line: what". */
function upwardReferences(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, i) =>
      UPWARD.filter(([, pattern]) => pattern.test(line)).map(
        ([what]) => `${i + 1}: ${what}: ${line.trim()}`,
      ),
    );
}

describe('dependencies run one way', () => {
  it('finds the lookup packages to check', () => {
    expect(lowerPackages).toEqual(
      expect.arrayContaining([
        'integrated-ops-backend',
        'integrated-ops-common',
        'integrated-ops-node',
      ]),
    );
  });

  it('recognises calls and imports of the layer above', () => {
    // What the lookup did before it heard of change requests by events.
    for (const line of [
      "const base = await options.discovery.getBaseUrl('ops-requests');",
      "  targetPluginId: 'ops-requests',",
      "import { ChangeRequest } from '@integrated-ops/plugin-ops-requests-common';",
      "const res = await fetch('/api/ops-requests/requests');",
      "await import('@integrated-ops/plugin-ops-requests-node')",
    ]) {
      expect(upwardReferences(line)).toHaveLength(1);
    }
    for (const line of [
      "await discovery.getBaseUrl('integrated-ops')",
      "targetPluginId: 'integrated-ops',",
      "import { x } from '@integrated-ops/plugin-integrated-ops-common';",
      '// the ops-requests plugin announces its requests',
    ]) {
      expect(upwardReferences(line)).toEqual([]);
    }
  });

  it.each(lowerPackages)(
    '%s names no package of the layer above as a dependency',
    dir => {
      const pkg = JSON.parse(
        readFileSync(join(PLUGINS, dir, 'package.json'), 'utf8'),
      );
      const named = [
        'dependencies',
        'devDependencies',
        'peerDependencies',
        'optionalDependencies',
      ].flatMap(field =>
        Object.keys(pkg[field] ?? {})
          .filter(name => name.startsWith(UPPER.packagePrefix))
          .map(name => `${field}: ${name}`),
      );
      expect(named).toEqual([]);
    },
  );

  it.each(lowerPackages)(
    '%s neither imports nor calls the layer above',
    dir => {
      const src = join(PLUGINS, dir, 'src');
      const found = sourceFiles(src).flatMap(file =>
        upwardReferences(readFileSync(file, 'utf8')).map(
          ref => `${relative(PLUGINS, file)}:${ref}`,
        ),
      );
      expect(found).toEqual([]);
    },
  );
});
