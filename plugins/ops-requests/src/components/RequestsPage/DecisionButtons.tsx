import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
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
    <Box display="flex" style={{ gap: 8 }}>
      <Button
        variant="contained"
        color="primary"
        disabled={busy}
        onClick={() => run(() => api.approveRequest(props.id), 'Approved')}
      >
        Approve
      </Button>
      <Button
        variant="outlined"
        disabled={busy}
        onClick={() => setRejecting(true)}
      >
        Reject
      </Button>
      <Dialog open={rejecting} onClose={() => setRejecting(false)} fullWidth>
        <DialogTitle>Reject {props.id}</DialogTitle>
        <DialogContent>
          <TextField
            id="reject-justification"
            label="Why (the requester sees this)"
            multiline
            minRows={3}
            fullWidth
            value={justification}
            onChange={e => setJustification(e.target.value)}
            helperText="At least 10 characters"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRejecting(false)}>Cancel</Button>
          <Button
            color="primary"
            disabled={busy || justification.trim().length < 10}
            onClick={() =>
              run(async () => {
                await api.rejectRequest(props.id, justification);
                setRejecting(false);
              }, 'Rejected')
            }
          >
            Reject request
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
