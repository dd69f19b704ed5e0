import { DEFAULT_ROUTING, routeFinding, routingConfigSchema } from './routing';

describe('routeFinding', () => {
  it.each([
    ['code', 'medium', 'devops', ['devops']],
    ['dependency', 'low', 'devops', ['devops']],
    ['image', 'high', 'devops', ['devops', 'secops']],
    ['secret', 'critical', 'devops', ['devops', 'secops']],
    ['iac', 'medium', 'devops', ['devops']],
    ['network', 'medium', 'netops', ['netops']],
    ['network', 'critical', 'netops', ['netops', 'secops']],
  ] as const)(
    'routes %s/%s to %s, visible to %j',
    (category, severity, owner, visibleTo) => {
      expect(routeFinding({ category, severity })).toEqual({
        owner,
        visibleTo,
      });
    },
  );

  it('reads config with defaults filled and unknown keys refused', () => {
    const config = routingConfigSchema.parse({
      categories: { secret: 'secops' },
      secopsSees: ['critical'],
    });
    expect(config.categories).toEqual({
      ...DEFAULT_ROUTING.categories,
      secret: 'secops',
    });
    expect(
      routeFinding({ category: 'secret', severity: 'critical' }, config),
    ).toEqual({
      owner: 'secops',
      visibleTo: ['secops'],
    });
    expect(
      routeFinding({ category: 'image', severity: 'high' }, config).visibleTo,
    ).toEqual(['devops']);
    expect(
      routingConfigSchema.safeParse({ categories: { cloud: 'devops' } })
        .success,
    ).toBe(false);
    expect(
      routingConfigSchema.safeParse({ categories: { code: 'qa' } }).success,
    ).toBe(false);
  });
});
