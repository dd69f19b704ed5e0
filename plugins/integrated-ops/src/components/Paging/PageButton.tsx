import { useApi } from '@backstage/core-plugin-api';
import { Button, Flex, Text, TextField } from '@backstage/ui';
import {
  DISCIPLINE_TITLES,
  Discipline,
  Page,
} from '@integrated-ops/plugin-integrated-ops-common';
import { useState } from 'react';
import { integratedOpsApiRef } from '../../api';
import { PageStatus } from './PageStatus';

/** Whom a Page button pages: a discipline's team of an entity, or the incident escalation. */
export type PageTarget =
  | { entityRef: string; discipline: Discipline }
  /** For a query that matched nothing; the title is the escalation team's. */
  | { escalation: { title: string } };

/**
 * "Page NetOps": asks for an optional line for the people paged, then pages
 * the discipline's team of the entity - or, for a query that matched
 * nothing, the incident escalation team (the backend decides the team, the
 * route and that nothing matches), and shows where the page stands.
 */
export function PageButton(props: PageTarget & { query: string }) {
  const api = useApi(integratedOpsApiRef);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [page, setPage] = useState<Page>();
  const title =
    'discipline' in props
      ? DISCIPLINE_TITLES[props.discipline]
      : props.escalation.title;

  if (page) return <PageStatus page={page} />;
  const send = async () => {
    setBusy(true);
    try {
      const query = props.query.slice(0, 512);
      const said = note.trim() ? { note: note.trim().slice(0, 500) } : {};
      setPage(
        await api.page(
          'discipline' in props
            ? {
                entityRef: props.entityRef,
                discipline: props.discipline,
                query,
                ...said,
              }
            : { escalation: true, query, ...said },
        ),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex direction="column" gap="2">
      {!open ? (
        <div>
          <Button variant="secondary" onPress={() => setOpen(true)}>
            {`Page ${title}`}
          </Button>
        </div>
      ) : (
        <Flex direction="column" gap="2">
          <TextField
            label={`Note for the ${title} on-call (optional)`}
            value={note}
            onChange={setNote}
            maxLength={500}
          />
          <Flex gap="2">
            <Button variant="primary" onPress={send} isDisabled={busy}>
              {`Send page to ${title}`}
            </Button>
            <Button variant="tertiary" onPress={() => setOpen(false)}>
              Cancel
            </Button>
          </Flex>
        </Flex>
      )}
      {error && (
        <Text as="p" role="alert" color="danger">
          Not paged: {error}
        </Text>
      )}
    </Flex>
  );
}
