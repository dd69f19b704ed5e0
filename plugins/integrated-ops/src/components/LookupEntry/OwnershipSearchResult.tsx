import { Link } from '@backstage/core-components';
import {
  DISCIPLINE_TITLES,
  DISCIPLINES,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Flex, Text } from '@backstage/ui';
import { SearchDocument } from '@backstage/plugin-search-common';
import { ReactNode } from 'react';

const short = (ref: string) => ref.replace(/^[a-z]+:(default\/)?/, '');

/** The `ops-ownership` search document, as the search module indexes it. */
interface OwnershipResult {
  title: string;
  text: string;
  location: string;
  kind: string;
  owners: Partial<Record<(typeof DISCIPLINES)[number], string>>;
}

/**
 * A search result for an entity found by name, hostname or IP: its three
 * owners at a glance and the link to the incident lookup's full answer.
 *
 * @public
 */
export function OwnershipSearchResult(props: {
  result?: SearchDocument;
  icon?: ReactNode;
}) {
  const result = props.result as OwnershipResult | undefined;
  if (!result) return null;
  return (
    <Flex direction="column" gap="1" style={{ padding: '8px 16px' }}>
      <Text as="p" variant="body-medium" weight="bold">
        <Link to={result.location}>{result.title}</Link> ({result.kind})
      </Text>
      <Text
        as="p"
        variant="body-small"
        aria-label={`Owners of ${result.title}`}
      >
        {DISCIPLINES.map(
          d =>
            `${DISCIPLINE_TITLES[d]}: ${
              result.owners?.[d] ? short(result.owners[d]!) : 'none'
            }`,
        ).join(' · ')}
      </Text>
    </Flex>
  );
}
