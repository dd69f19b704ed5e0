import { Text } from '@backstage/ui';
import { ReactNode } from 'react';

/** Small secondary text that holds entity refs: long refs wrap on a phone instead of overflowing. */
export function RefCaption(props: { as?: 'p' | 'span'; children: ReactNode }) {
  return (
    <Text
      as={props.as ?? 'p'}
      variant="body-small"
      color="secondary"
      style={{ overflowWrap: 'anywhere' }}
    >
      {props.children}
    </Text>
  );
}
