import { LoudText } from './LoudText';
import { Flex, Text } from '@backstage/ui';
import {
  describeShift,
  OnCallNow,
} from '@integrated-ops/plugin-integrated-ops-common';
import { PersonLine } from './PersonLine';

/** Who is on call now on each rotation, how to reach them, until when (in the rotation's zone), and who is next. */
export function OnCallList(props: { onCall: OnCallNow[] }) {
  return (
    <>
      {props.onCall.map(shift => (
        <Flex direction="column" gap="1" key={shift.rotation}>
          {shift.person ? (
            <PersonLine
              label={`On call (${shift.rotation})`}
              person={shift.person}
            />
          ) : (
            <LoudText as="p">
              On call ({shift.rotation}):{' '}
              {shift.unavailable ? 'unknown' : 'nobody (gap in rotation)'}
            </LoudText>
          )}
          <Text as="p" variant="body-small" color="secondary">
            {describeShift(shift)}
          </Text>
        </Flex>
      ))}
    </>
  );
}
