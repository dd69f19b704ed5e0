import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { EntityCoverage } from '@integrated-ops/plugin-integrated-ops-common';
import { Card, CardBody, CardHeader, Flex, Grid, Text } from '@backstage/ui';
import { LoudText } from '../shared/LoudText';
import { gapsToChase } from './gapsToChase';

/** What to fix, per discipline and per team to chase, each entity once with what it lacks. */
export function GapsByDiscipline(props: { gaps: EntityCoverage[] }) {
  const groups = gapsToChase(props.gaps);
  if (!groups.length) {
    return (
      <Text as="p">
        No gaps: every entity has all three owners, reachable and on call, and a
        runbook.
      </Text>
    );
  }
  return (
    <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
      {groups.map(group => (
        <Card key={group.key}>
          <CardHeader>
            <Text as="h3" variant="title-x-small">
              {group.title}: {group.entities}{' '}
              {group.entities === 1 ? 'entity' : 'entities'} to fix
            </Text>
          </CardHeader>
          <CardBody>
            <section aria-label={`${group.title} gaps`}>
              <Flex direction="column" gap="3">
                {group.teams.map(chase => (
                  <Flex direction="column" gap="1" key={chase.team ?? '-'}>
                    <Text as="h4" variant="body-medium" weight="bold">
                      {chase.team ? (
                        <>
                          Chase <EntityRefLink entityRef={chase.team} /> (
                          {chase.items.length})
                        </>
                      ) : (
                        <LoudText>
                          No owner to chase: set spec.opsOwners on the entity or
                          its System ({chase.items.length})
                        </LoudText>
                      )}
                    </Text>
                    <ul style={{ margin: 0, paddingLeft: 20 }}>
                      {chase.items.map(item => (
                        <li key={item.entityRef}>
                          <Text as="span" variant="body-small">
                            <EntityRefLink entityRef={item.entityRef}>
                              {item.title}
                            </EntityRefLink>
                            : {item.asks.join('; ')}
                          </Text>
                        </li>
                      ))}
                    </ul>
                  </Flex>
                ))}
              </Flex>
            </section>
          </CardBody>
        </Card>
      ))}
    </Grid.Root>
  );
}
