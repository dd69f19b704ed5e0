import { Link } from '@backstage/core-components';
import { SearchDocument } from '@backstage/plugin-search-common';
import { Flex, Text } from '@backstage/ui';
import { ReactNode } from 'react';

/**
 * The search result that offers the incident lookup for an address typed
 * in search (the `ops-lookup` result the portal's search engine puts first
 * for an IP, CIDR, hostname or URL).
 *
 * @public
 */
export function LookupOfferSearchResult(props: {
  result?: SearchDocument;
  icon?: ReactNode;
}) {
  const { result } = props;
  if (!result) return null;
  return (
    <Flex
      direction="column"
      gap="1"
      style={{
        padding: '12px 16px',
        borderLeft: '4px solid var(--bui-border-info, #1f5493)',
      }}
    >
      <Text as="p" variant="body-large" weight="bold">
        <Link to={result.location}>{result.title}</Link>
      </Text>
      <Text as="p" variant="body-small">
        {result.text}
      </Text>
    </Flex>
  );
}
