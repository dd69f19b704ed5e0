import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  DISCIPLINE_TITLES,
  DISCIPLINES,
} from '@internal/plugin-integrated-ops-common';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
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
            <Typography variant="overline" component="h4">
              {KIND_TITLES[kind] ?? kind} ({items.length})
            </Typography>
            <Typography variant="body2" component="ul" className="owned">
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
            </Typography>
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
      <Typography color="textSecondary">
        This team is not the NetOps, DevOps or SecOps owner of anything in the
        catalog.
      </Typography>
    );
  } else if (value) {
    const owned = DISCIPLINES.filter(d => value[d].length);
    content = (
      <Grid container spacing={3}>
        {owned.map(d => (
          <Grid
            item
            xs={12}
            md={owned.length > 1 ? ((12 / owned.length) as 4 | 6) : 12}
            key={d}
          >
            <section aria-label={`${DISCIPLINE_TITLES[d]} ownership`}>
              <Typography variant="h6" component="h3">
                {DISCIPLINE_TITLES[d]} owner of{' '}
                <Chip size="small" label={value[d].length} />
              </Typography>
              <OwnedList items={value[d]} />
            </section>
          </Grid>
        ))}
        <Grid item xs={12}>
          <Typography variant="caption" color="textSecondary">
            Bold: declared on the entity. *: inherited from its System or Domain
            (hover for which).
          </Typography>
        </Grid>
      </Grid>
    );
  }
  return <InfoCard title="Ops ownership">{content}</InfoCard>;
}
