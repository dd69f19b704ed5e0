import { Entity, RELATION_HAS_MEMBER } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';

const displayName = (user: Entity) =>
  (user.spec?.profile as { displayName?: string } | undefined)?.displayName ??
  user.metadata.title ??
  user.metadata.name;

/** The approving team and the people in it, so an approver knows who can decide. */
export function TeamPeople(props: { team: string }) {
  const catalogApi = useApi(catalogApiRef);
  const { value: people } = useAsync(async () => {
    const group = await catalogApi.getEntityByRef(props.team);
    const refs = (group?.relations ?? [])
      .filter(r => r.type === RELATION_HAS_MEMBER)
      .map(r => r.targetRef);
    if (!refs.length) return [];
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: ['kind', 'metadata.name', 'metadata.title', 'spec.profile'],
    });
    return items.flatMap(u => (u ? [displayName(u)] : []));
  }, [catalogApi, props.team]);
  return (
    <>
      <EntityRefLink entityRef={props.team} />
      {people?.length ? (
        <Text as="span" variant="body-small">
          {' '}
          ({people.join(', ')})
        </Text>
      ) : null}
    </>
  );
}
