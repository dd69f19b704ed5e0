import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DISCIPLINE_TITLES,
  DisciplineAnswer,
  formatDay,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Flex, Text } from '@backstage/ui';
import { ContactLinks } from './ContactLinks';
import { EscalationPath } from './EscalationPath';
import { NoOwnerAlert } from './NoOwnerAlert';
import { OnCallList } from './OnCallList';
import { OwnerSourceChip } from './OwnerSourceChip';

/**
 * One discipline's owner: the team, where the ownership came from, who is on
 * call now with their numbers, the team's pager and chat, and where to
 * escalate. Nobody to page is an alert, not a chip.
 */
export function DisciplineColumn(props: {
  answer: DisciplineAnswer;
  showEscalation?: boolean;
  /** When this owner was first recorded (from the ownership history). */
  ownerSince?: string;
}) {
  const { answer, showEscalation = true, ownerSince } = props;
  const title = DISCIPLINE_TITLES[answer.discipline];
  return (
    <section aria-label={`${title} owner`}>
      <Flex direction="column" gap="2">
        <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
          <Text as="h3" variant="title-x-small">
            {title}
          </Text>
          <OwnerSourceChip answer={answer} />
        </Flex>
        {answer.noOwner && <NoOwnerAlert warning={answer.noOwner} />}
        {answer.team && (
          <>
            <Text as="p" variant="body-large" weight="bold">
              <EntityRefLink entityRef={answer.team.ref}>
                {answer.team.title}
              </EntityRefLink>
            </Text>
            {ownerSince && (
              <Text as="p" variant="body-small" color="secondary">
                owner since {formatDay(ownerSince)}
              </Text>
            )}
            {answer.source === 'inherited' && answer.declaredOn && (
              <Text as="p" variant="body-small" color="secondary">
                inherited from <EntityRefLink entityRef={answer.declaredOn} />
              </Text>
            )}
            <OnCallList onCall={answer.onCall} />
            <ContactLinks
              links={answer.team.contacts}
              label={`${answer.team.title} contacts`}
            />
            {showEscalation && <EscalationPath steps={answer.escalation} />}
          </>
        )}
      </Flex>
    </section>
  );
}
