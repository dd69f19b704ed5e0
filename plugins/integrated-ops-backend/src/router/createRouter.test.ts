import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { testCatalog } from '../__testUtils__/testCatalog';
import {
  asUser,
  INDEX_BUILT_AT,
  testApp as appWith,
} from '../__testUtils__/testApp';

describe('integrated-ops router', () => {
  it('answers a lookup by IP with owners and on-call', async () => {
    const res = await request(await appWith())
      .get('/lookup')
      .query({ q: '10.20.1.10' })
      .set(asUser);
    expect(res.status).toBe(200);
    expect(res.body.query).toEqual({
      q: '10.20.1.10',
      interpretedAs: 'IP address 10.20.1.10',
      at: '2026-01-07T12:00:00.000Z',
      detail: 'best',
    });
    expect(res.body.index).toMatchObject({
      stale: false,
      entities: testCatalog.length,
    });
    const [top] = res.body.matches;
    expect(top.entityRef).toBe('component:default/gateway');
    expect(top.answer.owners.netops.onCall[0].person.name).toBe('Ana Silva');
  });

  it('answers the best match in full and the others in brief, unless asked for detail=full', async () => {
    const app = await appWith();
    const brief = await request(app)
      .get('/lookup')
      .query({ q: '10.20.1.10' })
      .set(asUser);
    expect(brief.body.matches.map((m: any) => !!m.answer)).toEqual([
      true,
      false,
      false,
    ]);
    expect(brief.body.matches[1].summary).toEqual({
      entity: {
        ref: 'resource:default/seg-dmz',
        kind: 'Resource',
        type: 'network-segment',
        title: 'seg-dmz',
      },
      owners: {
        netops: {
          source: 'declared',
          team: 'group:default/netops-edge',
          title: 'netops-edge',
          onCall: 'Ana Silva',
        },
        devops: {
          source: 'declared',
          team: 'group:default/sre',
          title: 'sre',
          onCall: 'raj',
        },
        secops: {
          source: 'declared',
          team: 'group:default/soc-t1',
          title: 'soc-t1',
          onCall: 'lucas',
        },
      },
    });
    const full = await request(app)
      .get('/lookup')
      .query({ q: '10.20.1.10', detail: 'full' })
      .set(asUser);
    expect(full.body.matches.every((m: any) => m.answer)).toBe(true);
    const bad = await request(app)
      .get('/lookup')
      .query({ q: '10.20.1.10', detail: 'everything' })
      .set(asUser);
    expect(bad.status).toBe(400);
  });

  it('answers a batch in order with one permission check', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.ALLOW }],
      authorizeConditional: async () => [{ result: AuthorizeResult.ALLOW }],
    });
    const res = await request(await appWith({ permissions }))
      .post('/lookup/batch')
      .set(asUser)
      .send({
        queries: ['10.20.1.10:8443', 'api.pay.example.', 'no-such-thing'],
      });
    expect(res.status).toBe(200);
    expect(
      res.body.results.map((r: any) => [r.q, r.matches[0]?.entityRef]),
    ).toEqual([
      ['10.20.1.10:8443', 'component:default/gateway'],
      ['api.pay.example.', 'component:default/gateway'],
      ['no-such-thing', undefined],
    ]);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    // The best match in full, the others in brief, unless asked otherwise.
    expect(res.body.results[0].matches.map((m: any) => !!m.answer)).toEqual([
      true,
      false,
      false,
    ]);
    const full = await request(await appWith())
      .post('/lookup/batch')
      .set(asUser)
      .send({ queries: ['10.20.1.10'], detail: 'full' });
    expect(full.body.results[0].matches.every((m: any) => m.answer)).toBe(true);
  });

  it.each([
    [{}, 'queries: is required'],
    [{ queries: [] }, 'queries: needs at least one query'],
    [{ queries: Array(1001).fill('a') }, 'has more than 1000 queries'],
    [{ queries: ['ok', 42] }, 'queries.1:'],
    [{ queries: ['ok'], detail: 'everything' }, 'detail:'],
  ])(
    'refuses a bad batch %j with a 400 naming the field',
    async (body, message) => {
      const res = await request(await appWith())
        .post('/lookup/batch')
        .set(asUser)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    },
  );

  it('answers hostile strings in a batch as lookups that find nothing', async () => {
    const res = await request(await appWith())
      .post('/lookup/batch')
      .set(asUser)
      .send({
        queries: [
          '<script>alert(1)</script>',
          '../../etc/passwd',
          '\u0000',
          'a'.repeat(2048),
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.matches.length)).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('takes an "at" instant to ask who is on call then', async () => {
    const res = await request(await appWith())
      .get('/lookup')
      .query({ q: 'gateway', at: '2026-01-12T09:00:00Z' })
      .set(asUser);
    expect(res.body.matches[0].answer.owners.netops.onCall[0].person.name).toBe(
      'Tom Becker',
    );
  });

  it('answers as of a past moment from the ownership history', async () => {
    const app = await appWith({
      changes: async () => [
        {
          id: 'CR-7',
          title: 'Open 443 to gateway',
          kind: 'network-access',
          state: 'applied',
          requestedBy: 'user:default/tom',
          requestedAt: '2026-01-07T11:10:00.000Z',
          approvals: [],
        },
      ],
    });
    const then = await request(app)
      .get('/lookup')
      .query({ q: 'gateway', asOf: '2026-01-07T11:30:00Z' })
      .set(asUser);
    expect(then.status).toBe(200);
    expect(then.body.query.asOf).toBe('2026-01-07T11:30:00.000Z');
    const { answer } = then.body.matches[0];
    expect(answer.owners.netops.ownerRef).toBe('group:default/netops-edge');
    expect(answer.history).toMatchObject({
      known: true,
      ownersRecordedAt: INDEX_BUILT_AT,
      changes: [{ id: 'CR-7' }],
    });
    // Before the history starts: said, not guessed.
    const before = await request(app)
      .get('/lookup')
      .query({ q: 'gateway', asOf: '2025-12-01T00:00:00Z' })
      .set(asUser);
    expect(before.body.matches[0].answer.history.known).toBe(false);
    expect(before.body.matches[0].answer.owners.netops.source).toBe('missing');
    // The future is no past moment; nonsense is no moment.
    for (const asOf of ['2026-01-08T00:00:00Z', 'yesterday']) {
      const bad = await request(app)
        .get('/lookup')
        .query({ q: 'gateway', asOf })
        .set(asUser);
      expect(bad.status).toBe(400);
    }
  });

  it("serves an entity's owner timeline, 404 for what is not there", async () => {
    const app = await appWith();
    const res = await request(app)
      .get('/history')
      .query({ entity: 'component:default/gateway' })
      .set(asUser);
    expect(res.status).toBe(200);
    expect(res.body.current.netops).toEqual({
      owner: 'group:default/netops-edge',
      source: 'declared',
      since: INDEX_BUILT_AT,
    });
    const missing = await request(app)
      .get('/history')
      .query({ entity: 'component:default/nope' })
      .set(asUser);
    expect(missing.status).toBe(404);
    const anonymous = await request(app)
      .get('/history')
      .query({ entity: 'component:default/gateway' });
    expect(anonymous.status).toBe(401);
  });

  it('counts lookups that found no owner, for the governance KPI', async () => {
    const app = await appWith();
    for (const q of ['nothing-matches', 'legacy', 'gateway']) {
      await request(app).get('/lookup').query({ q }).set(asUser);
    }
    await app.locals.lookupOutcomes.flush();
    const res = await request(app)
      .get('/kpis/lookups')
      .query({ from: '2026-01-07', to: '2026-01-07' })
      .set(asUser);
    expect(res.status).toBe(200);
    // legacy has only the spec.owner fallback: no team answers for it.
    expect(res.body.days).toEqual([
      { day: '2026-01-07', noMatch: 1, noOwner: 1 },
    ]);
    const bad = await request(app)
      .get('/kpis/lookups')
      .query({ from: '2026-02-01', to: '2026-01-01' })
      .set(asUser);
    expect(bad.status).toBe(400);
  });

  it('returns the blast radius grouped by hop', async () => {
    const res = await request(await appWith())
      .get('/blast-radius')
      .query({ entity: 'kafka', depth: 2 })
      .set(asUser);
    expect(res.status).toBe(200);
    expect(res.body.entity.entity.ref).toBe('resource:default/kafka');
    expect(
      res.body.dependents.map((n: any) => `${n.hop} ${n.entityRef}`),
    ).toEqual([
      '1 component:default/gateway',
      '1 component:default/scoring',
      '2 component:default/web',
      '2 api:default/score-api',
    ]);
  });

  it('404s a blast radius for something not in the catalog', async () => {
    const res = await request(await appWith())
      .get('/blast-radius')
      .query({ entity: 'no-such-thing' })
      .set(asUser);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'Nothing in the catalog matches "no-such-thing"',
    );
  });

  it('answers a team on-call card: now and next on each rotation, and its escalation', async () => {
    const res = await request(await appWith())
      .get('/teams/on-call')
      .query({ team: 'soc-t1' })
      .set(asUser);
    expect(res.status).toBe(200);
    expect(res.body.team.ref).toBe('group:default/soc-t1');
    expect(res.body.onCall).toEqual([
      expect.objectContaining({
        rotation: 'primary',
        person: expect.objectContaining({ ref: 'user:default/lucas' }),
        next: expect.objectContaining({ ref: 'user:default/lucas' }),
        timeZone: 'Europe/London',
      }),
    ]);
    expect(res.body.escalation.map((s: any) => s.team)).toEqual([
      'group:default/soc-t1',
      'group:default/soc-t2',
      'group:default/soc',
    ]);
  });

  it('404s a team card for what is no group, and 400s one without a team', async () => {
    const app = await appWith();
    const notAGroup = await request(app)
      .get('/teams/on-call')
      .query({ team: 'component:default/gateway' })
      .set(asUser);
    expect(notAGroup.status).toBe(404);
    expect(notAGroup.body.error.message).toBe(
      'No team component:default/gateway in the catalog',
    );
    const missing = await request(app).get('/teams/on-call').set(asUser);
    expect(missing.status).toBe(400);
    const tooLong = await request(app)
      .get('/teams/on-call')
      .query({ team: 'x'.repeat(600) })
      .set(asUser);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toBe(
      'team: is too long: at most 512 characters',
    );
  });

  it('serves coverage as JSON and as CSV', async () => {
    const app = await appWith();
    const json = await request(app).get('/coverage').set(asUser);
    expect(json.body.gaps.map((g: any) => g.entityRef)).toContain(
      'component:default/legacy',
    );
    const csv = await request(app)
      .get('/coverage')
      .query({ format: 'csv' })
      .set(asUser);
    expect(csv.type).toBe('text/csv');
    expect(csv.text.split('\n')[0]).toBe(
      'entity,kind,system,netops_owner,devops_owner,secops_owner,gap,discipline,message',
    );
    expect(csv.text).toContain(
      'component:default/legacy,Component,,group:default/fraud-team',
    );
  });

  it('adds re-certification drift as the caller may read it, and says when it cannot', async () => {
    const asked: unknown[] = [];
    const app = await appWith({
      recertifications: async credentials => {
        asked.push(credentials);
        return {
          periodDays: 180,
          items: [
            {
              declaredOn: 'component:default/gateway',
              discipline: 'netops',
              team: 'group:default/netops-edge',
              entities: 1,
              state: 'due',
            },
          ],
        };
      },
    });
    const json = await request(app).get('/coverage').set(asUser);
    expect(json.body.recertification).toEqual({ periodDays: 180 });
    expect(json.body.drift).toContainEqual(
      expect.objectContaining({
        team: 'group:default/netops-edge',
        kind: 'ownership-unconfirmed',
      }),
    );
    expect(asked[0]).toMatchObject({ principal: { type: 'user' } });
    const csv = await request(app)
      .get('/coverage')
      .query({ format: 'csv' })
      .set(asUser);
    expect(csv.text).toContain(
      'group:default/netops-edge,Group,,,,,ownership-unconfirmed,,group:default/netops-edge has not confirmed 1 ownership declaration (1 entities) within 180 days',
    );

    const down = await appWith({
      recertifications: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    const partial = await request(down).get('/coverage').set(asUser);
    expect(partial.status).toBe(200);
    expect(partial.body.recertification.unavailable).toContain('ECONNREFUSED');
  });

  it.each([
    [
      '/lookup',
      {},
      'q: is required: an entity name or ref, hostname, URL, IP or CIDR',
    ],
    [
      '/lookup',
      { q: '   ' },
      'q: is required: an entity name or ref, hostname, URL, IP or CIDR',
    ],
    ['/lookup', { q: 'x', at: 'yesterday' }, 'at: '],
    ['/blast-radius', { entity: 'kafka', depth: 99 }, 'depth: '],
    ['/coverage', { format: 'xml' }, 'format: '],
  ])(
    'rejects bad input on %s %j with a 400 naming the field',
    async (path, query, message) => {
      const res = await request(await appWith())
        .get(path)
        .query(query)
        .set(asUser);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(message);
    },
  );

  it('401s an unauthenticated caller', async () => {
    const res = await request(await appWith())
      .get('/lookup')
      .query({ q: 'gateway' });
    expect(res.status).toBe(401);
  });

  it('403s a caller the permission policy denies', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.DENY }],
      authorizeConditional: async () => [{ result: AuthorizeResult.DENY }],
    });
    const res = await request(await appWith({ permissions }))
      .get('/lookup')
      .query({ q: 'gateway' })
      .set(asUser);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Not allowed: integrated-ops.lookup.read',
    );
  });
});

describe('integrated-ops router and catalog read permissions', () => {
  /** Lookup allowed; catalog.entity.read answered with `catalogRead`. */
  const appReading = (catalogRead: object) =>
    appWith({
      permissions: mockServices.permissions.mock({
        authorize: async () => [{ result: AuthorizeResult.ALLOW }],
        authorizeConditional: async () => [catalogRead as any],
      }),
    });
  const onlyResources = {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: 'catalog-entity',
    conditions: {
      rule: 'IS_ENTITY_KIND',
      resourceType: 'catalog-entity',
      params: { kinds: ['resource'] },
    },
  };
  const refs = (items: { entityRef: string }[]) => items.map(i => i.entityRef);

  it('lists only the matches the caller may read in the catalog', async () => {
    const res = await request(await appReading(onlyResources))
      .get('/lookup')
      .query({ q: '10.20.1.10' })
      .set(asUser);
    expect(res.status).toBe(200);
    expect(refs(res.body.matches)).toEqual(['resource:default/seg-dmz']);
  });

  it('leaves unreadable entities out of the blast radius, and does not walk through them', async () => {
    const res = await request(await appReading(onlyResources))
      .get('/blast-radius')
      .query({ entity: 'resource:default/kafka', depth: 3 })
      .set(asUser);
    expect(res.status).toBe(200);
    expect(res.body.entity.entity.ref).toBe('resource:default/kafka');
    expect(res.body.dependents).toEqual([]);
  });

  it('finds nothing for a caller who may read nothing in the catalog', async () => {
    const app = await appReading({ result: AuthorizeResult.DENY });
    const lookup = await request(app)
      .get('/lookup')
      .query({ q: 'gateway' })
      .set(asUser);
    expect(lookup.body.matches).toEqual([]);
    const blast = await request(app)
      .get('/blast-radius')
      .query({ entity: 'gateway' })
      .set(asUser);
    expect(blast.status).toBe(404);
  });

  it('keeps the history of what the caller may not read to itself', async () => {
    const app = await appReading(onlyResources);
    const timeline = await request(app)
      .get('/history')
      .query({ entity: 'component:default/gateway' })
      .set(asUser);
    expect(timeline.status).toBe(404);
    const then = await request(app)
      .get('/lookup')
      .query({ q: 'gateway', asOf: '2026-01-07T11:30:00Z' })
      .set(asUser);
    expect(refs(then.body.matches)).toEqual([]);
  });

  it('does not show a team card to a caller who may not read the group', async () => {
    const res = await request(await appReading(onlyResources))
      .get('/teams/on-call')
      .query({ team: 'group:default/soc-t1' })
      .set(asUser);
    expect(res.status).toBe(404);
  });
});
