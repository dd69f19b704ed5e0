import { formatInstant } from '@integrated-ops/plugin-integrated-ops-common';
import {
  ChangeRequestDetail,
  approvingRoleTitle,
} from '@integrated-ops/plugin-ops-requests-common';
import { Alert } from '@backstage/ui';

type Banner = {
  status: 'info' | 'success' | 'warning' | 'danger';
  title: string;
  description?: string;
};

/** The last reason the audit trail gives for entering `state`. */
const reasonFor = (request: ChangeRequestDetail, state: string) =>
  [...request.audit].reverse().find(a => a.toState === state)?.reason;

/** What a request's state means for whoever reads it, in one line or two. */
export function stateBanner(request: ChangeRequestDetail): Banner | undefined {
  const at = (iso?: string) => (iso ? ` ${formatInstant(iso)}` : '');
  const until = request.expiresAt
    ? `; in force until ${formatInstant(request.expiresAt)}`
    : '';
  switch (request.state) {
    case 'pending': {
      const waiting = request.requiredApprovals
        .filter(d => !request.approvals.some(a => a.discipline === d))
        .map(approvingRoleTitle);
      let next = 'Nothing is applied until the last approval.';
      if (request.recertification) {
        next = 'The asked team confirms its ownership or hands it over.';
      } else if (request.applyAt) {
        next = `Once approved it is applied at ${formatInstant(
          request.applyAt,
        )}.`;
      }
      return {
        status: 'info',
        title: `Pending: waiting for ${waiting.join(', ') || 'approval'}`,
        description: next,
      };
    }
    case 'approved':
      return {
        status: 'info',
        title: request.applyAt
          ? `Approved: applied at ${formatInstant(request.applyAt)}`
          : 'Approved: being applied',
      };
    case 'applied':
      return {
        status: 'success',
        title: `Applied${at(request.appliedAt)}`,
        description: `Merged into main of ${request.change.repository}${until}.`,
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
        title: `Expired${at(request.expiresAt)}`,
        description: 'It is no longer in force.',
      };
    case 'handed-over':
      return {
        status: 'info',
        title: `Handed over${
          request.recertification?.handedOverTo
            ? ` to ${request.recertification.handedOverTo}`
            : ''
        }: waiting for that team to accept or refuse`,
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
      description={banner.description}
    />
  );
}
