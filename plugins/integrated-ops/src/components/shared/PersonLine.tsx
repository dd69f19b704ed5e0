import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Person } from '@integrated-ops/plugin-integrated-ops-common';
import { Flex, Text } from '@backstage/ui';
import { ContactLinks } from './ContactLinks';

/** A person by name with their phone and chat on the same line. */
export function PersonLine(props: { label: string; person: Person }) {
  const { label, person } = props;
  return (
    <Flex gap="2" style={{ flexWrap: 'wrap' }} align="baseline">
      <Text as="span" variant="body-medium">
        <strong>{label}:</strong>{' '}
        {/* Underlined: inside text, a link must not be told apart by colour alone. */}
        <EntityRefLink entityRef={person.ref} underline="always">
          {person.name}
        </EntityRefLink>
      </Text>
      <ContactLinks links={person.contacts} label={`${person.name} contacts`} />
    </Flex>
  );
}
