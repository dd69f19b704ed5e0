import { Button, Flex, Text } from '@backstage/ui';
import { useState } from 'react';
import { LoadError } from '../shared/LoadError';
import { UpcomingShiftsList } from '../shared/UpcomingShiftsList';
import { useOpsData } from '../shared/useOpsData';

function TeamNextShifts(props: { teamRef: string; teamTitle: string }) {
  const { value, loading, error, retry } = useOpsData(
    api => api.teamOnCall(props.teamRef),
    [props.teamRef],
  );
  if (error) return <LoadError error={error} onRetry={retry} />;
  if (loading && !value) {
    return (
      <Text as="p" variant="body-small" color="secondary">
        Loading the next shifts…
      </Text>
    );
  }
  return value?.upcoming?.some(u => u.shifts.length) ? (
    <UpcomingShiftsList upcoming={value.upcoming} />
  ) : (
    <Text as="p" variant="body-small" color="secondary">
      No later shifts known for {props.teamTitle}: its rotation is answered by
      the vendor, or it has none.
    </Text>
  );
}

/**
 * "Next shifts" under a discipline of the answer: the team's next three
 * shifts per rotation, loaded when asked for (the answer itself stays as
 * fast as it is).
 */
export function NextShifts(props: { teamRef: string; teamTitle: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Flex direction="column" gap="1">
      <div>
        <Button
          variant="tertiary"
          size="small"
          aria-expanded={open}
          // Three of these on an answer: each names its team.
          aria-label={`Next shifts of ${props.teamTitle}`}
          onPress={() => setOpen(!open)}
        >
          Next shifts
        </Button>
      </div>
      {open && <TeamNextShifts {...props} />}
    </Flex>
  );
}
