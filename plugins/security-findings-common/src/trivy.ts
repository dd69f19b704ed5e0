import { z } from 'zod';
import { ItemReader, ItemRefused, readDocument, resolveLimits } from './guards';
import { fingerprintOf, vulnerabilityFingerprint } from './identity';
import { isNetworkMisconfiguration } from './network';
import { severityFromWord } from './severity';
import {
  NormalizedFinding,
  ParseLimits,
  ParseProblem,
  ParseResult,
  Severity,
} from './types';

const int = z.number().int();
const strings = z.array(z.string()).nullable().optional();

const frameSchema = z.looseObject({
  SchemaVersion: z.literal(2),
  ArtifactName: z.string().optional(),
  ArtifactType: z.string().optional(),
  Results: z
    .array(
      z.looseObject({
        Target: z.string(),
        Class: z.string().optional(),
        Type: z.string().optional(),
        Vulnerabilities: z.array(z.unknown()).nullable().optional(),
        Misconfigurations: z.array(z.unknown()).nullable().optional(),
        Secrets: z.array(z.unknown()).nullable().optional(),
      }),
    )
    .nullable()
    .optional(),
});

const vulnerabilitySchema = z.looseObject({
  VulnerabilityID: z.string(),
  VendorIDs: strings,
  PkgName: z.string(),
  InstalledVersion: z.string(),
  FixedVersion: z.string().optional(),
  Title: z.string().optional(),
  Description: z.string().optional(),
  Severity: z.string(),
  PrimaryURL: z.string().optional(),
  References: strings,
});

const misconfigurationSchema = z.looseObject({
  Type: z.string().optional(),
  ID: z.string(),
  AVDID: z.string().optional(),
  Title: z.string().optional(),
  Description: z.string().optional(),
  Message: z.string().optional(),
  Resolution: z.string().optional(),
  Severity: z.string(),
  PrimaryURL: z.string().optional(),
  References: strings,
  Status: z.string().optional(),
  CauseMetadata: z
    .looseObject({
      Resource: z.string().optional(),
      Provider: z.string().optional(),
      Service: z.string().optional(),
      StartLine: int.optional(),
      EndLine: int.optional(),
    })
    .optional(),
});

const secretSchema = z.looseObject({
  RuleID: z.string(),
  Category: z.string().optional(),
  Severity: z.string(),
  Title: z.string().optional(),
  StartLine: int.optional(),
  EndLine: int.optional(),
});

function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.message}${
    issue.path.length ? ` at ${issue.path.join('.')}` : ''
  }`;
}

function severityOf(word: string, read: ItemReader): Severity {
  const severity = severityFromWord(word);
  if (!severity) {
    read.refuse('invalid-shape', `unknown severity "${word.slice(0, 40)}"`);
  }
  return severity;
}

/**
 * The advisory id a vulnerability is known by across tools: the id itself
 * when it is a CVE, else the first CVE among its aliases, else the id.
 *
 * @public
 */
export function canonicalAdvisoryId(
  id: string,
  aliases: readonly string[],
): string {
  const upper = id.toUpperCase();
  if (upper.startsWith('CVE-')) return upper;
  const cve = aliases.find(alias => alias.toUpperCase().startsWith('CVE-'));
  return (cve ?? id).toUpperCase();
}

/**
 * Parses Trivy's JSON report (`trivy image|fs|repo|config --format json`,
 * SchemaVersion 2): `Results[].Vulnerabilities` (category `image` when the
 * artifact is a container image, else `dependency`), `Misconfigurations`
 * (failures only; `network` when about NetworkPolicy, security groups or
 * firewall rules, else `iac`) and `Secrets`. Never throws: see {@link parseSarif}.
 *
 * @public
 */
export function parseTrivyJson(
  input: unknown,
  options: { limits?: Partial<ParseLimits> } = {},
): ParseResult {
  const format = 'trivy-json' as const;
  const limits = resolveLimits(options.limits);
  const doc = readDocument(input, limits);
  if (!doc.ok) return { ok: false, format, error: doc.error };
  if (doc.value.SchemaVersion !== 2) {
    return {
      ok: false,
      format,
      error: {
        code: 'unsupported-version',
        path: 'SchemaVersion',
        message: `only Trivy's JSON SchemaVersion 2 is accepted, this report says ${JSON.stringify(
          doc.value.SchemaVersion ?? null,
        ).slice(0, 40)}`,
      },
    };
  }
  const frame = frameSchema.safeParse(doc.value);
  if (!frame.success) {
    return {
      ok: false,
      format,
      error: {
        code: 'invalid-shape',
        path: frame.error.issues[0].path.join('.'),
        message: `not a Trivy JSON report: ${zodMessage(frame.error)}`,
      },
    };
  }
  const isImage = frame.data.ArtifactType === 'container_image';
  const findings: NormalizedFinding[] = [];
  const problems: ParseProblem[] = [];
  const seen = new Set<string>();
  let duplicates = 0;

  const each = <T>(
    items: unknown[] | null | undefined,
    basePath: string,
    schema: z.ZodType<T>,
    what: string,
    normalize: (item: T, read: ItemReader) => NormalizedFinding | undefined,
  ) => {
    for (const [index, raw] of (items ?? []).entries()) {
      const path = `${basePath}[${index}]`;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        problems.push({
          path,
          kind: 'invalid-shape',
          message: `${path}: not a Trivy ${what}: ${zodMessage(parsed.error)}`,
          dropped: true,
        });
        continue;
      }
      try {
        const finding = normalize(
          parsed.data,
          new ItemReader(path, limits, problems),
        );
        if (!finding) continue;
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
  };

  for (const [resultIndex, result] of (frame.data.Results ?? []).entries()) {
    const base = `Results[${resultIndex}]`;

    each(
      result.Vulnerabilities,
      `${base}.Vulnerabilities`,
      vulnerabilitySchema,
      'vulnerability',
      (v, read) => {
        const target = read.identifier(result.Target, 'Target');
        const id = read.identifier(v.VulnerabilityID, 'VulnerabilityID');
        const pkg = read.identifier(v.PkgName, 'PkgName');
        const version = read.identifier(v.InstalledVersion, 'InstalledVersion');
        if (!id || !pkg || !version) {
          return read.refuse(
            'missing-identity',
            'a vulnerability needs VulnerabilityID, PkgName and InstalledVersion',
          );
        }
        const aliases = (v.VendorIDs ?? [])
          .map(a => read.identifier(a, 'VendorIDs')!)
          .filter(Boolean);
        const advisory = canonicalAdvisoryId(id, aliases);
        const fixed = read.identifier(v.FixedVersion, 'FixedVersion');
        return {
          fingerprint: vulnerabilityFingerprint(advisory, pkg, version),
          identityBasis: 'vulnerability',
          tool: 'trivy',
          ruleId: advisory,
          category: isImage ? 'image' : 'dependency',
          severity: severityOf(v.Severity, read),
          title: read.title(
            v.Title ? `${advisory}: ${v.Title}` : `${advisory} in ${pkg}`,
            'Title',
          ),
          message: read.message(v.Description ?? '', 'Description'),
          ...(target ? { location: { path: target } } : {}),
          vulnerability: {
            id: advisory,
            aliases: [
              id.toUpperCase(),
              ...aliases.map(a => a.toUpperCase()),
            ].filter(a => a !== advisory),
            packageName: pkg,
            installedVersion: version,
            ...(fixed ? { fixedVersion: fixed } : {}),
          },
          links: read.links(
            [v.PrimaryURL, ...(v.References ?? [])],
            'References',
          ),
        };
      },
    );

    each(
      result.Misconfigurations,
      `${base}.Misconfigurations`,
      misconfigurationSchema,
      'misconfiguration',
      (m, read) => {
        if (m.Status !== undefined && m.Status !== 'FAIL') return undefined;
        const target = read.identifier(result.Target, 'Target');
        const ruleId = read.identifier(m.AVDID || m.ID, 'ID');
        if (!ruleId || !target) {
          return read.refuse(
            'missing-identity',
            'a misconfiguration needs an ID and its result a Target',
          );
        }
        const resource = read.identifier(
          m.CauseMetadata?.Resource,
          'CauseMetadata.Resource',
        );
        const startLine = m.CauseMetadata?.StartLine;
        const network = isNetworkMisconfiguration([
          m.Type,
          m.ID,
          m.Title,
          m.Message,
          resource,
          m.CauseMetadata?.Service,
          result.Type,
        ]);
        return {
          fingerprint: fingerprintOf(
            resource
              ? ['misconfiguration', ruleId, target, resource]
              : ['misconfiguration', ruleId, target, String(startLine ?? '')],
          ),
          identityBasis: resource ? 'rule-resource' : 'rule-location',
          tool: 'trivy',
          ruleId,
          category: network ? 'network' : 'iac',
          severity: severityOf(m.Severity, read),
          title: read.title(m.Title ?? ruleId, 'Title'),
          message: read.message(
            [m.Message, m.Description, m.Resolution]
              .filter(Boolean)
              .join('\n\n'),
            'Message',
          ),
          location: {
            path: target,
            ...(startLine !== undefined ? { startLine } : {}),
            ...(m.CauseMetadata?.EndLine !== undefined
              ? { endLine: m.CauseMetadata.EndLine }
              : {}),
          },
          links: read.links(
            [m.PrimaryURL, ...(m.References ?? [])],
            'References',
          ),
        };
      },
    );

    each(
      result.Secrets,
      `${base}.Secrets`,
      secretSchema,
      'secret',
      (s, read) => {
        const target = read.identifier(result.Target, 'Target');
        const ruleId = read.identifier(s.RuleID, 'RuleID');
        if (!ruleId || !target) {
          return read.refuse(
            'missing-identity',
            'a secret needs a RuleID and its result a Target',
          );
        }
        return {
          fingerprint: fingerprintOf([
            'secret',
            ruleId,
            target,
            String(s.StartLine ?? ''),
          ]),
          identityBasis: 'rule-location',
          tool: 'trivy',
          ruleId,
          category: 'secret',
          severity: severityOf(s.Severity, read),
          title: read.title(s.Title ?? ruleId, 'Title'),
          // The match itself is never kept: Trivy redacts it, and a secret has no business in the portal.
          message: read.message(
            `${s.Title ?? ruleId} in ${target}${
              s.StartLine !== undefined ? ` at line ${s.StartLine}` : ''
            }`,
            'Title',
          ),
          location: {
            path: target,
            ...(s.StartLine !== undefined ? { startLine: s.StartLine } : {}),
            ...(s.EndLine !== undefined ? { endLine: s.EndLine } : {}),
          },
          links: [],
        };
      },
    );
  }
  return { ok: true, format, findings, problems, duplicates };
}
