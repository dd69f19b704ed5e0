import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  TextAreaField,
} from '@backstage/ui';
import { useState } from 'react';
import { opsRequestsApiRef } from '../../api';

/** Approve, or reject with a justification; shown only to those who may decide. */
export function DecisionButtons(props: { id: string; onDecided: () => void }) {
  const api = useApi(opsRequestsApiRef);
  const alertApi = useApi(alertApiRef);
  const [rejecting, setRejecting] = useState(false);
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await what();
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
        onPress={() => run(() => api.approveRequest(props.id), 'Approved')}
      >
        Approve
      </Button>
      <Button
        variant="secondary"
        isDisabled={busy}
        onPress={() => setRejecting(true)}
      >
        Reject
      </Button>
      <Dialog isOpen={rejecting} onOpenChange={setRejecting} width={560}>
        <DialogHeader>Reject {props.id}</DialogHeader>
        <DialogBody>
          <TextAreaField
            label="Why (the requester sees this)"
            description="At least 10 characters"
            rows={3}
            value={justification}
            onChange={setJustification}
          />
        </DialogBody>
        <DialogFooter>
          <Button variant="secondary" onPress={() => setRejecting(false)}>
            Cancel
          </Button>
          <Button
            variant="primary"
            destructive
            isDisabled={busy || justification.trim().length < 10}
            onPress={() =>
              run(async () => {
                await api.rejectRequest(props.id, justification);
                setRejecting(false);
              }, 'Rejected')
            }
          >
            Reject request
          </Button>
        </DialogFooter>
      </Dialog>
    </Flex>
  );
}
