import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGrypeJson } from './grype';
import { vulnerabilityFingerprint } from './identity';
import { parseSarif } from './sarif';
import { parseTrivyJson } from './trivy';
import { NormalizedFinding, ParseResult } from './types';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

function findingsOf(result: ParseResult): NormalizedFinding[] {
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result.findings;
}

describe('parseSarif on real SARIF', () => {
  it('reads flawfinder (Debian) with its fingerprints, levels and locations', () => {
    const result = parseSarif(fixture('flawfinder-login-c.sarif'));
    const findings = findingsOf(result);
    expect(result.ok && result.problems).toEqual([]);
    expect(
      findings.map(f => [f.ruleId, f.severity, f.location?.startLine]),
    ).toEqual([
      ['FF1013', 'low', 5],
      ['FF1001', 'high', 6],
      ['FF1016', 'high', 7],
      ['FF1022', 'low', 8],
    ]);
    for (const f of findings) {
      expect(f.tool).toBe('flawfinder');
      expect(f.category).toBe('code');
      expect(f.identityBasis).toBe('fingerprints');
      expect(f.location?.path).toBe('login.c');
      expect(f.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(f.links.every(l => l.startsWith('https://'))).toBe(true);
    }
    expect(findings[1].title).toMatch(/buffer overflows/);
    expect(new Set(findings.map(f => f.fingerprint)).size).toBe(4);
  });

  it('reads Trivy --format sarif: image vulnerabilities identified by CVE + package + version', () => {
    const findings = findingsOf(parseSarif(fixture('trivy-alpine-310.sarif')));
    expect(findings).toHaveLength(4);
    expect(findings.every(f => f.tool === 'trivy')).toBe(true);
    expect(findings.every(f => f.category === 'image')).toBe(true);
    expect(findings.every(f => f.severity === 'medium')).toBe(true);
    expect(findings.map(f => f.vulnerability?.packageName)).toEqual([
      'libcrypto1.1',
      'libcrypto1.1',
      'libssl1.1',
      'libssl1.1',
    ]);
    expect(findings[0].vulnerability).toEqual({
      id: 'CVE-2019-1549',
      aliases: [],
      packageName: 'libcrypto1.1',
      installedVersion: '1.1.1c-r0',
      fixedVersion: '1.1.1d-r0',
    });
    expect(findings[0].identityBasis).toBe('vulnerability');
    expect(findings[0].fingerprint).toBe(
      vulnerabilityFingerprint('CVE-2019-1549', 'libcrypto1.1', '1.1.1c-r0'),
    );
    expect(findings[0].links).toEqual([
      'https://avd.aquasec.com/nvd/cve-2019-1549',
    ]);
  });

  it('reads Gitleaks: a secret identified by its partialFingerprints', () => {
    const findings = findingsOf(parseSarif(fixture('gitleaks-simple.sarif')));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      tool: 'gitleaks',
      ruleId: 'test-rule',
      category: 'secret',
      severity: 'medium',
      identityBasis: 'partialFingerprints',
      location: { path: 'auth.py', startLine: 1, endLine: 2, startColumn: 1 },
    });
  });

  it("cuts a rule's long texts once, for every result that names it", () => {
    const doc = JSON.parse(fixture('gitleaks-simple.sarif'));
    const run = doc.runs[0];
    run.tool.driver.rules = [
      {
        id: 'test-rule',
        shortDescription: { text: 'x'.repeat(2_000_000) },
        messageStrings: { m: { text: '{0}'.repeat(100_000) } },
      },
    ];
    const result = run.results[0];
    run.results = Array.from({ length: 200 }, (_, i) => ({
      ...result,
      message: { id: 'm', arguments: ['y'.repeat(1_000_000)] },
      partialFingerprints: { commitSha: String(i) },
    }));
    const parsed = parseSarif(doc);
    const findings = findingsOf(parsed);
    expect(findings).toHaveLength(200);
    expect(findings[0].title).toHaveLength(512);
    expect(findings[0].message).toHaveLength(16 * 1024);
  });

  it('keeps when the scanner says it first detected a result, in UTC; a zoneless time is left out and said so', () => {
    const doc = JSON.parse(fixture('gitleaks-simple.sarif'));
    const result = doc.runs[0].results[0];
    result.provenance = { firstDetectionTimeUtc: '2026-10-01T10:00:00+02:00' };
    expect(findingsOf(parseSarif(doc))[0].firstDetectedAt).toBe(
      '2026-10-01T08:00:00.000Z',
    );
    result.provenance = { firstDetectionTimeUtc: '2026-10-01T10:00:00' };
    const zoneless = parseSarif(doc);
    expect(findingsOf(zoneless)[0].firstDetectedAt).toBeUndefined();
    expect(zoneless.ok && zoneless.problems[0].message).toMatch(
      /provenance\.firstDetectionTimeUtc is not an ISO 8601 instant/,
    );
  });
});

describe('parseTrivyJson on real Trivy JSON', () => {
  it('reads image vulnerabilities', () => {
    const findings = findingsOf(
      parseTrivyJson(fixture('trivy-alpine-310.json')),
    );
    expect(
      findings.map(f => [f.ruleId, f.vulnerability?.packageName, f.severity]),
    ).toEqual([
      ['CVE-2019-1549', 'libcrypto1.1', 'medium'],
      ['CVE-2019-1551', 'libcrypto1.1', 'medium'],
      ['CVE-2019-1549', 'libssl1.1', 'medium'],
    ]);
    expect(findings.every(f => f.category === 'image')).toBe(true);
    expect(findings[0].title).toBe(
      'CVE-2019-1549: openssl: information disclosure in fork()',
    );
    expect(findings[0].links[0]).toBe(
      'https://avd.aquasec.com/nvd/cve-2019-1549',
    );
    expect(findings[0].links.length).toBe(20);
  });

  it('gives the same finding from Trivy SARIF and Trivy JSON the same identity', () => {
    const sarif = findingsOf(parseSarif(fixture('trivy-alpine-310.sarif')));
    const json = findingsOf(parseTrivyJson(fixture('trivy-alpine-310.json')));
    expect(json.map(f => f.fingerprint)).toEqual(
      [sarif[0], sarif[1], sarif[2]].map(f => f.fingerprint),
    );
  });

  it('reads secrets, never keeping the match', () => {
    const findings = findingsOf(parseTrivyJson(fixture('trivy-secrets.json')));
    expect(
      findings.map(f => [f.ruleId, f.severity, f.location?.startLine]),
    ).toEqual([
      ['aws-access-key-id', 'critical', 3],
      ['mysecret', 'high', 7],
    ]);
    expect(findings.every(f => f.category === 'secret')).toBe(true);
    expect(JSON.stringify(findings)).not.toContain('ghp_');
    expect(JSON.stringify(findings)).not.toContain('****');
  });

  it('reads a Dockerfile misconfiguration as IaC, owned by DevOps', () => {
    const findings = findingsOf(
      parseTrivyJson(fixture('trivy-dockerfile.json')),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'AVD-DS-0002',
      category: 'iac',
      severity: 'high',
      title: "Image user should not be 'root'",
      location: { path: 'Dockerfile' },
    });
  });

  it('sorts network misconfigurations apart (synthetic items in Trivy shape)', () => {
    const report = {
      SchemaVersion: 2,
      ArtifactName: '.',
      ArtifactType: 'repository',
      Results: [
        {
          Target: 'main.tf',
          Class: 'config',
          Type: 'terraform',
          Misconfigurations: [
            {
              Type: 'Terraform Security Check',
              ID: 'AVD-AWS-0107',
              Title: 'An ingress security group rule allows traffic from /0.',
              Message:
                'Security group rule allows ingress from public internet.',
              Severity: 'CRITICAL',
              Status: 'FAIL',
              CauseMetadata: {
                Resource: 'aws_security_group_rule.my-rule',
                StartLine: 12,
              },
            },
            {
              Type: 'Kubernetes Security Check',
              ID: 'KSV038',
              AVDID: 'AVD-KSV-0038',
              Title: 'Network policy is not defined for the namespace',
              Severity: 'MEDIUM',
              Status: 'FAIL',
            },
            { ID: 'DS001', Severity: 'LOW', Status: 'PASS' },
          ],
        },
      ],
    };
    const findings = findingsOf(parseTrivyJson(report));
    expect(findings.map(f => [f.ruleId, f.category, f.identityBasis])).toEqual([
      ['AVD-AWS-0107', 'network', 'rule-resource'],
      ['AVD-KSV-0038', 'network', 'rule-location'],
    ]);
  });
});

describe('parseGrypeJson on real Grype JSON', () => {
  it('reads matches with severities, fixes and locations', () => {
    const findings = findingsOf(parseGrypeJson(fixture('grype-image.json')));
    expect(findings.map(f => [f.ruleId, f.severity, f.category])).toEqual([
      ['CVE-1999-0001', 'low', 'image'],
      ['CVE-1999-0002', 'critical', 'image'],
    ]);
    expect(findings[0].vulnerability).toEqual({
      id: 'CVE-1999-0001',
      aliases: [],
      packageName: 'package-1',
      installedVersion: '1.1.1',
      fixedVersion: '1.2.1',
    });
    expect(findings[1].location).toEqual({ path: '/foo/bar/somefile-2.txt' });
    expect(findings[1].fingerprint).toBe(
      vulnerabilityFingerprint('CVE-1999-0002', 'package-2', '2.2.2'),
    );
  });

  it('prefers the CVE of a GHSA match, so Grype and Trivy agree (synthetic match)', () => {
    const findings = findingsOf(
      parseGrypeJson({
        matches: [
          {
            vulnerability: { id: 'GHSA-jfh8-c2jp-5v3q', severity: 'High' },
            relatedVulnerabilities: [{ id: 'CVE-2021-44228' }],
            artifact: { name: 'log4j-core', version: '2.14.1' },
          },
        ],
        source: { type: 'directory' },
      }),
    );
    expect(findings[0]).toMatchObject({
      ruleId: 'CVE-2021-44228',
      category: 'dependency',
      vulnerability: { aliases: ['GHSA-JFH8-C2JP-5V3Q'] },
    });
    expect(findings[0].fingerprint).toBe(
      vulnerabilityFingerprint('CVE-2021-44228', 'log4j-core', '2.14.1'),
    );
  });
});

describe('identity across runs', () => {
  it('is the same for the same report parsed twice, text or value', () => {
    for (const [name, parse] of [
      ['flawfinder-login-c.sarif', parseSarif],
      ['gitleaks-simple.sarif', parseSarif],
      ['trivy-secrets.json', parseTrivyJson],
      ['grype-image.json', parseGrypeJson],
    ] as const) {
      const a = findingsOf(parse(fixture(name))).map(f => f.fingerprint);
      const b = findingsOf(parse(JSON.parse(fixture(name)))).map(
        f => f.fingerprint,
      );
      expect(b).toEqual(a);
    }
  });

  it('keeps a partialFingerprints identity when the code moves, and a rule + location one changes', () => {
    const log = (line: number, partial?: Record<string, string>) => ({
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'Semgrep OSS' } },
          results: [
            {
              ruleId: 'python.lang.security.audit.eval-detected',
              message: { text: 'Detected the use of eval().' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'app.py' },
                    region: { startLine: line },
                  },
                },
              ],
              ...(partial ? { partialFingerprints: partial } : {}),
            },
          ],
        },
      ],
    });
    const fp = (value: unknown) => findingsOf(parseSarif(value))[0].fingerprint;
    const hash = { primaryLocationLineHash: 'c5b8f1c9a4e2:1' };
    expect(fp(log(10, hash))).toBe(fp(log(42, hash)));
    expect(fp(log(10))).not.toBe(fp(log(42)));
    expect(fp(log(10))).toBe(fp(log(10)));
    expect(findingsOf(parseSarif(log(10)))[0].identityBasis).toBe(
      'rule-location',
    );
  });

  it('merges a repeated finding within one report and counts it', () => {
    const doc = JSON.parse(fixture('trivy-alpine-310.json'));
    const vulns = doc.Results[0].Vulnerabilities;
    doc.Results[0].Vulnerabilities = [...vulns, vulns[0]];
    const result = parseTrivyJson(doc);
    expect(result.ok && result.findings.length).toBe(3);
    expect(result.ok && result.duplicates).toBe(1);
  });
});
