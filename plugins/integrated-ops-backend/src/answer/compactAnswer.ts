import {
  DISCIPLINES,
  Discipline,
  EscalationStep,
  OwnershipAnswer,
  Person,
} from '@integrated-ops/plugin-integrated-ops-common';
import { isJsonPart, markJsonPart } from './answerJson';

const phoneOf = (p?: { contacts: Person['contacts'] }) =>
  p?.contacts.find(c => c.type === 'phone' || c.type === 'pager')?.url;

const person = (p: Person) => ({ name: p.name, phone: phoneOf(p) });

const step = (s: EscalationStep) => ({
  team: s.title,
  onCall: s.onCall.find(o => o.person)?.person?.name,
  lead: s.lead?.name,
  phone: phoneOf(s),
});

type DisciplineAnswer = OwnershipAnswer['owners'][Discipline];

/** The compact form of shared discipline answers (see answerParts), made once each. */
const compactOwners = new WeakMap<DisciplineAnswer, object>();

function compactOwner(o: DisciplineAnswer): object {
  const known = compactOwners.get(o);
  if (known) return known;
  const compact = {
    team: o.team?.title ?? o.ownerRef,
    source: o.source,
    onCall: o.onCall.flatMap(s =>
      s.person
        ? [{ ...person(s.person), until: s.until, timeZone: s.timeZone }]
        : [],
    ),
    teamPhone: phoneOf(o.team),
    escalation: o.escalation.slice(1).map(step),
    noOwner: o.noOwner && {
      message: o.noOwner.message,
      callInstead: o.noOwner.escalateTo && step(o.noOwner.escalateTo),
    },
  };
  if (isJsonPart(o)) {
    compactOwners.set(o, compact);
    markJsonPart(compact);
  }
  return compact;
}

/**
 * An answer for an AI agent's context: per discipline the team, who is on
 * call with their number and until when, the escalation path by name, and
 * the no-owner warning with whom to call instead. Members, contact lists and
 * descriptions are left out; `detail: "full"` gives the whole answer.
 */
export function compactAnswer(answer: OwnershipAnswer) {
  const owners = {} as Record<Discipline, object>;
  for (const d of DISCIPLINES) owners[d] = compactOwner(answer.owners[d]);
  const { ref, title, kind, system } = answer.entity;
  return {
    entity: { ref, title, kind, system },
    owners,
    runbooks: answer.runbooks.map(r => r.url),
  };
}
