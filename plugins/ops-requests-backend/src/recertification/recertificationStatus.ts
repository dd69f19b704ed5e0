import {
  ChangeRequest,
  RecertificationStatus,
} from '@integrated-ops/plugin-ops-requests-common';
import { Declaration, declarationKey } from './declarations';

/**
 * Where each declaration's re-certification stands, from the
 * re-certification requests (newest first) and the period a confirmation
 * holds.
 */
export function recertificationStatus(
  declarations: Declaration[],
  requests: ChangeRequest[],
  now: Date,
  periodDays: number,
): RecertificationStatus[] {
  const since = new Date(now.getTime() - periodDays * 86_400_000).toISOString();
  const byKey = new Map<string, ChangeRequest[]>();
  for (const r of requests) {
    if (!r.recertification) continue;
    const key = declarationKey(r.recertification);
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return declarations.map(d => {
    const base = {
      declaredOn: d.declaredOn,
      discipline: d.discipline,
      team: d.team,
      entities: d.entities,
    };
    const asked = byKey.get(declarationKey(d)) ?? [];
    const recent = (r: ChangeRequest) =>
      r.state === 'applied' && (r.appliedAt ?? '') >= since;
    const confirmed = asked.find(
      r => recent(r) && r.recertification!.team === d.team,
    );
    if (confirmed) {
      const approval = confirmed.approvals[0];
      return {
        ...base,
        state: 'confirmed',
        confirmedAt: confirmed.appliedAt,
        confirmedBy: approval?.decidedBy,
        requestId: confirmed.id,
      };
    }
    const accepted = asked.find(
      r => recent(r) && r.recertification!.handOverFrom === d.team,
    );
    if (accepted) {
      return {
        ...base,
        state: 'handover-accepted',
        handOverTo: accepted.recertification!.team,
        requestId: accepted.id,
      };
    }
    const open = asked.find(r => r.state === 'pending');
    if (open) {
      const offer = open.recertification!.handOverFrom;
      return {
        ...base,
        state: offer ? 'handover-offered' : 'pending',
        handOverTo: offer ? open.recertification!.team : undefined,
        requestId: open.id,
      };
    }
    return { ...base, state: 'due' };
  });
}
