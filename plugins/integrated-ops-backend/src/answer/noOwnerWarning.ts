import {
  DISCIPLINE_TITLES,
  DisciplineAnswer,
  EscalationStep,
  NoOwnerReason,
  NoOwnerWarning,
} from '@integrated-ops/plugin-integrated-ops-common';

const someoneOnCall = (step: EscalationStep) =>
  step.onCall.some(shift => shift.person);

function describe(
  answer: DisciplineAnswer,
): { reason: NoOwnerReason; message: string } | undefined {
  const title = DISCIPLINE_TITLES[answer.discipline];
  if (answer.source === 'missing') {
    return {
      reason: 'missing',
      message: `No ${title} owner: none declared, inherited or in spec.owner.`,
    };
  }
  if (!answer.teamKnown) {
    return {
      reason: 'unknown-team',
      message: `The ${title} owner ${answer.ownerRef} is not in the catalog.`,
    };
  }
  const team = answer.team?.title ?? answer.ownerRef;
  const nobody = !answer.onCall.some(shift => shift.person);
  if (answer.source === 'fallback') {
    return {
      reason: 'fallback',
      message: `No ${title} owner declared or inherited; ${team} is only the spec.owner${
        nobody ? ' and has nobody on call' : ''
      }.`,
    };
  }
  if (!answer.onCall.length) {
    return {
      reason: 'no-rotation',
      message: `${team} (${title}) has no on-call rotation.`,
    };
  }
  if (nobody) {
    return {
      reason: 'rotation-gap',
      message: `Nobody of ${team} (${title}) is on call now.`,
    };
  }
  return undefined;
}

/**
 * Whether a discipline's answer needs a warning, and whom to call instead:
 * the owning team's escalation path first, then `fallbackStep` (the portal's
 * configured no-owner escalation), when nobody of the team is on call.
 */
export function noOwnerWarning(
  answer: DisciplineAnswer,
  fallbackStep: () => EscalationStep | undefined,
): NoOwnerWarning | undefined {
  const problem = describe(answer);
  if (!problem) return undefined;
  if (answer.onCall.some(shift => shift.person)) return problem;
  const escalateTo =
    answer.escalation.slice(1).find(someoneOnCall) ?? fallbackStep();
  return escalateTo ? { ...problem, escalateTo } : problem;
}
