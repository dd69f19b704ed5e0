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

/** Who acknowledged: the catalog user as a link, else the vendor's name for them as text. */
function AcknowledgedBy(props: { page: Page }) {
  const { acknowledgedBy, acknowledgedByName } = props.page;
  if (acknowledgedBy) return <EntityRefLink entityRef={acknowledgedBy} />;
  return <>{acknowledgedByName ?? 'someone'}</>;
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
    if (page.state !== 'triggered' && page.state !== 'sending') {
      return undefined;
    }
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
      {page.discipline
        ? DISCIPLINE_TITLES[page.discipline]
        : `incident escalation for "${page.query}"`}
      ) {ROUTES[page.route]} at {formatInstant(page.pagedAt)} by{' '}
      <EntityRefLink entityRef={page.pagedBy} />
    </>
  );
  const waiting = page.state === 'sending' || page.state === 'triggered';
  return (
    <Flex direction="column" gap="2" aria-live="polite">
      {waiting && (
        <Alert
          status="warning"
          icon
          title="Waiting for acknowledgement"
          description={<Text as="span">{sent}.</Text>}
        />
      )}
      {page.state === 'failed' && (
        <Alert
          status="danger"
          icon
          title="Nobody was reached"
          description={<Text as="span">{sent}.</Text>}
        />
      )}
      {(page.state === 'acknowledged' || page.state === 'resolved') && (
        <Alert
          status="success"
          icon
          title={
            page.acknowledgedBy || page.acknowledgedByName ? (
              <>
                Acknowledged by <AcknowledgedBy page={page} />
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
      <Text as="p" variant="body-small" color="secondary">
        {page.delivery}
      </Text>
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
