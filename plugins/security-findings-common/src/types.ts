/**
 * How serious a finding is, the same five steps for every scanner.
 *
 * @public
 */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/**
 * The severities, most serious first.
 *
 * @public
 */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
];

/**
 * What kind of thing a finding is about, which decides the discipline that owns it.
 *
 * - `code`: a static-analysis result on source code (Semgrep, CodeQL, flawfinder, any SARIF producer).
 * - `dependency`: a known vulnerability in a package the component depends on.
 * - `image`: a known vulnerability in a container image's packages.
 * - `secret`: a credential found in the repository (Gitleaks, Trivy secrets).
 * - `iac`: an infrastructure-as-code misconfiguration that is not about the network (Dockerfile, Kubernetes workload, storage...).
 * - `network`: a network misconfiguration (Kubernetes NetworkPolicy, security groups, firewall rules).
 *
 * @public
 */
export type FindingCategory =
  | 'code'
  | 'dependency'
  | 'image'
  | 'secret'
  | 'iac'
  | 'network';

/**
 * The categories, in a fixed order.
 *
 * @public
 */
export const FINDING_CATEGORIES: readonly FindingCategory[] = [
  'code',
  'dependency',
  'image',
  'secret',
  'iac',
  'network',
];

/**
 * Where a finding was seen in the component's source or artifact.
 *
 * @public
 */
export interface FindingLocation {
  /** The path or URI as the scanner wrote it. */
  path: string;
  /** First line, 1-based, when the scanner gives it. */
  startLine?: number;
  /** Last line, 1-based. */
  endLine?: number;
  /** First column, 1-based. */
  startColumn?: number;
}

/**
 * The vulnerable package a dependency or image finding is about.
 *
 * @public
 */
export interface FindingVulnerability {
  /** CVE, GHSA or the scanner's own advisory id, upper-cased. */
  id: string;
  /** Other ids of the same advisory (a GHSA's CVE, for example). */
  aliases: string[];
  /** The package as the scanner names it. */
  packageName: string;
  /** The version found installed. */
  installedVersion: string;
  /** The first version that fixes it, when there is one. */
  fixedVersion?: string;
}

/**
 * How a finding's fingerprint was made, strongest first.
 *
 * - `partialFingerprints`: the SARIF result's `partialFingerprints` (Semgrep, CodeQL, Gitleaks).
 * - `fingerprints`: the SARIF result's `fingerprints` (flawfinder).
 * - `vulnerability`: advisory id + package + installed version (dependencies and images, any tool).
 * - `rule-location`: rule + path + line and column, the fallback when the tool gives nothing better.
 * - `rule-resource`: rule + target + resource (Trivy misconfigurations naming the resource).
 *
 * @public
 */
export type IdentityBasis =
  | 'partialFingerprints'
  | 'fingerprints'
  | 'vulnerability'
  | 'rule-location'
  | 'rule-resource'
  /** A vendor's own alert number (GitHub code scanning, Dependabot). */
  | 'vendor-alert';

/**
 * One finding as every parser returns it. Text comes from the scanner and is
 * untrusted: render it as text, never as HTML. Links are http(s) only.
 *
 * @public
 */
export interface NormalizedFinding {
  /** Stable identity: the same finding in two runs has the same fingerprint (hex SHA-256). */
  fingerprint: string;
  /** What the fingerprint was made from. */
  identityBasis: IdentityBasis;
  /** The tool as it names itself, lower-cased (`trivy`, `gitleaks`, `semgrep`, `grype`...). */
  tool: string;
  /** The scanner's rule, check or advisory id (a CVE for vulnerabilities). */
  ruleId: string;
  /** What the finding is about, which decides its owner. */
  category: FindingCategory;
  /** Normalized severity. */
  severity: Severity;
  /** One line. */
  title: string;
  /** May hold line breaks and tabs; nothing else of the control characters. */
  message: string;
  /** Where it was seen, when the scanner says. */
  location?: FindingLocation;
  /** The vulnerable package, for dependency and image findings. */
  vulnerability?: FindingVulnerability;
  /** http(s) links only, at most {@link ParseLimits.maxLinks}. */
  links: string[];
  /**
   * When the scanner says it first detected the finding (SARIF
   * `result.provenance.firstDetectionTimeUtc`), as an ISO 8601 instant in
   * UTC. The life cycle takes it as first seen only when earlier than the
   * report: a scanner may shorten a clock, never lengthen it.
   */
  firstDetectedAt?: string;
}

/**
 * What was wrong with one item of a report (one SARIF result, one Trivy
 * vulnerability, one Grype match). `dropped` says whether the item was left
 * out (its identity could not be trusted) or kept with the problem noted
 * (a message truncated, a link that was not http(s) removed).
 *
 * @public
 */
export interface ParseProblem {
  /** JSON path of the item, such as `runs[0].results[3]`. */
  path: string;
  /** What was wrong. */
  kind:
    | 'invalid-shape'
    | 'control-character'
    | 'too-long'
    | 'truncated'
    | 'link-dropped'
    | 'missing-identity';
  /** Words for a person, starting with the path. */
  message: string;
  /** True when the item was left out, false when it was kept with the problem noted. */
  dropped: boolean;
}

/**
 * Why a whole report was refused.
 *
 * - `not-json`: the text does not parse as JSON.
 * - `too-large`: the text is longer than {@link ParseLimits.maxDocumentLength}.
 * - `too-deep`: nested deeper than {@link ParseLimits.maxDepth} (checked before anything walks it).
 * - `not-an-object`: the top level is not a JSON object.
 * - `unsupported-version`: a SARIF version other than 2.1.0, a Trivy schema other than 2.
 * - `invalid-shape`: the document's frame (runs, Results, matches...) is not what the format says.
 * - `control-character`: a document-level text (a tool name) holds a control character.
 * - `too-long`: a document-level text is longer than the cap.
 *
 * @public
 */
export type ReportErrorCode =
  | 'not-json'
  | 'too-large'
  | 'too-deep'
  | 'not-an-object'
  | 'unsupported-version'
  | 'invalid-shape'
  | 'control-character'
  | 'too-long';

/**
 * A whole-document refusal: the code, the JSON path when there is one, and words for a person.
 *
 * @public
 */
export interface ReportError {
  /** Why, as a code. */
  code: ReportErrorCode;
  /** JSON path of the offending field, when there is one. */
  path?: string;
  /** Words for a person. */
  message: string;
}

/**
 * The formats the parsers read.
 *
 * @public
 */
export type ReportFormat = 'sarif' | 'trivy-json' | 'grype-json';

/**
 * What a parser answers: the findings and the problems of single items, or
 * the reason the whole report was refused. Never throws.
 *
 * @public
 */
export type ParseResult =
  | {
      ok: true;
      format: ReportFormat;
      findings: NormalizedFinding[];
      problems: ParseProblem[];
      /** Items that had the fingerprint of an earlier item of the same report and were merged into it. */
      duplicates: number;
    }
  | { ok: false; format: ReportFormat; error: ReportError };

/**
 * The caps every parser applies; each has a default.
 *
 * @public
 */
export interface ParseLimits {
  /** Longest JSON text accepted, in UTF-16 code units (default 64 MiB). */
  maxDocumentLength: number;
  /** Deepest nesting of arrays and objects accepted (default 64; SARIF from real tools stays under 20). */
  maxDepth: number;
  /** Longest identifier (rule id, path, fingerprint value, package, version), refused above (default 1,024). */
  maxIdentifierLength: number;
  /** Longest title, truncated above (default 512). */
  maxTitleLength: number;
  /** Longest message, truncated above (default 16,384). */
  maxMessageLength: number;
  /** Most links kept per finding (default 20); each at most maxIdentifierLength long. */
  maxLinks: number;
}

/**
 * The default caps.
 *
 * @public
 */
export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxDocumentLength: 64 * 1024 * 1024,
  maxDepth: 64,
  maxIdentifierLength: 1024,
  maxTitleLength: 512,
  maxMessageLength: 16 * 1024,
  maxLinks: 20,
};

/**
 * The events-service topic on which the change requests plugin announces
 * risk acceptances: applied (the finding's risk is accepted until a date),
 * expired, revoked or refused. Only an applied risk-acceptance request,
 * approved by the owners the catalog names, accepts a finding's risk.
 *
 * @public
 */
export const RISK_ACCEPTANCE_TOPIC = 'security-findings.risk-acceptance';

/**
 * The events-service topic on which the security-findings plugin announces
 * that a component's findings changed (a report ingested or pulled, a risk
 * accepted or ended), with `{ entityRefs }`, for readers of its figures
 * such as the scorecards' facts.
 *
 * @public
 */
export const FINDINGS_CHANGED_TOPIC = 'security-findings.findings-changed';

/**
 * One risk-acceptance request as announced on {@link RISK_ACCEPTANCE_TOPIC}.
 *
 * @public
 */
export interface RiskAcceptanceChange {
  /** The change request's id. */
  request: string;
  /** The component (full entity ref, lower case). */
  entityRef: string;
  /** The finding's id in this plugin. */
  finding: string;
  /** The request's state: `applied` accepts; `expired`, `revoked` end it; others change nothing. */
  state: string;
  /** When the acceptance ends (ISO 8601). */
  until?: string;
  /** When it was applied (ISO 8601). */
  appliedAt?: string;
}

/**
 * The payload of a {@link RISK_ACCEPTANCE_TOPIC} event.
 *
 * @public
 */
export interface RiskAcceptanceEvent {
  /** The requests that changed state (or, at start, every applied one). */
  changes: RiskAcceptanceChange[];
}
