import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
} from '@backstage/ui';
import { ReactNode } from 'react';

/** A decision asked twice: what it does, then Cancel or the action. */
export function ConfirmDialog(props: {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  confirm: string;
  destructive?: boolean;
  isDisabled: boolean;
  onConfirm: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      isOpen={props.isOpen}
      onOpenChange={open => !open && props.onClose()}
      width={640}
    >
      <DialogHeader>{props.title}</DialogHeader>
      <DialogBody>{props.children}</DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={props.onClose}>
          Cancel
        </Button>
        <Button
          variant="primary"
          destructive={props.destructive}
          isDisabled={props.isDisabled}
          onPress={props.onConfirm}
        >
          {props.confirm}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
