import { formatInstant } from '@integrated-ops/plugin-integrated-ops-common';
import {
  ChangeRequestDetail,
  approvingRoleTitle,
} from '@integrated-ops/plugin-ops-requests-common';
import { Alert } from '@backstage/ui';
import { EntityTitledText } from './EntityTitledText';

type Banner = {
  status: 'info' | 'success' | 'warning' | 'danger';
  title: string;
  description?: string;
};

/** The last reason the audit trail gives for entering `state`. */
const reasonFor = (request: ChangeRequestDetail, state: string) =>
  [...request.audit].reverse().find(a => a.toState === state)?.reason;

/** An apply the backend tried and could not finish (the audit's last word). */
const stuckApply = (request: ChangeRequestDetail) => {
  const last = request.audit[request.audit.length - 1];
  return last?.action.startsWith('apply-') ? last : undefined;
};

function pendingBanner(request: ChangeRequestDetail): Banner {
  const waiting = request.requiredApprovals
    .filter(d => !request.approvals.some(a => a.discipline === d))
    .map(approvingRoleTitle);
  let next = 'Nothing is applied until the last approval.';
  const recert = request.recertification;
  if (recert?.handOverFrom) {
    next = `${recert.team} accepts or refuses the hand-over from ${recert.handOverFrom}.`;
  } else if (recert) {
    next = `${recert.team} confirms its ownership or hands it over.`;
  } else if (request.applyAt) {
    next = `Once approved it is applied at ${formatInstant(request.applyAt)}.`;
  }
  return {
    status: 'info',
    title: `Pending: waiting for ${waiting.join(', ') || 'approval'}`,
    description: next,
  };
}

/**
 * What a request's state means for whoever reads it, in one line or two;
 * the reasons are the audit trail's (the backend's words).
 */
export function stateBanner(request: ChangeRequestDetail): Banner | undefined {
  const at = (iso?: string) => (iso ? ` ${formatInstant(iso)}` : '');
  switch (request.state) {
    case 'pending':
      return pendingBanner(request);
    case 'approved': {
      const stuck = stuckApply(request);
      if (stuck) {
        return {
          status: 'warning',
          title: 'Approved, not applied',
          description: stuck.reason,
        };
      }
      return {
        status: 'info',
        title: request.applyAt
          ? `Approved: applied at ${formatInstant(request.applyAt)}`
          : 'Approved: being applied',
      };
    }
    case 'applied':
      if (request.recertification) {
        return {
          status: 'success',
          title: `Done${at(request.appliedAt)}`,
          description: reasonFor(request, 'applied'),
        };
      }
      return {
        status: 'success',
        title: `Applied${at(request.appliedAt)}`,
        description: `Merged into main of ${request.change.repository}${
          request.expiresAt
            ? `; in force until ${formatInstant(request.expiresAt)}`
            : ''
        }.`,
      };
    case 'rejected':
      return {
        status: 'danger',
        title: `Rejected${at(request.decidedAt)}`,
        description: reasonFor(request, 'rejected') ?? 'Nothing was applied.',
      };
    case 'revoked':
      return {
        status: 'warning',
        title: `Revoked${at(request.revokedAt)}`,
        description:
          reasonFor(request, 'revoked') ?? 'Its change was taken off main.',
      };
    case 'expired':
      return {
        status: 'warning',
        title: 'Expired: never applied',
        description: reasonFor(request, 'expired'),
      };
    case 'handed-over':
      return {
        status: 'info',
        title: `Handed over ${reasonFor(request, 'handed-over') ?? ''}`.trim(),
        description:
          'Closed here: the other team accepts or refuses in a request of its own.',
      };
    default:
      // post-review: the break-glass notice says it, with its review date.
      return undefined;
  }
}

/** A request's state, prominent: what it means now and what comes next. */
export function RequestStateBanner(props: { request: ChangeRequestDetail }) {
  const banner = stateBanner(props.request);
  if (!banner) return null;
  return (
    <Alert
      status={banner.status}
      icon
      title={banner.title}
      description={
        banner.description && (
          <EntityTitledText text={banner.description} withRefs />
        )
      }
    />
  );
}
