import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  ChangeRequestDetail,
  approvingRoleTitle,
} from '@integrated-ops/plugin-ops-requests-common';
import { Button, Flex, Text, TextAreaField } from '@backstage/ui';
import { useState } from 'react';
import { opsRequestsApiRef } from '../../api';
import { changeSummary } from './changeSummary';
import { ConfirmDialog } from './ConfirmDialog';
import { NetworkEffect } from './NetworkEffect';

/** What approving does: records one approval, or, as the last one, applies the change. */
function ApprovalImpact(props: { request: ChangeRequestDetail }) {
  const { request } = props;
  const pending = request.requiredApprovals.filter(
    d => !request.approvals.some(a => a.discipline === d),
  );
  const effect = request.kind === 'network-access' && (
    <NetworkEffect connectivity={request.connectivity} />
  );
  if (pending.length > 1) {
    return (
      <Flex direction="column" gap="2">
        <Text as="p">
          Pending approvals:{' '}
          {pending.map(d => approvingRoleTitle(d)).join(', ')}. Yours is one of
          them, so nothing is applied yet.
        </Text>
        {effect}
      </Flex>
    );
  }
  const { files, cidrs, namespaces } = changeSummary(request.change.files);
  return (
    <Flex direction="column" gap="2">
      <Text as="p" weight="bold">
        Yours is the last approval: the change is applied now. Commit{' '}
        {request.change.commit.slice(0, 12)} of branch {request.change.branch}{' '}
        is merged into {request.change.repository}.
      </Text>
      <ul aria-label="What will change">
        <li>Files: {files.join(', ')}</li>
        {cidrs.length > 0 && <li>Address ranges: {cidrs.join(', ')}</li>}
        {namespaces.length > 0 && <li>Namespaces: {namespaces.join(', ')}</li>}
        {request.expiresAt && <li>Expires: {request.expiresAt}</li>}
      </ul>
      {effect}
    </Flex>
  );
}

/** Approve after seeing what it does, or reject with a justification; shown only to those who may decide. */
export function DecisionButtons(props: {
  request: ChangeRequestDetail;
  onDecided: () => void;
}) {
  const { id } = props.request;
  const api = useApi(opsRequestsApiRef);
  const alertApi = useApi(alertApiRef);
  const [dialog, setDialog] = useState<'approve' | 'reject'>();
  // Break-glass already applied: the owning teams confirm or revoke it.
  const review = props.request.state === 'post-review';
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await what();
      setDialog(undefined);
      alertApi.post({
        message: done,
        severity: 'success',
        display: 'transient',
      });
      props.onDecided();
    } catch (e) {
      alertApi.post({ message: (e as Error).message, severity: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex gap="2">
      <Button
        variant="primary"
        isDisabled={busy}
        onPress={() => setDialog('approve')}
      >
        {review ? 'Confirm' : 'Approve'}
      </Button>
      <Button
        variant="secondary"
        isDisabled={busy}
        onPress={() => setDialog('reject')}
      >
        {review ? 'Revoke now' : 'Reject'}
      </Button>
      <ConfirmDialog
        isOpen={dialog === 'approve'}
        onClose={() => setDialog(undefined)}
        title={review ? `Confirm ${id}?` : `Approve ${id}?`}
        confirm={review ? 'Confirm break-glass access' : 'Confirm approval'}
        isDisabled={busy}
        onConfirm={() =>
          review
            ? run(() => api.confirmRequest(id), 'Confirmed')
            : run(() => api.approveRequest(id), 'Approved')
        }
      >
        {review ? (
          <Text as="p">
            The access stays until {props.request.expiresAt}, then it is
            revoked.
          </Text>
        ) : (
          <ApprovalImpact request={props.request} />
        )}
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={dialog === 'reject'}
        onClose={() => setDialog(undefined)}
        title={review ? `Revoke ${id} now` : `Reject ${id}`}
        confirm={review ? 'Revoke access' : 'Reject request'}
        destructive
        isDisabled={busy || justification.trim().length < 10}
        onConfirm={() =>
          review
            ? run(() => api.revokeRequest(id, justification), 'Revoked')
            : run(() => api.rejectRequest(id, justification), 'Rejected')
        }
      >
        <TextAreaField
          label="Why (the requester sees this)"
          description="At least 10 characters"
          rows={3}
          value={justification}
          onChange={setJustification}
        />
      </ConfirmDialog>
    </Flex>
  );
}
