import { useSearch } from '@backstage/plugin-search-react';
import { ButtonLink, Flex, Text } from '@backstage/ui';
import { useLookupHref } from './useLookupHref';

/**
 * Above the portal's search results: the way from what was typed (an IP, a
 * hostname, a service) to the incident lookup's answer for it.
 *
 * @public
 */
export function LookupSearchSuggestion() {
  const { term } = useSearch();
  const lookupHref = useLookupHref();
  if (!term.trim()) return null;
  return (
    <Flex
      align="center"
      gap="3"
      style={{ padding: '8px 16px', flexWrap: 'wrap' }}
    >
      <ButtonLink href={lookupHref(term)} variant="secondary">
        Who owns “{term.trim()}”? Open the incident lookup
      </ButtonLink>
      <Text as="span" variant="body-small">
        NetOps, DevOps and SecOps owners, and who is on call now.
      </Text>
    </Flex>
  );
}
