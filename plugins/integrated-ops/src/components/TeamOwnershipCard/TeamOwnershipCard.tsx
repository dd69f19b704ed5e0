import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  DISCIPLINE_TITLES,
  DISCIPLINES,
} from '@integrated-ops/plugin-integrated-ops-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Badge, Flex, Grid, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { SectionCard } from '../shared/SectionCard';
import { TeamOnCallSection } from './TeamOnCallSection';
import { OwnedEntity, ownedRefs, refKey, teamOwnership } from './teamOwnership';

const KIND_TITLES: Record<string, string> = {
  domain: 'Domains',
  system: 'Systems',
  component: 'Components',
  api: 'APIs',
  resource: 'Resources',
};

/** One discipline's entities, by kind; declared ones in bold, inherited ones say from where. */
function OwnedList(props: { items: OwnedEntity[] }) {
  const kinds = [...new Set(props.items.map(i => i.kind))];
  return (
    <>
      {kinds.map(kind => {
        const items = props.items.filter(i => i.kind === kind);
        return (
          <div key={kind}>
            <Text as="h4" variant="body-small" weight="bold">
              {KIND_TITLES[kind] ?? kind} ({items.length})
            </Text>
            <ul className="owned" style={{ margin: 0, padding: 0 }}>
              {items.map((item, i) => (
                <li
                  key={item.ref}
                  title={
                    item.source === 'declared'
                      ? 'declared on the entity'
                      : `inherited from ${item.source}`
                  }
                  style={{
                    display: 'inline',
                    fontWeight: item.source === 'declared' ? 600 : 400,
                  }}
                >
                  <EntityRefLink entityRef={item.ref}>
                    {item.title}
                  </EntityRefLink>
                  {item.source !== 'declared' && '*'}
                  {i < items.length - 1 && ', '}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}

/**
 * On a Group page: what the team owns as NetOps, DevOps and SecOps owner,
 * from its typed `<d>OwnerOf` relations (declared and inherited).
 */
export function TeamOwnershipCard() {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const refs = ownedRefs(entity);
  const allRefs = [...new Set(DISCIPLINES.flatMap(d => refs[d]))];
  const key = allRefs.join(',');

  const { value, loading, error } = useAsync(async () => {
    if (!allRefs.length) return teamOwnership(refs, new Map());
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: allRefs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
      ],
    });
    const byRef = new Map(
      items.flatMap(e => (e ? [[refKey(e), e] as const] : [])),
    );
    return teamOwnership(refs, byRef);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key]);

  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (!allRefs.length) {
    content = (
      <Text as="p" color="secondary">
        This team is not the NetOps, DevOps or SecOps owner of anything in the
        catalog.
      </Text>
    );
  } else if (value) {
    const owned = DISCIPLINES.filter(d => value[d].length);
    content = (
      <Flex direction="column" gap="3">
        <Grid.Root
          columns={{
            initial: '1',
            md: String(owned.length) as '1' | '2' | '3',
          }}
          gap="4"
        >
          {owned.map(d => (
            <section key={d} aria-label={`${DISCIPLINE_TITLES[d]} ownership`}>
              <Flex direction="column" gap="2">
                <Flex align="center" gap="2">
                  <Text as="h3" variant="title-x-small">
                    {DISCIPLINE_TITLES[d]} owner of
                  </Text>
                  <Badge size="small">{value[d].length}</Badge>
                </Flex>
                <OwnedList items={value[d]} />
              </Flex>
            </section>
          ))}
        </Grid.Root>
        <Text as="p" variant="body-small" color="secondary">
          Bold: declared on the entity. *: inherited from its System or Domain
          (hover for which). Backstage's Ownership card counts what names this
          team in spec.owner; this card counts typed NetOps, DevOps and SecOps
          ownership, declared or inherited, so the two can differ.
        </Text>
      </Flex>
    );
  }
  return (
    <SectionCard title="Ops ownership">
      <Flex direction="column" gap="4">
        <TeamOnCallSection teamRef={stringifyEntityRef(entity)} />
        {content}
      </Flex>
    </SectionCard>
  );
}
