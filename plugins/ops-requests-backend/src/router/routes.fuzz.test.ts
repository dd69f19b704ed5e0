/*
 * Every JSON route of the plugin, fed hundreds of generated bodies and query
 * strings by a signed-in user (wrong types, huge strings, NUL bytes, deep
 * nesting, unknown fields, forged gate fields): the answer is always a 4xx
 * with a message saying what is wrong, or a success, and never a 5xx. A
 * control character in any text field of an otherwise valid intent or
 * decision is a 400 naming that field, and nothing is filed.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import request from 'supertest';
import { startRequestsPortal } from '../__testUtils__/requestsPortal';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const asRaj = {
  Authorization: mockCredentials.user.header('user:default/raj'),
};

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '../../etc/passwd',
    '--upload-pack=touch /tmp/pwned',
    '<script>alert(1)</script>',
    "'; drop table change_requests; --",
    '2026-02-30',
    '99999-01-01',
    '-1',
    'component:default/gateway',
    '${{ secrets.token }}',
  ),
  fc.nat({ max: 70_000 }).map(n => 'x'.repeat(n)),
);

const deep = fc.nat({ max: 800 }).map(depth => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { v };
  return v;
});

/** Bodies near an intent (right field names, wrong everything else), and anything JSON. */
const body = fc.oneof(
  fc.jsonValue(),
  deep,
  fc.record(
    {
      kind: fc.oneof(
        fc.constantFrom('network-access', 'security-controls', 'new-service'),
        fc.jsonValue(),
      ),
      source: fc.oneof(hostileString, fc.jsonValue()),
      destination: fc.oneof(hostileString, fc.jsonValue()),
      component: fc.oneof(hostileString, fc.jsonValue()),
      ports: fc.oneof(hostileString, fc.jsonValue()),
      justification: fc.oneof(hostileString, fc.jsonValue()),
      comment: fc.oneof(hostileString, fc.jsonValue()),
      expiresAt: fc.oneof(hostileString, fc.jsonValue()),
      controls: fc.array(hostileString, { maxLength: 20 }),
      exceptions: fc.jsonValue(),
      policy: fc.jsonValue(),
      requiredApprovals: fc.jsonValue(),
      change: fc.jsonValue(),
      nested: deep,
    },
    { requiredKeys: [] },
  ),
);

describe('routes under fuzzing', () => {
  let portal: Awaited<ReturnType<typeof startRequestsPortal>>;
  beforeAll(async () => {
    portal = await startRequestsPortal(await databases.init('SQLITE_3'));
  });
  afterAll(() => portal.stop());

  const expectClearAnswer = (res: request.Response, what: string) => {
    if (res.status >= 500) {
      throw new Error(
        `${what} answered ${res.status}: ${res.text.slice(0, 500)}`,
      );
    }
    if (res.status >= 400) {
      expect(typeof res.body?.error?.message).toBe('string');
      expect(res.body.error.message.length).toBeGreaterThan(0);
    }
  };

  it.each([
    '/requests',
    '/requests/preview',
    '/requests/cr-20260302-abcdef/approve',
    '/requests/cr-20260302-abcdef/reject',
    '/requests/cr-20260302-abcdef/confirm',
    '/requests/cr-20260302-abcdef/revoke',
  ])('POST %s answers every body clearly', async path => {
    await fc.assert(
      fc.asyncProperty(body, async data => {
        const res = await request(portal.server)
          .post(`/api/ops-requests${path}`)
          .set(asRaj)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(data));
        expectClearAnswer(res, `POST ${path}`);
      }),
      { numRuns: 150 },
    );
  });

  it('POST with a body that is not JSON, too large or nested 30,000 deep is a 4xx', async () => {
    for (const raw of [
      '{',
      '{"kind":',
      'null',
      '\u0000',
      `{"a":"${'x'.repeat(100_000)}"}`,
      `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
      `{"kind":"network-access","nested":${'{"a":'.repeat(10_000)}1${'}'.repeat(
        10_000,
      )}}`,
    ]) {
      const res = await request(portal.server)
        .post('/api/ops-requests/requests')
        .set(asRaj)
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('GET /requests?view= answers every value clearly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileString.filter(s => s.length < 10_000),
          fc.array(fc.string(), { maxLength: 3 }),
        ),
        async view => {
          const res = await request(portal.server)
            .get('/api/ops-requests/requests')
            .query({ view })
            .set(asRaj);
          expectClearAnswer(res, 'GET /requests?view');
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each(['from', 'to', 'team', 'system'])(
    'GET /calendar(.ics)?%s= answers every value clearly',
    async param => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            hostileString.filter(s => s.length < 10_000),
            fc.constantFrom(
              '2026-12-01T00:00:00Z',
              '2030-01-01T00:00:00Z',
              'x',
            ),
            fc.array(fc.string(), { maxLength: 3 }),
          ),
          fc.boolean(),
          async (value, ics) => {
            const res = await request(portal.server)
              .get(`/api/ops-requests/calendar${ics ? '.ics' : ''}`)
              .query({ [param]: value })
              .set(asRaj);
            expectClearAnswer(res, `GET /calendar?${param}`);
          },
        ),
        { numRuns: 80 },
      );
    },
  );

  // A valid intent of each kind, its text fields (path and whether lines are allowed).
  const expiresAt = new Date(Date.now() + 7 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const intents = {
    access: {
      kind: 'network-access',
      source: 'component:default/web',
      destination: 'component:default/gateway',
      ports: '443/tcp',
      justification: 'Checkout talks to the gateway API',
      expiresAt,
    },
    emergency: {
      kind: 'network-access',
      source: 'component:default/web',
      destination: 'component:default/gateway',
      ports: '443/tcp',
      justification: 'INC-1: checkout cannot reach the gateway',
      emergency: { incident: 'INC-1', durationMinutes: 60 },
    },
    controls: {
      kind: 'security-controls',
      component: 'component:default/web',
      controls: ['dependency-scan'],
      exceptions: [
        { control: 'image-scan', justification: 'No image yet', expiresAt },
      ],
      justification: 'Controls for the checkout web tier',
    },
  };
  const textFields: [keyof typeof intents, string[], boolean][] = [
    ['access', ['source'], false],
    ['access', ['destination'], false],
    ['access', ['ports'], false],
    ['access', ['justification'], true],
    ['access', ['expiresAt'], false],
    ['emergency', ['emergency', 'incident'], false],
    ['emergency', ['justification'], true],
    ['controls', ['component'], false],
    ['controls', ['justification'], true],
    ['controls', ['exceptions', '0', 'justification'], true],
    ['controls', ['compliance', '0'], false],
  ];
  // Control characters: C0 (but tab and line breaks in multi-line text), DEL, C1, separators, bidi.
  const control = (multiline: boolean) =>
    fc
      .constantFrom(
        ...[
          ...Array.from({ length: 32 }, (_, i) => i),
          ...Array.from({ length: 33 }, (_, i) => 0x7f + i),
          0x2028,
          0x2029,
          0x202e,
          0x2066,
        ].filter(c => !multiline || ![9, 10, 13].includes(c)),
      )
      .map(c => String.fromCodePoint(c));

  it.each(['/requests', '/requests/preview'])(
    'POST %s refuses a control character in every text field, naming the field, and files nothing',
    async path => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...textFields)
            .chain(([kind, field, multiline]) =>
              fc.tuple(
                fc.constant(kind),
                fc.constant(field),
                control(multiline),
                fc.nat(),
              ),
            ),
          async ([kind, field, char, at]) => {
            const intent = structuredClone(intents[kind]) as any;
            if (field[0] === 'compliance') intent.compliance = ['pci-dss'];
            const parent = field
              .slice(0, -1)
              .reduce((o: any, key) => o[key], intent);
            const key = field.at(-1)!;
            const text: string = parent[key];
            const i = at % (text.length + 1);
            parent[key] = `${text.slice(0, i)}${char}${text.slice(i)}`;
            const res = await request(portal.server)
              .post(`/api/ops-requests${path}`)
              .set(asRaj)
              .send(intent);
            expect(res.status).toBe(400);
            // Every problem named is that field's.
            const problems: string[] = res.body.error.message.split('; ');
            for (const problem of problems) {
              expect(problem.startsWith(`${field.join('.')}: `)).toBe(true);
            }
          },
        ),
        { numRuns: 120 },
      );
      const mine = await request(portal.server)
        .get('/api/ops-requests/requests?view=mine')
        .set(asRaj);
      expect(mine.body.items).toEqual([]);
    },
  );

  it.each([
    ['approve', 'comment'],
    ['reject', 'justification'],
    ['confirm', 'comment'],
    ['revoke', 'justification'],
  ])(
    'POST /requests/:id/%s refuses a control character in its %s',
    async (verb, field) => {
      await fc.assert(
        fc.asyncProperty(control(true), async char => {
          const res = await request(portal.server)
            .post(`/api/ops-requests/requests/cr-20260302-abcdef/${verb}`)
            .set(asRaj)
            .send({ [field]: `Seen in the review ${char} and fine` });
          expect(res.status).toBe(400);
          expect(res.body.error.message).toMatch(
            new RegExp(`^${field}: must not contain control characters`),
          );
        }),
        { numRuns: 40 },
      );
    },
  );

  it('GET /requests/:id answers any id clearly', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString.filter(s => s.length > 0 && s.length < 5000),
        async id => {
          const res = await request(portal.server)
            .get(`/api/ops-requests/requests/${encodeURIComponent(id)}`)
            .set(asRaj);
          expectClearAnswer(res, 'GET /requests/:id');
        },
      ),
      { numRuns: 150 },
    );
  });
});
