import { Flex, Text } from '@backstage/ui';
import type { FindingList } from '@integrated-ops/plugin-security-findings-common';

const ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** "Critical 1 · High 0 · Medium 4 · Low 1": every open finding of the component, by severity. */
export function SeverityCounts(props: {
  counts: FindingList['summary']['bySeverity'];
}) {
  return (
    <Flex gap="4" role="list" aria-label="Open findings by severity">
      {ORDER.filter(s => s !== 'info' || props.counts.info > 0).map(s => (
        <Flex key={s} direction="column" gap="0" role="listitem">
          <Text
            variant="title-small"
            weight="bold"
            color={
              (s === 'critical' || s === 'high') && props.counts[s] > 0
                ? 'danger'
                : 'primary'
            }
          >
            {props.counts[s]}
          </Text>
          <Text variant="body-small" color="secondary">
            {s[0].toLocaleUpperCase('en-US') + s.slice(1)}
          </Text>
        </Flex>
      ))}
    </Flex>
  );
}
