import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { NoOwnerWarning } from '@integrated-ops/plugin-integrated-ops-common';
import { Alert, Flex, Text } from '@backstage/ui';
import { ContactLinks } from './ContactLinks';
import { PersonLine } from './PersonLine';

/**
 * Nobody of a confirmed ops team to page: the loudest thing on the card, with
 * whom to call instead (the escalation path, else the portal's no-owner
 * escalation team) and how.
 */
export function NoOwnerAlert(props: { warning: NoOwnerWarning }) {
  const { message, escalateTo } = props.warning;
  const onCall = escalateTo?.onCall.find(s => s.person)?.person;
  return (
    <Alert
      status="danger"
      icon
      role="alert"
      title={message}
      description={
        escalateTo ? (
          <Flex direction="column" gap="1">
            <Text as="p" variant="body-medium">
              <strong>Call instead:</strong>{' '}
              <EntityRefLink entityRef={escalateTo.team}>
                {escalateTo.title}
              </EntityRefLink>
            </Text>
            {onCall && <PersonLine label="On call" person={onCall} />}
            {/* A lead who is the one on call is named once. */}
            {escalateTo.lead && escalateTo.lead.ref !== onCall?.ref && (
              <PersonLine label="Lead" person={escalateTo.lead} />
            )}
            <ContactLinks
              links={escalateTo.contacts}
              label={`${escalateTo.title} contacts`}
            />
          </Flex>
        ) : (
          'Nobody to escalate to is configured: find the owner and set spec.opsOwners.'
        )
      }
    />
  );
}
