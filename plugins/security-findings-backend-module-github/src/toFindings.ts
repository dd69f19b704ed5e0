import { replaceControlCharacters } from '@integrated-ops/plugin-integrated-ops-common';
import {
  fingerprintOf,
  NormalizedFinding,
  Severity,
  severityFromWord,
} from '@integrated-ops/plugin-security-findings-common';
import { CodeScanningAlert, DependabotAlert } from './githubAlerts';

const TITLE = 512;
const MESSAGE = 16 * 1024;
const ID = 1024;

const line = (text: string, max = TITLE) =>
  replaceControlCharacters(text).replace(/\s+/g, ' ').trim().slice(0, max);
const text = (value: string) =>
  replaceControlCharacters(value, { multiline: true }).slice(0, MESSAGE);
const httpLink = (url?: string) =>
  url && /^https?:\/\//i.test(url) && url.length <= ID ? [url] : [];
const instant = (value: string) => {
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
};

/** Code scanning's severity: the security level when there is one, else the rule's (error/warning/note). */
function codeScanningSeverity(alert: CodeScanningAlert): Severity {
  const level = alert.rule.security_severity_level;
  if (level) return severityFromWord(level) ?? 'medium';
  switch (alert.rule.severity) {
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    case 'note':
      return 'low';
    default:
      return 'info';
  }
}

/** A code scanning alert of `repo` as a finding; its identity is the repository and alert number. */
export function codeScanningFinding(
  repo: string,
  alert: CodeScanningAlert,
): NormalizedFinding {
  const location = alert.most_recent_instance?.location;
  const tool = line(alert.tool.name, 64).toLowerCase();
  const ruleId = line(alert.rule.id ?? alert.rule.name ?? 'unknown', ID);
  const isSecret = /secret/.test(tool);
  const created = instant(alert.created_at);
  return {
    fingerprint: fingerprintOf([
      'github-code-scanning',
      repo,
      String(alert.number),
    ]),
    identityBasis: 'vendor-alert',
    tool,
    ruleId,
    category: isSecret ? 'secret' : 'code',
    severity: codeScanningSeverity(alert),
    title: line(alert.rule.description ?? alert.rule.name ?? ruleId),
    message: text(alert.most_recent_instance?.message?.text ?? ''),
    ...(location?.path
      ? {
          location: {
            path: line(location.path, ID),
            startLine: location.start_line,
            endLine: location.end_line,
            startColumn: location.start_column,
          },
        }
      : {}),
    links: httpLink(alert.html_url),
    ...(created ? { firstDetectedAt: created } : {}),
  };
}

/** A Dependabot alert of `repo` as a dependency finding, its advisory the CVE when it has one. */
export function dependabotFinding(
  repo: string,
  alert: DependabotAlert,
): NormalizedFinding {
  const advisory = alert.security_advisory;
  const id = line(advisory.cve_id ?? advisory.ghsa_id, ID);
  const fixed = alert.security_vulnerability?.first_patched_version?.identifier;
  const created = instant(alert.created_at);
  return {
    fingerprint: fingerprintOf([
      'github-dependabot',
      repo,
      String(alert.number),
    ]),
    identityBasis: 'vendor-alert',
    tool: 'dependabot',
    ruleId: id,
    category: 'dependency',
    severity: severityFromWord(advisory.severity) ?? 'medium',
    title: line(advisory.summary),
    message: text(advisory.description ?? advisory.summary),
    ...(alert.dependency.manifest_path
      ? { location: { path: line(alert.dependency.manifest_path, ID) } }
      : {}),
    vulnerability: {
      id: id.toUpperCase(),
      aliases: advisory.cve_id ? [line(advisory.ghsa_id, ID)] : [],
      packageName: line(alert.dependency.package.name, ID),
      installedVersion: line(
        alert.security_vulnerability?.vulnerable_version_range ?? 'unknown',
        ID,
      ),
      ...(fixed ? { fixedVersion: line(fixed, ID) } : {}),
    },
    links: httpLink(alert.html_url),
    ...(created ? { firstDetectedAt: created } : {}),
  };
}
