import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import {
  DISCIPLINE_TITLES,
  formatInstant,
  Page,
} from '@integrated-ops/plugin-integrated-ops-common';
import { useEffect, useState } from 'react';
import { integratedOpsApiRef } from '../../api';

/** How often a page waiting for acknowledgement is asked again. */
export const PAGE_POLL_MS = 10_000;

const ROUTES: Record<Page['route'], string> = {
  pagerduty: 'through PagerDuty',
  opsgenie: 'through Opsgenie',
  notification: 'in the portal',
};

/** A user ref as a link to the user; a vendor's name for someone as it is. */
function Who(props: { who: string }) {
  return props.who.startsWith('user:') ? (
    <EntityRefLink entityRef={props.who} />
  ) : (
    <>{props.who}</>
  );
}

/**
 * Where a page stands: sent to whom and how, then who acknowledged it and
 * when. Asked again every 10 s while nobody has; the people it went to
 * acknowledge here when it went out as a portal notification.
 */
export function PageStatus(props: { page: Page }) {
  const api = useApi(integratedOpsApiRef);
  const [page, setPage] = useState(props.page);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setPage(props.page), [props.page]);
  useEffect(() => {
    if (page.state !== 'triggered') return undefined;
    const timer = setInterval(() => {
      api.getPage(page.id).then(setPage, e => setError(e.message));
    }, PAGE_POLL_MS);
    return () => clearInterval(timer);
  }, [api, page.id, page.state]);

  const acknowledge = async () => {
    setBusy(true);
    try {
      setPage(await api.acknowledgePage(page.id));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const sent = (
    <>
      {page.repeated ? 'Already paged' : 'Paged'} {page.teamTitle} (
      {DISCIPLINE_TITLES[page.discipline]}) {ROUTES[page.route]} at{' '}
      {formatInstant(page.pagedAt)} by <Who who={page.pagedBy} />
    </>
  );
  return (
    <Flex direction="column" gap="2" aria-live="polite">
      {page.state === 'triggered' ? (
        <Alert
          status="warning"
          icon
          title="Waiting for acknowledgement"
          description={<Text as="span">{sent}.</Text>}
        />
      ) : (
        <Alert
          status="success"
          icon
          title={
            page.acknowledgedBy ? (
              <>
                Acknowledged by <Who who={page.acknowledgedBy} />
                {page.acknowledgedAt
                  ? ` at ${formatInstant(page.acknowledgedAt)}`
                  : ''}
              </>
            ) : (
              'Resolved'
            )
          }
          description={<Text as="span">{sent}.</Text>}
        />
      )}
      {page.note && (
        <Text as="p" variant="body-small">
          Note: {page.note}
        </Text>
      )}
      {page.canAcknowledge && (
        <div>
          <Button variant="primary" onPress={acknowledge} isDisabled={busy}>
            Acknowledge
          </Button>
        </div>
      )}
      {error && (
        <Text as="p" role="alert" color="danger">
          {error}
        </Text>
      )}
    </Flex>
  );
}
