import { z } from 'zod';
import { ItemReader, ItemRefused, readDocument, resolveLimits } from './guards';
import { vulnerabilityFingerprint } from './identity';
import { severityFromWord } from './severity';
import { canonicalAdvisoryId } from './trivy';
import {
  NormalizedFinding,
  ParseLimits,
  ParseProblem,
  ParseResult,
} from './types';

const frameSchema = z.looseObject({
  matches: z.array(z.unknown()),
  source: z.looseObject({ type: z.string().optional() }).nullable().optional(),
  descriptor: z
    .looseObject({ name: z.string().optional() })
    .nullable()
    .optional(),
});

const matchSchema = z.looseObject({
  vulnerability: z.looseObject({
    id: z.string(),
    severity: z.string().optional(),
    dataSource: z.string().optional(),
    description: z.string().optional(),
    urls: z.array(z.string()).nullable().optional(),
    fix: z
      .looseObject({
        versions: z.array(z.string()).nullable().optional(),
        state: z.string().optional(),
      })
      .optional(),
  }),
  relatedVulnerabilities: z
    .array(z.looseObject({ id: z.string() }))
    .nullable()
    .optional(),
  artifact: z.looseObject({
    name: z.string(),
    version: z.string(),
    type: z.string().optional(),
    locations: z
      .array(z.looseObject({ path: z.string() }))
      .nullable()
      .optional(),
  }),
});

function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.message}${
    issue.path.length ? ` at ${issue.path.join('.')}` : ''
  }`;
}

/**
 * Parses Grype's JSON report (`grype <target> -o json`): each of `matches[]`
 * is a vulnerability in a package (category `image` when the source is an
 * image, else `dependency`), identified by advisory (a CVE preferred over its
 * GHSA) + package + installed version. Never throws: see {@link parseSarif}.
 *
 * @public
 */
export function parseGrypeJson(
  input: unknown,
  options: { limits?: Partial<ParseLimits> } = {},
): ParseResult {
  const format = 'grype-json' as const;
  const limits = resolveLimits(options.limits);
  const doc = readDocument(input, limits);
  if (!doc.ok) return { ok: false, format, error: doc.error };
  const frame = frameSchema.safeParse(doc.value);
  if (!frame.success) {
    return {
      ok: false,
      format,
      error: {
        code: 'invalid-shape',
        path: frame.error.issues[0].path.join('.'),
        message: `not a Grype JSON report: ${zodMessage(frame.error)}`,
      },
    };
  }
  const name = frame.data.descriptor?.name;
  if (name !== undefined && name !== 'grype') {
    return {
      ok: false,
      format,
      error: {
        code: 'invalid-shape',
        path: 'descriptor.name',
        message: `not a Grype JSON report: descriptor.name is "${name.slice(
          0,
          40,
        )}"`,
      },
    };
  }
  const isImage = frame.data.source?.type === 'image';
  const findings: NormalizedFinding[] = [];
  const problems: ParseProblem[] = [];
  const seen = new Set<string>();
  let duplicates = 0;

  for (const [index, raw] of frame.data.matches.entries()) {
    const path = `matches[${index}]`;
    const parsed = matchSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push({
        path,
        kind: 'invalid-shape',
        message: `${path}: not a Grype match: ${zodMessage(parsed.error)}`,
        dropped: true,
      });
      continue;
    }
    const { vulnerability: v, artifact, relatedVulnerabilities } = parsed.data;
    const read = new ItemReader(path, limits, problems);
    try {
      const missing = (field: string): never =>
        read.refuse('missing-identity', `${field} is empty`);
      const id =
        read.identifier(v.id, 'vulnerability.id') ??
        missing('vulnerability.id');
      const pkg =
        read.identifier(artifact.name, 'artifact.name') ??
        missing('artifact.name');
      const version =
        read.identifier(artifact.version, 'artifact.version') ??
        missing('artifact.version');
      const related = (relatedVulnerabilities ?? [])
        .map(r => read.identifier(r.id, 'relatedVulnerabilities.id'))
        .filter((r): r is string => r !== undefined);
      const advisory = canonicalAdvisoryId(id, related);
      const severityWord = v.severity ?? 'Unknown';
      const severity =
        severityFromWord(severityWord) ??
        read.refuse(
          'invalid-shape',
          `unknown severity "${severityWord.slice(0, 40)}"`,
        );
      const fixed = (v.fix?.versions ?? [])[0];
      const where = read.identifier(
        artifact.locations?.[0]?.path,
        'artifact.locations',
      );
      const finding: NormalizedFinding = {
        fingerprint: vulnerabilityFingerprint(advisory, pkg, version),
        identityBasis: 'vulnerability',
        tool: 'grype',
        ruleId: advisory,
        category: isImage ? 'image' : 'dependency',
        severity,
        title: read.title(`${advisory} in ${pkg} ${version}`, 'title'),
        message: read.message(v.description ?? '', 'vulnerability.description'),
        ...(where ? { location: { path: where } } : {}),
        vulnerability: {
          id: advisory,
          aliases: [id, ...related]
            .map(a => a.toUpperCase())
            .filter((a, i, all) => a !== advisory && all.indexOf(a) === i),
          packageName: pkg,
          installedVersion: version,
          ...(fixed
            ? { fixedVersion: read.identifier(fixed, 'fix.versions') }
            : {}),
        },
        links: read.links(
          [v.dataSource, ...(v.urls ?? [])],
          'vulnerability.urls',
        ),
      };
      if (seen.has(finding.fingerprint)) {
        duplicates++;
        continue;
      }
      seen.add(finding.fingerprint);
      findings.push(finding);
    } catch (e) {
      if (e instanceof ItemRefused) problems.push(e.problem);
      else throw e;
    }
  }
  return { ok: true, format, findings, problems, duplicates };
}
