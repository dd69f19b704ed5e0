import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DISCIPLINE_TITLES,
  formatDay,
  formatInstant,
  OwnershipTimeline,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Flex, Text } from '@backstage/ui';
import { RefCaption } from '../shared/RefCaption';

/** How many owner changes the card lists. */
const SHOWN = 5;

function Owner(props: { entityRef?: string }) {
  return props.entityRef ? (
    <EntityRefLink entityRef={props.entityRef} />
  ) : (
    <>nobody</>
  );
}

/**
 * The entity's recent owner changes, newest first: "3 Nov 2026 12:00 UTC -
 * NetOps: netops-edge -> netops-core", and how far back the history goes.
 */
export function OwnerTimeline(props: { timeline: OwnershipTimeline }) {
  const { changes, historyStartsAt } = props.timeline;
  return (
    <section aria-label="Owner changes">
      <Flex direction="column" gap="1">
        <Text as="h3" variant="title-x-small">
          Owner changes
        </Text>
        {changes.length === 0 ? (
          <Text as="p" variant="body-small">
            No owner changed since the history began.
          </Text>
        ) : (
          <ol style={{ margin: 0, paddingLeft: '1.25rem' }}>
            {changes.slice(0, SHOWN).map(change => (
              <li key={`${change.at} ${change.discipline}`}>
                <Text variant="body-small">
                  {formatInstant(change.at)} -{' '}
                  {DISCIPLINE_TITLES[change.discipline]}:{' '}
                  {change.from ? (
                    <>
                      <Owner entityRef={change.from} /> {'->'}{' '}
                    </>
                  ) : (
                    'first recorded as '
                  )}
                  <Owner entityRef={change.to} /> ({change.source})
                </Text>
              </li>
            ))}
          </ol>
        )}
        {historyStartsAt && (
          <RefCaption>
            Ownership history since {formatDay(historyStartsAt)}; ask the lookup
            for any moment since with "as of".
          </RefCaption>
        )}
      </Flex>
    </section>
  );
}
