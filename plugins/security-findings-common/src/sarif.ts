import type * as Sarif from 'sarif';
import { z } from 'zod';
import {
  documentText,
  ItemReader,
  ItemRefused,
  readDocument,
  resolveLimits,
} from './guards';
import { fingerprintOf, vulnerabilityFingerprint } from './identity';
import { isNetworkMisconfiguration } from './network';
import {
  severityFromSarifLevel,
  severityFromScore,
  severityFromWord,
} from './severity';
import {
  FindingCategory,
  IdentityBasis,
  NormalizedFinding,
  ParseLimits,
  ParseProblem,
  ParseResult,
  Severity,
} from './types';

const int = z.number().int();
const level = z.enum(['none', 'note', 'warning', 'error']);
const message = z.looseObject({
  text: z.string().optional(),
  markdown: z.string().optional(),
  id: z.string().optional(),
  arguments: z.array(z.string()).optional(),
});
const multiformat = z.looseObject({
  text: z.string(),
  markdown: z.string().optional(),
});
const properties = z.looseObject({
  tags: z.array(z.string()).optional(),
  'security-severity': z.union([z.string(), z.number()]).optional(),
});

const locationSchema = z.looseObject({
  physicalLocation: z
    .looseObject({
      artifactLocation: z
        .looseObject({
          uri: z.string().optional(),
          uriBaseId: z.string().optional(),
        })
        .optional(),
      region: z
        .looseObject({
          startLine: int.optional(),
          startColumn: int.optional(),
          endLine: int.optional(),
          endColumn: int.optional(),
        })
        .optional(),
    })
    .optional(),
});

type RuleRead = Pick<
  Sarif.ReportingDescriptor,
  | 'id'
  | 'name'
  | 'shortDescription'
  | 'fullDescription'
  | 'helpUri'
  | 'defaultConfiguration'
  | 'properties'
  | 'messageStrings'
>;

const ruleSchema: z.ZodType<RuleRead> = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  shortDescription: multiformat.optional(),
  fullDescription: multiformat.optional(),
  helpUri: z.string().optional(),
  defaultConfiguration: z.looseObject({ level: level.optional() }).optional(),
  properties: properties.optional(),
  messageStrings: z.record(z.string(), multiformat).optional(),
});

type ResultRead = Pick<
  Sarif.Result,
  | 'ruleId'
  | 'ruleIndex'
  | 'rule'
  | 'kind'
  | 'level'
  | 'message'
  | 'locations'
  | 'partialFingerprints'
  | 'fingerprints'
  | 'properties'
  | 'hostedViewerUri'
  | 'provenance'
>;

const resultSchema: z.ZodType<ResultRead> = z.looseObject({
  ruleId: z.string().optional(),
  ruleIndex: int.optional(),
  rule: z
    .looseObject({
      id: z.string().optional(),
      index: int.optional(),
      toolComponent: z
        .looseObject({ name: z.string().optional(), index: int.optional() })
        .optional(),
    })
    .optional(),
  kind: z
    .enum(['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'])
    .optional(),
  level: level.optional(),
  message,
  locations: z.array(locationSchema).optional(),
  partialFingerprints: z.record(z.string(), z.string()).optional(),
  fingerprints: z.record(z.string(), z.string()).optional(),
  properties: properties.optional(),
  hostedViewerUri: z.string().optional(),
  provenance: z
    .looseObject({ firstDetectionTimeUtc: z.string().optional() })
    .optional(),
});

const toolComponent = z.looseObject({
  name: z.string(),
  rules: z.array(z.unknown()).optional(),
});

const frameSchema = z.looseObject({
  version: z.literal('2.1.0'),
  runs: z.array(
    z.looseObject({
      tool: z.looseObject({
        driver: toolComponent,
        extensions: z.array(toolComponent).optional(),
      }),
      results: z.array(z.unknown()).nullable().optional(),
    }),
  ),
});

const SECRET_TOOLS = new Set(['gitleaks', 'trufflehog', 'detect-secrets']);
const TRIVY_SEVERITY_TAGS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'];

/**
 * A rule's texts cut once, one character past the caps (so that the item
 * reader still notes the cut): a rule is read again for every result that
 * names it, and its text must not make each of them cost its full length.
 */
function capRule(rule: RuleRead, limits: ParseLimits): RuleRead {
  const cap = (text: string | undefined, max: number) =>
    text !== undefined && text.length > max ? text.slice(0, max + 1) : text;
  const multi = (m: RuleRead['shortDescription']) =>
    m && { ...m, text: cap(m.text, limits.maxMessageLength)! };
  const strings = Object.entries(rule.messageStrings ?? {}).slice(0, 100);
  return {
    ...rule,
    name: cap(rule.name, limits.maxTitleLength),
    shortDescription: multi(rule.shortDescription),
    fullDescription: multi(rule.fullDescription),
    helpUri: cap(rule.helpUri, limits.maxIdentifierLength),
    messageStrings: rule.messageStrings
      ? Object.fromEntries(strings.map(([k, v]) => [k, multi(v)!]))
      : undefined,
  };
}

/** The rules of one tool component, by index and by id; a malformed rule is left out (results then go without it). */
function readRules(
  rules: unknown[] | undefined,
  limits: ParseLimits,
): {
  byIndex: Array<RuleRead | undefined>;
  byId: Map<string, RuleRead>;
} {
  const byIndex: Array<RuleRead | undefined> = [];
  const byId = new Map<string, RuleRead>();
  for (const raw of rules ?? []) {
    const parsed = ruleSchema.safeParse(raw);
    const rule = parsed.success ? capRule(parsed.data, limits) : undefined;
    byIndex.push(rule);
    if (rule && !byId.has(rule.id)) byId.set(rule.id, rule);
  }
  return { byIndex, byId };
}

function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  const at = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return `${issue.message}${at}`;
}

function sarifSeverity(
  result: ResultRead,
  rule: RuleRead | undefined,
): Severity {
  const scored =
    severityFromScore(
      result.properties?.['security-severity'] as string | number | undefined,
    ) ??
    severityFromScore(
      rule?.properties?.['security-severity'] as string | number | undefined,
    );
  if (scored) return scored;
  const tags = [
    ...(rule?.properties?.tags ?? []),
    ...(result.properties?.tags ?? []),
  ];
  const tagged = tags.find(tag => TRIVY_SEVERITY_TAGS.includes(tag));
  if (tagged) return severityFromWord(tagged)!;
  return severityFromSarifLevel(
    result.level ?? rule?.defaultConfiguration?.level ?? 'warning',
  );
}

function sarifCategory(
  tool: string,
  rule: RuleRead | undefined,
  texts: string[],
): FindingCategory {
  if (SECRET_TOOLS.has(tool)) return 'secret';
  const tags = rule?.properties?.tags ?? [];
  if (tool === 'trivy') {
    if (tags.includes('secret')) return 'secret';
    if (tags.includes('misconfiguration')) {
      return isNetworkMisconfiguration([rule?.name, rule?.id, ...texts])
        ? 'network'
        : 'iac';
    }
    if (tags.includes('vulnerability')) {
      return rule?.name === 'OsPackageVulnerability' ? 'image' : 'dependency';
    }
  }
  if (tool === 'grype') return 'dependency';
  return 'code';
}

function messageText(
  result: ResultRead,
  rule: RuleRead | undefined,
  limits: ParseLimits,
): string {
  const m = result.message;
  if (m.text !== undefined) return m.text;
  if (m.id !== undefined) {
    const template = rule?.messageStrings?.[m.id]?.text;
    if (template !== undefined) {
      // Filled in no further than the message can be long.
      let length = 0;
      return template.replace(/\{(\d+)\}/g, (whole, n) => {
        if (length > limits.maxMessageLength) return '';
        const arg = String(m.arguments?.[Number(n)] ?? whole).slice(
          0,
          limits.maxMessageLength + 1,
        );
        length += arg.length;
        return arg;
      });
    }
  }
  return m.markdown ?? '';
}

/** "Package: x" and "Installed Version: y" from Trivy's SARIF message. */
function trivyPackage(
  text: string,
): { name: string; version: string } | undefined {
  const name = /^Package: (.+)$/m.exec(text)?.[1];
  const version = /^Installed Version: (.+)$/m.exec(text)?.[1];
  return name && version ? { name, version } : undefined;
}

function sortedEntries(record: Record<string, string>): string[] {
  return Object.keys(record)
    .sort()
    .map(key => `${key}=${record[key]}`);
}

/**
 * Parses a SARIF 2.1.0 log (Semgrep, Gitleaks, CodeQL, Trivy
 * `--format sarif`, flawfinder, any producer) into normalized findings. Takes the JSON
 * text or the value already parsed. Never throws: a document that is not
 * SARIF 2.1.0 is answered with a {@link ReportError}; a result that cannot be
 * read is left out with a {@link ParseProblem}, the others kept.
 *
 * Results of kind `pass` and `notApplicable` are not findings and are skipped.
 * SARIF suppressions are ignored on purpose: only a risk acceptance silences a finding.
 *
 * @public
 */
export function parseSarif(
  input: unknown,
  options: { limits?: Partial<ParseLimits> } = {},
): ParseResult {
  const format = 'sarif' as const;
  const limits = resolveLimits(options.limits);
  const doc = readDocument(input, limits);
  if (!doc.ok) return { ok: false, format, error: doc.error };
  const version = doc.value.version;
  if (version !== '2.1.0') {
    return {
      ok: false,
      format,
      error: {
        code: 'unsupported-version',
        path: 'version',
        message: `only SARIF 2.1.0 is accepted, this log says ${
          typeof version === 'string'
            ? `"${version.slice(0, 40)}"`
            : 'no version'
        }`,
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
        message: `not a SARIF 2.1.0 log: ${describeZodError(frame.error)}`,
      },
    };
  }

  const findings: NormalizedFinding[] = [];
  const problems: ParseProblem[] = [];
  const seen = new Set<string>();
  let duplicates = 0;

  for (const [runIndex, run] of frame.data.runs.entries()) {
    const named = documentText(
      run.tool.driver.name,
      `runs[${runIndex}].tool.driver.name`,
      limits,
    );
    if (!named.ok) return { ok: false, format, error: named.error };
    const tool = named.text.trim().toLowerCase();
    const driverRules = readRules(run.tool.driver.rules, limits);
    const extensionRules = (run.tool.extensions ?? []).map(e =>
      readRules(e.rules, limits),
    );

    for (const [resultIndex, raw] of (run.results ?? []).entries()) {
      const path = `runs[${runIndex}].results[${resultIndex}]`;
      const parsed = resultSchema.safeParse(raw);
      if (!parsed.success) {
        problems.push({
          path,
          kind: 'invalid-shape',
          message: `${path}: not a SARIF result: ${describeZodError(
            parsed.error,
          )}`,
          dropped: true,
        });
        continue;
      }
      const result = parsed.data;
      if (result.kind === 'pass' || result.kind === 'notApplicable') continue;
      try {
        const finding = normalizeResult(
          result,
          tool,
          driverRules,
          extensionRules,
          new ItemReader(path, limits, problems),
        );
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
  }
  return { ok: true, format, findings, problems, duplicates };
}

function normalizeResult(
  result: ResultRead,
  tool: string,
  driverRules: ReturnType<typeof readRules>,
  extensionRules: Array<ReturnType<typeof readRules>>,
  read: ItemReader,
): NormalizedFinding {
  const componentIndex = result.rule?.toolComponent?.index;
  const rules =
    componentIndex !== undefined
      ? extensionRules[componentIndex] ?? driverRules
      : driverRules;
  const ruleIndex = result.rule?.index ?? result.ruleIndex;
  const wantedId = result.ruleId ?? result.rule?.id;
  let rule = ruleIndex !== undefined ? rules.byIndex[ruleIndex] : undefined;
  if (rule && wantedId !== undefined && rule.id !== wantedId) rule = undefined;
  rule ??= wantedId !== undefined ? rules.byId.get(wantedId) : undefined;

  const ruleId = read.identifier(wantedId ?? rule?.id, 'ruleId');
  if (ruleId === undefined) {
    read.refuse('missing-identity', 'the result names no rule (ruleId)');
  }

  const physical = result.locations?.[0]?.physicalLocation;
  const uri = read.identifier(physical?.artifactLocation?.uri, 'location uri');
  const region = physical?.region;
  const location = uri
    ? {
        path: uri,
        startLine: region?.startLine,
        endLine: region?.endLine,
        startColumn: region?.startColumn,
      }
    : undefined;

  const rawMessage = messageText(result, rule, read.limits);
  const text = read.message(rawMessage, 'message');
  const title = read.title(
    rule?.shortDescription?.text ?? rule?.name ?? ruleId,
    'rule short description',
  );
  const category = sarifCategory(tool, rule, [title, rawMessage]);
  const severity = sarifSeverity(result, rule);
  const links = read.links([rule?.helpUri, result.hostedViewerUri], 'links');
  const firstDetectedAt = read.instant(
    result.provenance?.firstDetectionTimeUtc,
    'provenance.firstDetectionTimeUtc',
  );

  let identityBasis: IdentityBasis;
  let fingerprint: string;
  let vulnerability: NormalizedFinding['vulnerability'];
  const pkg =
    (category === 'image' || category === 'dependency') && tool === 'trivy'
      ? trivyPackage(rawMessage)
      : undefined;
  const partial = fingerprintEntries(
    result.partialFingerprints,
    read,
    'partialFingerprints',
  );
  const full = fingerprintEntries(result.fingerprints, read, 'fingerprints');
  if (pkg) {
    const name = read.identifier(pkg.name, 'package')!;
    const version = read.identifier(pkg.version, 'installed version')!;
    identityBasis = 'vulnerability';
    fingerprint = vulnerabilityFingerprint(ruleId, name, version);
    const fixed = /^Fixed Version: (.+)$/m.exec(rawMessage)?.[1];
    vulnerability = {
      id: ruleId.toUpperCase(),
      aliases: [],
      packageName: name,
      installedVersion: version,
      ...(fixed
        ? { fixedVersion: read.identifier(fixed, 'fixed version') }
        : {}),
    };
  } else if (partial.length > 0) {
    identityBasis = 'partialFingerprints';
    fingerprint = fingerprintOf(['sarif-partial', tool, ruleId, ...partial]);
  } else if (full.length > 0) {
    identityBasis = 'fingerprints';
    fingerprint = fingerprintOf(['sarif-full', tool, ruleId, ...full]);
  } else {
    identityBasis = 'rule-location';
    fingerprint = fingerprintOf([
      'sarif-location',
      tool,
      ruleId,
      location?.path ?? '',
      String(location?.startLine ?? ''),
      String(location?.startColumn ?? ''),
    ]);
  }

  return {
    fingerprint,
    identityBasis,
    tool,
    ruleId,
    category,
    severity,
    title,
    message: text,
    ...(location ? { location } : {}),
    ...(vulnerability ? { vulnerability } : {}),
    links,
    ...(firstDetectedAt ? { firstDetectedAt } : {}),
  };
}

/**
 * `key=value` entries of a (partial) fingerprint map, sorted by key. Values may
 * be multi-line (Gitleaks puts the commit message in), never hold other
 * control characters, and are capped at the message length.
 */
function fingerprintEntries(
  record: Record<string, string> | undefined,
  read: ItemReader,
  field: string,
): string[] {
  if (!record) return [];
  const entries = sortedEntries(record);
  for (const entry of entries) {
    if (entry.length > read.limits.maxMessageLength) {
      read.refuse(
        'too-long',
        `a value of ${field} is longer than the ${read.limits.maxMessageLength} characters accepted`,
      );
    }
    read.message(entry, field);
  }
  return entries;
}
