import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import { LoadError } from '../shared/LoadError';
import { SectionCard } from '../shared/SectionCard';
import { useOpsData } from '../shared/useOpsData';
import { PageStatus } from './PageStatus';

/**
 * The page a notification links to (`/ops-lookup?page=<id>`): what was paged
 * and why, with Acknowledge for the people it went to.
 */
export function PageFromLink(props: { id: string }) {
  const { value, loading, error, retry } = useOpsData(
    api => api.getPage(props.id),
    [props.id],
  );
  if (loading) return <Progress />;
  if (error) return <LoadError error={error} onRetry={retry} />;
  if (!value) return null;
  return (
    <SectionCard
      title={
        value.escalation
          ? `Page: incident escalation for "${value.query}"`
          : `Page: ${value.entityTitle}`
      }
    >
      <Flex direction="column" gap="2">
        <Text as="p" variant="body-small" color="secondary">
          {value.escalation ? (
            <>"{value.query}" matched nothing in the catalog</>
          ) : (
            <>
              <EntityRefLink entityRef={value.entityRef} /> - looked up "
              {value.query}"
            </>
          )}{' '}
          - team <EntityRefLink entityRef={value.team} />
        </Text>
        <PageStatus page={value} />
      </Flex>
    </SectionCard>
  );
}
