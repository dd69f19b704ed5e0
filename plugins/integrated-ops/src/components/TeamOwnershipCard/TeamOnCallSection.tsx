import { Progress } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import { ContactLinks } from '../shared/ContactLinks';
import { EscalationPath } from '../shared/EscalationPath';
import { LoadError } from '../shared/LoadError';
import { OnCallList } from '../shared/OnCallList';
import { UpcomingShiftsList } from '../shared/UpcomingShiftsList';
import { useOpsData } from '../shared/useOpsData';

/** The team's own incident card: who is on call now and the next shifts (zones marked), its pager and chat, where it escalates. */
export function TeamOnCallSection(props: { teamRef: string }) {
  const { value, loading, error, retry } = useOpsData(
    api => api.teamOnCall(props.teamRef),
    [props.teamRef],
  );
  if (loading && !value) return <Progress />;
  if (error) return <LoadError error={error} onRetry={retry} />;
  if (!value) return null;
  return (
    <section aria-label="On call now">
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-x-small">
          On call now
        </Text>
        {value.onCall.length ? (
          <OnCallList onCall={value.onCall} />
        ) : (
          <Text as="p" variant="body-medium">
            This team has no on-call rotation: incidents for what it owns go to
            its escalation path.
          </Text>
        )}
        <UpcomingShiftsList upcoming={value.upcoming} />
        <ContactLinks
          links={value.team.contacts}
          label={`${value.team.title} contacts`}
        />
        <EscalationPath steps={value.escalation} />
      </Flex>
    </section>
  );
}
