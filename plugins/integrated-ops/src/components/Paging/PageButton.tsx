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

/**
 * "Page NetOps": asks for an optional line for the people paged, then pages
 * the discipline's team of the entity (the backend decides the team and the
 * route), and shows where the page stands.
 */
export function PageButton(props: {
  entityRef: string;
  discipline: Discipline;
  query: string;
}) {
  const api = useApi(integratedOpsApiRef);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [page, setPage] = useState<Page>();
  const title = DISCIPLINE_TITLES[props.discipline];

  if (page) return <PageStatus page={page} />;
  const send = async () => {
    setBusy(true);
    try {
      setPage(
        await api.page({
          entityRef: props.entityRef,
          discipline: props.discipline,
          query: props.query.slice(0, 512),
          ...(note.trim() ? { note: note.trim().slice(0, 500) } : {}),
        }),
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
