import { readOpsFactsChanged } from './changeEvents';

describe('readOpsFactsChanged', () => {
  it('keeps well-formed refs and drops the rest', () => {
    expect(
      readOpsFactsChanged({
        entityRefs: [
          'component:default/a',
          42,
          'not a ref',
          `component:default/${'x'.repeat(600)}`,
          'group:default/netops-dc',
        ],
      }),
    ).toEqual(['component:default/a', 'group:default/netops-dc']);
  });

  it('reads nothing from a payload of another shape', () => {
    expect(readOpsFactsChanged(null)).toEqual([]);
    expect(readOpsFactsChanged({ entityRefs: 'component:default/a' })).toEqual(
      [],
    );
  });

  it('reads at most 500 refs from one event', () => {
    const entityRefs = Array.from(
      { length: 900 },
      (_, i) => `component:default/c${i}`,
    );
    expect(readOpsFactsChanged({ entityRefs })).toHaveLength(500);
  });
});
