import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGrypeJson } from './grype';
import { parseSarif } from './sarif';
import { parseTrivyJson } from './trivy';
import { ParseResult } from './types';

// Every input here is synthetic: malformed on purpose.
const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const parsers = [parseSarif, parseTrivyJson, parseGrypeJson] as const;

function errorOf(result: ParseResult) {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const deepText = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('whole-document refusals', () => {
  it.each([
    ['a number', '42'],
    ['a string', '"sarif"'],
    ['null', 'null'],
    ['an array', '[]'],
  ])('refuses %s as not an object, from every parser', (_what, text) => {
    for (const parse of parsers) {
      expect(errorOf(parse(text)).code).toBe('not-an-object');
    }
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an array', []],
    ['a boolean', true],
  ])(
    'refuses %s given as a value (a string is always taken as JSON text)',
    (_what, value) => {
      for (const parse of parsers) {
        expect(errorOf(parse(value)).code).toBe('not-an-object');
      }
    },
  );

  it('refuses text that is not JSON', () => {
    for (const parse of parsers) {
      expect(errorOf(parse('{"version": "2.1.0",')).code).toBe('not-json');
    }
  });

  it('refuses a SARIF version other than 2.1.0, naming it', () => {
    const doc = JSON.parse(fixture('flawfinder-login-c.sarif'));
    const error = errorOf(parseSarif({ ...doc, version: '2.0.0' }));
    expect(error).toMatchObject({
      code: 'unsupported-version',
      path: 'version',
    });
    expect(error.message).toContain('"2.0.0"');
    expect(errorOf(parseSarif({ runs: [] })).code).toBe('unsupported-version');
  });

  it("refuses a Trivy schema other than 2 and a frame that isn't SARIF", () => {
    expect(
      errorOf(parseTrivyJson({ SchemaVersion: 1, Results: [] })).code,
    ).toBe('unsupported-version');
    expect(errorOf(parseSarif({ version: '2.1.0', runs: {} }))).toMatchObject({
      code: 'invalid-shape',
      path: 'runs',
    });
    expect(errorOf(parseGrypeJson({ matches: 'none' })).code).toBe(
      'invalid-shape',
    );
  });

  it('refuses 100,000-deep nesting before walking it, as text and as a value', () => {
    const text = deepText(100_000);
    for (const parse of parsers) {
      expect(errorOf(parse(text)).code).toBe('too-deep');
    }
    // Built without recursion, as JSON.parse would hand it over.
    let value: unknown[] = [];
    const root = { version: '2.1.0', runs: value };
    for (let i = 0; i < 100_000; i++) {
      const next: unknown[] = [];
      value.push(next);
      value = next;
    }
    for (const parse of parsers) {
      expect(errorOf(parse(root)).code).toBe('too-deep');
    }
  });

  it('accepts nesting up to the documented limit and refuses one more', () => {
    const wrap = (depth: number) =>
      `{"version":"2.1.0","runs":[],"x":${deepText(depth - 1)}}`;
    expect(parseSarif(wrap(64)).ok).toBe(true);
    expect(errorOf(parseSarif(wrap(65))).code).toBe('too-deep');
    // Brackets inside strings do not count.
    expect(
      parseSarif(`{"version":"2.1.0","runs":[],"x":"${'['.repeat(500)}"}`).ok,
    ).toBe(true);
  });

  it('refuses a report over the size cap', () => {
    const error = errorOf(
      parseSarif(fixture('gitleaks-simple.sarif'), {
        limits: { maxDocumentLength: 100 },
      }),
    );
    expect(error.code).toBe('too-large');
  });

  it('refuses a control character in the tool name', () => {
    const doc = JSON.parse(fixture('gitleaks-simple.sarif'));
    doc.runs[0].tool.driver.name = 'git\u0000leaks';
    expect(errorOf(parseSarif(doc))).toMatchObject({
      code: 'control-character',
      path: 'runs[0].tool.driver.name',
    });
  });
});

describe('per-item problems: the bad result is left out, the others kept', () => {
  const flawfinder = () => JSON.parse(fixture('flawfinder-login-c.sarif'));

  it('drops a result with a NUL byte in its message, naming where', () => {
    const doc = flawfinder();
    doc.runs[0].results[1].message.text = 'strcpy\u0000here';
    const result = parseSarif(JSON.stringify(doc));
    expect(result.ok && result.findings.map(f => f.ruleId)).toEqual([
      'FF1013',
      'FF1016',
      'FF1022',
    ]);
    expect(result.ok && result.problems).toEqual([
      {
        path: 'runs[0].results[1]',
        kind: 'control-character',
        message: expect.stringContaining('U+0000 at 6'),
        dropped: true,
      },
    ]);
  });

  it('drops a result whose path holds an escape sequence or a line break', () => {
    const doc = flawfinder();
    doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri =
      'login.c\u001b[31m';
    doc.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri =
      'login.c\nfake.c';
    const result = parseSarif(doc);
    expect(result.ok && result.findings).toHaveLength(2);
    expect(result.ok && result.problems.map(p => p.path)).toEqual([
      'runs[0].results[0]',
      'runs[0].results[2]',
    ]);
  });

  it('cuts a huge message and says so, and refuses a huge identifier', () => {
    const doc = flawfinder();
    doc.runs[0].results[0].message.text = 'x'.repeat(5_000_000);
    doc.runs[0].results[1].ruleId = 'R'.repeat(5_000_000);
    const result = parseSarif(doc);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.findings).toHaveLength(3);
    expect(result.findings[0].message).toHaveLength(16 * 1024);
    expect(result.problems.map(p => [p.path, p.kind, p.dropped])).toEqual([
      ['runs[0].results[0]', 'truncated', false],
      ['runs[0].results[1]', 'too-long', true],
    ]);
  });

  it('keeps only http(s) links', () => {
    const doc = flawfinder();
    // A script URL, built so as not to write one literally.
    doc.runs[0].tool.driver.rules[0].helpUri = ['javascript', 'alert(1)'].join(
      ':',
    );
    doc.runs[0].results[0].hostedViewerUri = 'https://viewer.example/r/1';
    const result = parseSarif(doc);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.findings[0].links).toEqual(['https://viewer.example/r/1']);
    expect(result.problems[0]).toMatchObject({
      kind: 'link-dropped',
      dropped: false,
    });
  });

  it('drops results that are not results, or name no rule', () => {
    const doc = flawfinder();
    doc.runs[0].results.push(
      42,
      { message: { text: 'no rule' } },
      { ruleId: 'x' },
    );
    const result = parseSarif(doc);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.findings).toHaveLength(4);
    expect(result.problems.map(p => p.kind)).toEqual([
      'invalid-shape',
      'missing-identity',
      'invalid-shape',
    ]);
  });

  it('drops a Trivy vulnerability with an unknown severity or a NUL in its package', () => {
    const doc = JSON.parse(fixture('trivy-alpine-310.json'));
    doc.Results[0].Vulnerabilities[0].Severity = 'SEVERE';
    doc.Results[0].Vulnerabilities[1].PkgName = 'libcrypto\u0000';
    const result = parseTrivyJson(doc);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.findings).toHaveLength(1);
    expect(result.problems.filter(p => p.dropped).map(p => p.path)).toEqual([
      'Results[0].Vulnerabilities[0]',
      'Results[0].Vulnerabilities[1]',
    ]);
  });

  it('drops a Grype match without an artifact', () => {
    const doc = JSON.parse(fixture('grype-image.json'));
    delete doc.matches[0].artifact;
    const result = parseGrypeJson(doc);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.findings.map(f => f.ruleId)).toEqual(['CVE-1999-0002']);
    expect(result.problems[0]).toMatchObject({
      path: 'matches[0]',
      kind: 'invalid-shape',
    });
  });
});
