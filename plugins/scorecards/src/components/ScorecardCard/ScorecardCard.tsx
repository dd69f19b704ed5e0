import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Card,
  CardBody,
  CardHeader,
  Flex,
  Grid,
  Link,
  Text,
} from '@backstage/ui';
import { LoadFailure } from '@integrated-ops/plugin-integrated-ops-react';
import {
  DISCIPLINE_TITLES,
  formatAge,
} from '@integrated-ops/plugin-integrated-ops-common';
import type { DisciplineScore } from '@integrated-ops/plugin-scorecards-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../../api';
import { LEVEL_WORDS } from '../levelWords';

function Discipline(props: { score: DisciplineScore }) {
  const { score } = props;
  const failing = score.checks.filter(c => !c.passed);
  return (
    <section aria-label={`${DISCIPLINE_TITLES[score.discipline]} readiness`}>
      <Flex direction="column" gap="1">
        <Text as="h3" variant="title-x-small">
          {DISCIPLINE_TITLES[score.discipline]}: {LEVEL_WORDS[score.level]}
        </Text>
        <Text as="p" variant="body-small" color="secondary">
          {score.passed} of {score.total} checks pass
          {score.next ? `; next: ${LEVEL_WORDS[score.next]}` : ''}
        </Text>
        {failing.length ? (
          <ul style={{ margin: 0, paddingLeft: 20 }} aria-label="Failing">
            {failing.map(check => (
              <li key={check.id}>
                <Text as="span" variant="body-small">
                  <strong>{check.name}</strong> ({check.level}):{' '}
                  {check.description}
                  {check.fix && (
                    <>
                      {' '}
                      - fix:{' '}
                      {check.fix.url ? (
                        <Link href={check.fix.url}>{check.fix.title}</Link>
                      ) : (
                        check.fix.title
                      )}
                    </>
                  )}
                </Text>
              </li>
            ))}
          </ul>
        ) : (
          <Text as="p" variant="body-small">
            Every check passes.
          </Text>
        )}
      </Flex>
    </section>
  );
}

/**
 * The entity's readiness per discipline, side by side: the level each
 * reached (bronze, silver, gold), what fails and the one action that fixes
 * it, and how old the facts are.
 */
export function ScorecardCard() {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  const api = useApi(scorecardsApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.entity(ref),
    [api, ref],
  );
  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = (
      <LoadFailure what="The scorecard" error={error} onRetry={retry} />
    );
  } else if (value) {
    const age = value.factsAt
      ? Math.max(0, (Date.now() - Date.parse(value.factsAt)) / 1000)
      : undefined;
    content = (
      <Flex direction="column" gap="3">
        <Grid.Root columns={{ initial: '1', md: '3' }} gap="4">
          {value.disciplines.map(score => (
            <Discipline key={score.discipline} score={score} />
          ))}
        </Grid.Root>
        <Text as="p" variant="body-small" color="secondary">
          {age === undefined
            ? 'No facts recorded for this entity yet.'
            : `Facts read ${formatAge(age)} ago.`}
        </Text>
      </Flex>
    );
  }
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-x-small">
          Readiness scorecard
        </Text>
      </CardHeader>
      <CardBody>{content}</CardBody>
    </Card>
  );
}
