import { Button } from '@backstage/ui';
import { useEffect, useState } from 'react';

/**
 * Copies the ready-made "who to page" text for the incident channel. Says
 * "Copied" on the button itself, and only for the text it copied: a new
 * answer resets it.
 */
export function CopyWhoToPageButton(props: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => setState('idle'), [props.text]);
  const copy = async () => {
    try {
      await window.navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <span aria-live="polite">
      <Button variant="primary" onPress={copy}>
        {state === 'copied' ? 'Copied who to page' : 'Copy who to page'}
      </Button>
      {state === 'failed' && (
        <span role="alert">
          {' '}
          Could not copy: select the text below instead.
        </span>
      )}
    </span>
  );
}
