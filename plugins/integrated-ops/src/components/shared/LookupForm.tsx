import { Button, Flex, TextField } from '@backstage/ui';
import { FormEvent, useEffect, useRef, useState } from 'react';

/**
 * The lookup box and its button; Enter looks up. With `autoFocusInput` the
 * box has focus on load: whoever opens the page during an incident types at once.
 */
export function LookupForm(props: {
  label: string;
  placeholder: string;
  initial?: string;
  autoFocusInput?: boolean;
  ariaLabel?: string;
  onLookUp: (q: string) => void;
}) {
  const [input, setInput] = useState(props.initial ?? '');
  useEffect(() => setInput(props.initial ?? ''), [props.initial]);
  const box = useRef<HTMLDivElement>(null);
  const { autoFocusInput } = props;
  useEffect(() => {
    if (autoFocusInput) box.current?.querySelector('input')?.focus();
  }, [autoFocusInput]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (input.trim()) props.onLookUp(input.trim());
  };
  return (
    <form onSubmit={onSubmit} role="search" aria-label={props.ariaLabel}>
      <Flex gap="2" align="end">
        <div style={{ flex: 1 }} ref={box}>
          <TextField
            label={props.label}
            placeholder={props.placeholder}
            value={input}
            onChange={setInput}
          />
        </div>
        <Button type="submit" variant="primary">
          Look up
        </Button>
      </Flex>
    </form>
  );
}
