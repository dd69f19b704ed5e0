import { Text } from '@backstage/ui';
import { ComponentProps, ReactNode } from 'react';

/**
 * Bold danger-coloured text that stays readable: BUI's plain danger colour
 * fails WCAG contrast on white, its subdued negative shade passes in both themes.
 */
export function LoudText(props: {
  variant?: ComponentProps<typeof Text>['variant'];
  as?: 'span' | 'p';
  children: ReactNode;
}) {
  return (
    <Text
      as={props.as ?? 'span'}
      variant={props.variant ?? 'body-medium'}
      weight="bold"
      style={{ color: 'var(--bui-negative-fg-subdued)' }}
    >
      {props.children}
    </Text>
  );
}
