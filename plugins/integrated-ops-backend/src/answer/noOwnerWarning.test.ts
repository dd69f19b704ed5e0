import { OwnershipIndex } from '../index/OwnershipIndex';
import {
  make,
  owned,
  sources,
  testCatalog,
} from '../__testUtils__/testCatalog';
import { buildOwnershipAnswer } from './buildOwnershipAnswer';

// netops: a department without a rotation; soc: no rotation, escalates to soc-t1.
const index = OwnershipIndex.build([
  ...testCatalog,
  make(
    'Component',
    'quiet',
    { type: 'service', owner: 'fraud-team' },
    owned('netops', 'sre', 'soc'),
    sources('declared', 'declared', 'declared'),
  ),
]);
const DURING_ROTATIONS = new Date('2026-01-07T12:00:00Z');
const BEFORE_ROTATIONS = new Date('2026-01-01T12:00:00Z');
const withIncidentCommand = { noOwnerEscalation: 'group:default/soc-t2' };

const owners = (ref: string, at = DURING_ROTATIONS, options = {}) =>
  buildOwnershipAnswer(index, `component:default/${ref}`, at, options).owners;

describe('noOwner warnings', () => {
  it('stay off when every discipline has an ops team with someone on call', () => {
    const answer = owners('gateway', DURING_ROTATIONS, withIncidentCommand);
    expect(
      [answer.netops, answer.devops, answer.secops].map(a => a.noOwner),
    ).toEqual([undefined, undefined, undefined]);
  });

  it('name an owner missing from the catalog and send the reader to the configured escalation', () => {
    const { devops } = owners('legacy', DURING_ROTATIONS, withIncidentCommand);
    expect(devops.noOwner).toMatchObject({
      reason: 'unknown-team',
      message:
        'The DevOps owner group:default/fraud-team is not in the catalog.',
      escalateTo: {
        team: 'group:default/soc-t2',
        onCall: [expect.objectContaining({ person: expect.anything() })],
      },
    });
  });

  it('say whom to call without a configured escalation only when the path has an on-call', () => {
    expect(owners('legacy').devops.noOwner?.escalateTo).toBeUndefined();
    const { secops } = owners('quiet');
    expect(secops.noOwner).toMatchObject({
      reason: 'no-rotation',
      message: 'soc (SecOps) has no on-call rotation.',
      escalateTo: { team: 'group:default/soc-t1', step: 2 },
    });
  });

  it('flag a team without a rotation whose path has nobody on call', () => {
    const { netops } = owners('quiet', DURING_ROTATIONS, withIncidentCommand);
    expect(netops.noOwner).toMatchObject({
      reason: 'no-rotation',
      escalateTo: { team: 'group:default/soc-t2' },
    });
  });

  it('flag a rotation that has nobody on call yet', () => {
    const { devops } = owners('gateway', BEFORE_ROTATIONS, withIncidentCommand);
    expect(devops.noOwner).toMatchObject({
      reason: 'rotation-gap',
      message: 'Nobody of sre (DevOps) is on call now.',
    });
    // The configured team is named even with nobody on call: its lead and
    // contacts are how to reach it.
    expect(devops.noOwner?.escalateTo).toMatchObject({
      team: 'group:default/soc-t2',
      onCall: [expect.objectContaining({ person: undefined })],
    });
  });

  it('flag a spec.owner fallback even when someone of that team is on call, without an escalation', () => {
    const fallbackIndex = OwnershipIndex.build([
      ...testCatalog,
      make(
        'Component',
        'orphan',
        { type: 'service', owner: 'sre' },
        // No devopsOwnedBy relation: the catalog module found no DevOps owner.
        owned('netops-edge', 'sre', 'soc-t1').filter(
          ([type]) => type !== 'devopsOwnedBy',
        ),
      ),
    ]);
    const { devops } = buildOwnershipAnswer(
      fallbackIndex,
      'component:default/orphan',
      DURING_ROTATIONS,
      withIncidentCommand,
    ).owners;
    expect(devops.noOwner).toEqual({
      reason: 'fallback',
      message:
        'No DevOps owner declared or inherited; sre is only the spec.owner.',
    });
  });

  it('carry each rotation time zone with the shift', () => {
    expect(owners('gateway').netops.onCall[0].timeZone).toBe('Europe/London');
  });
});
