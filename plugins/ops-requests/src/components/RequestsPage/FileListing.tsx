import { Text } from '@backstage/ui';

/**
 * One file of a change, as committed: numbered lines in the theme's text
 * colours. Plain on purpose: syntax themes fail contrast checks, and an
 * approver reads every line.
 */
export function FileListing(props: { path: string; content: string }) {
  const lines = props.content.replace(/\n$/, '').split('\n');
  const width = String(lines.length).length;
  return (
    <figure style={{ margin: 0 }} aria-label={props.path}>
      <Text as="p" weight="bold">
        + {props.path}
      </Text>
      <pre
        style={{
          margin: 0,
          padding: 12,
          overflowX: 'auto',
          fontSize: 13,
          lineHeight: 1.5,
          border: '1px solid var(--bui-border-1)',
          borderRadius: 4,
        }}
      >
        <code>
          {lines
            .map((line, i) => `${String(i + 1).padStart(width)}  ${line}`)
            .join('\n')}
        </code>
      </pre>
    </figure>
  );
}
