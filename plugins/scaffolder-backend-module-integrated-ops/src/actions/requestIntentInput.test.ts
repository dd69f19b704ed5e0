import { intentFromInput } from './requestIntentInput';

describe('intentFromInput', () => {
  it('sends incident and duration as the intent’s emergency, dropping empty form values', () => {
    expect(
      intentFromInput({
        kind: 'network-access',
        source: 'component:default/web',
        destination: 'resource:default/cases-db',
        ports: '5432/tcp',
        justification: 'INC-4711: cases DB unreachable from the web tier',
        expiresAt: '',
        incident: 'INC-4711',
        durationMinutes: 120,
      }),
    ).toEqual({
      kind: 'network-access',
      source: 'component:default/web',
      destination: 'resource:default/cases-db',
      ports: '5432/tcp',
      justification: 'INC-4711: cases DB unreachable from the web tier',
      emergency: { incident: 'INC-4711', durationMinutes: 120 },
    });
  });

  it('leaves a normal request without emergency, and refuses what is not intent', () => {
    expect(intentFromInput({ kind: 'network-access', incident: null })).toEqual(
      {
        kind: 'network-access',
      },
    );
    expect(() =>
      intentFromInput({ kind: 'network-access', breakGlass: true }),
    ).toThrow('unknown input breakGlass');
  });
});
