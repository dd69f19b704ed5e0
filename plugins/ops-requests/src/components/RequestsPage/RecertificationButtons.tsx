import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ChangeRequestDetail } from '@integrated-ops/plugin-ops-requests-common';
import { Button, Flex, Text, TextAreaField, TextField } from '@backstage/ui';
import { useState } from 'react';
import { opsRequestsApiRef } from '../../api';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * An ownership re-certification, for the team asked: confirm it owns it, or
 * hand it over to the team that does. A hand-over offer: accept or refuse.
 */
export function RecertificationButtons(props: {
  request: ChangeRequestDetail;
  onDecided: () => void;
}) {
  const { id, recertification } = props.request;
  const offer = !!recertification?.handOverFrom;
  const api = useApi(opsRequestsApiRef);
  const alertApi = useApi(alertApiRef);
  const [dialog, setDialog] = useState<'yes' | 'no'>();
  const [team, setTeam] = useState('');
  const [text, setText] = useState('');
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
  if (!recertification) return null;
  return (
    <Flex gap="2">
      <Button
        variant="primary"
        isDisabled={busy}
        onPress={() => setDialog('yes')}
      >
        {offer ? 'Accept ownership' : 'Confirm ownership'}
      </Button>
      <Button
        variant="secondary"
        isDisabled={busy}
        onPress={() => setDialog('no')}
      >
        {offer ? 'Refuse' : 'Hand over'}
      </Button>
      <ConfirmDialog
        isOpen={dialog === 'yes'}
        onClose={() => setDialog(undefined)}
        title={offer ? `Accept ${id}?` : `Confirm ${id}?`}
        confirm={offer ? 'Accept ownership' : 'Confirm ownership'}
        isDisabled={busy}
        onConfirm={() =>
          run(() => api.approveRequest(id), offer ? 'Accepted' : 'Confirmed')
        }
      >
        <Text as="p">
          {offer
            ? `Your team takes over ${recertification.declaredOn} from ${recertification.handOverFrom}. Then change spec.opsOwners in its catalog file.`
            : `Your team confirms it owns ${recertification.declaredOn} (${recertification.entities} entities) for the policy's period.`}
        </Text>
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={dialog === 'no'}
        onClose={() => setDialog(undefined)}
        title={offer ? `Refuse ${id}` : `Hand over ${id}`}
        confirm={offer ? 'Refuse hand-over' : 'Hand over'}
        destructive={offer}
        isDisabled={busy || (offer ? text.trim().length < 10 : !team.trim())}
        onConfirm={() =>
          offer
            ? run(() => api.rejectRequest(id, text), 'Refused')
            : run(
                () => api.handOverRequest(id, team.trim(), text || undefined),
                'Handed over',
              )
        }
      >
        {!offer && (
          <TextField
            label="Team that owns it now"
            placeholder="group:default/netops-dc"
            value={team}
            onChange={setTeam}
          />
        )}
        <TextAreaField
          label={offer ? 'Why (the other team sees this)' : 'Note (optional)'}
          description={offer ? 'At least 10 characters' : undefined}
          rows={3}
          value={text}
          onChange={setText}
        />
      </ConfirmDialog>
    </Flex>
  );
}
