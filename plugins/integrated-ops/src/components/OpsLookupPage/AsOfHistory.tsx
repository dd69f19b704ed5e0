import {
  AnswerHistory,
  formatDay,
  formatInstant,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Alert, Flex, Text } from '@backstage/ui';
import { RefCaption } from '../shared/RefCaption';
import { SectionCard } from '../shared/SectionCard';

/**
 * What an as-of answer rests on: when its owners were recorded (or that
 * nothing was, by then), and the change requests that touched the entity by
 * then - who asked, who approved, when applied.
 */
export function AsOfHistory(props: { history: AnswerHistory }) {
  const { history } = props;
  return (
    <SectionCard title={`As of ${formatInstant(history.asOf)}`}>
      <Flex direction="column" gap="3">
        {history.known ? (
          <Text as="p" variant="body-small">
            Owners, teams and on-call as they were then; these owners were
            recorded {formatInstant(history.ownersRecordedAt!)}.
          </Text>
        ) : (
          <Alert
            status="warning"
            icon
            title={`Nothing was recorded for this entity by then${
              history.historyStartsAt
                ? `: the ownership history starts ${formatDay(
                    history.historyStartsAt,
                  )}`
                : ''
            }. Its owners then are unknown, not missing: look up without "as of" for who owns it now.`}
          />
        )}
        <section aria-label="Change requests by then">
          <Text as="h3" variant="title-x-small">
            Change requests by then
          </Text>
          {history.changesUnavailable && (
            <RefCaption>{history.changesUnavailable}</RefCaption>
          )}
          {!history.changesUnavailable && history.changes.length === 0 && (
            <Text as="p" variant="body-small">
              None named it as a target.
            </Text>
          )}
          {history.changes.length > 0 && (
            <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
              {history.changes.map(c => (
                <li key={c.id}>
                  <Text variant="body-small">
                    <strong>{c.title}</strong> ({c.id}, {c.state}) - asked by{' '}
                    {c.requestedBy} {formatInstant(c.requestedAt)}
                    {c.approvals.length > 0 &&
                      `; approved by ${c.approvals
                        .map(a => `${a.by} (${a.role})`)
                        .join(', ')}`}
                    {c.appliedAt && `; applied ${formatInstant(c.appliedAt)}`}
                    {c.revokedAt && `; revoked ${formatInstant(c.revokedAt)}`}
                  </Text>
                </li>
              ))}
            </ul>
          )}
        </section>
      </Flex>
    </SectionCard>
  );
}
