import { mockServices } from '@backstage/backend-test-utils';
import { LookupOnCallDirectory } from './LookupOnCallDirectory';

const onCall = (person?: string) => ({
  team: { ref: 'x', title: 'x', contacts: [], members: [] },
  onCall: [
    {
      rotation: 'primary',
      timeZone: 'UTC',
      source: 'yaml',
      ...(person
        ? { person: { ref: person, name: person, contacts: [] } }
        : {}),
    },
  ],
  escalation: [],
  index: { stale: false, entities: 1 },
});

describe('LookupOnCallDirectory', () => {
  it('asks the lookup for each team as this plugin, and says the team the user is on call for', async () => {
    const asked: Request[] = [];
    const logger = mockServices.logger.mock();
    const directory = new LookupOnCallDirectory({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger,
      fetch: (async (request: Request) => {
        asked.push(request);
        const team = new URL(request.url).searchParams.get('team');
        if (team === 'group:default/down') {
          return new Response('{"error":{"name":"Error","message":"x"}}', {
            status: 503,
            headers: { 'Content-Type': 'application/json' },
          });
        }
        return Response.json(
          onCall(team === 'group:default/b' ? 'user:default/Tom' : undefined),
        );
      }) as typeof fetch,
    });
    expect(
      await directory.onCallFor('user:default/tom', [
        'group:default/down',
        'group:default/a',
        'group:default/b',
        'group:default/c',
      ]),
    ).toBe('group:default/b');
    expect(asked.map(r => new URL(r.url).pathname)).toEqual([
      '/api/integrated-ops/teams/on-call',
      '/api/integrated-ops/teams/on-call',
      '/api/integrated-ops/teams/on-call',
    ]);
    expect(asked[0].headers.get('authorization')).toMatch(/^Bearer mock-/);
    expect(logger.warn).toHaveBeenCalledWith(
      'On-call of group:default/down: the lookup answered 503',
    );
  });
});
