import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import FileCopyIcon from '@material-ui/icons/FileCopy';

/** Copies the ready-made "who to page" text for the incident channel. */
export function CopyWhoToPageButton(props: { text: string }) {
  const alertApi = useApi(alertApiRef);
  const copy = async () => {
    try {
      await window.navigator.clipboard.writeText(props.text);
      alertApi.post({
        message: 'Copied "who to page" to the clipboard',
        severity: 'success',
        display: 'transient',
      });
    } catch (e) {
      alertApi.post({
        message: `Could not copy to the clipboard: ${(e as Error).message}`,
        severity: 'error',
      });
    }
  };
  return (
    <Button
      variant="contained"
      color="primary"
      startIcon={<FileCopyIcon />}
      onClick={copy}
    >
      Copy who to page
    </Button>
  );
}
