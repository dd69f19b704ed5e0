import { Button, Flex, TextField } from '@backstage/ui';
import { FormEvent, useEffect, useRef, useState } from 'react';

/** An ISO time as the viewer's wall clock ("2026-11-02 02:13"). */
function toLocalInput(iso?: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (isNaN(at.getTime())) return '';
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16).replace('T', ' ');
}

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
  /** Offer an "As of" time, for a past moment (the review after an incident). */
  withAsOf?: boolean;
  /** ISO time the form starts with. */
  initialAsOf?: string;
  /** `asOf`: ISO, when a past moment was given. */
  onLookUp: (q: string, asOf?: string) => void;
}) {
  const [input, setInput] = useState(props.initial ?? '');
  useEffect(() => setInput(props.initial ?? ''), [props.initial]);
  const [asOf, setAsOf] = useState(toLocalInput(props.initialAsOf));
  useEffect(
    () => setAsOf(toLocalInput(props.initialAsOf)),
    [props.initialAsOf],
  );
  const [asOfError, setAsOfError] = useState<string>();
  const box = useRef<HTMLDivElement>(null);
  const { autoFocusInput } = props;
  useEffect(() => {
    // Never steal the caret: a widget that loads late must not pull it out
    // of a field or the search dialog someone is typing in meanwhile.
    const active = document.activeElement as HTMLElement | null;
    const typing =
      !!active &&
      (active.isContentEditable ||
        ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName) ||
        !!active.closest('[role="dialog"]'));
    if (autoFocusInput && !typing) {
      box.current?.querySelector('input')?.focus();
    }
  }, [autoFocusInput]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!input.trim()) return;
    // "2026-11-02 02:13" is the viewer's wall clock: Date reads it so.
    const when = asOf.trim()
      ? new Date(asOf.trim().replace(' ', 'T'))
      : undefined;
    if (when && isNaN(when.getTime())) {
      setAsOfError('Not a time: write it as 2026-11-02 02:13');
      return;
    }
    props.onLookUp(input.trim(), when?.toISOString());
  };
  return (
    <form onSubmit={onSubmit} role="search" aria-label={props.ariaLabel}>
      {/* On a phone the fields stack, each the screen's width. */}
      <Flex
        gap="2"
        direction={{ initial: 'column', xs: 'row' }}
        align={{ initial: 'stretch', xs: 'end' }}
      >
        <div style={{ flex: 1 }} ref={box}>
          <TextField
            label={props.label}
            placeholder={props.placeholder}
            value={input}
            onChange={setInput}
          />
        </div>
        {props.withAsOf && (
          <TextField
            label="As of (optional)"
            placeholder="2026-11-02 02:13"
            value={asOf}
            onChange={value => {
              setAsOf(value);
              setAsOfError(undefined);
            }}
            isInvalid={!!asOfError}
            description={
              asOfError ?? 'A past moment, your time: owners and on-call then'
            }
          />
        )}
        <Button type="submit" variant="primary">
          Look up
        </Button>
      </Flex>
    </form>
  );
}
