import { Card, CardBody, CardHeader, Text } from '@backstage/ui';
import type { ReactNode } from 'react';

/**
 * A page section of the portal's pages: a card headed by its title (h2).
 *
 * @public
 */
export function SectionCard(props: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-x-small">
          {props.title}
        </Text>
      </CardHeader>
      <CardBody>{props.children}</CardBody>
    </Card>
  );
}
