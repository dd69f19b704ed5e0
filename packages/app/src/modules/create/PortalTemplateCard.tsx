import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import { MarkdownContent } from '@backstage/core-components';
import { useAnalytics, useRouteRef } from '@backstage/frontend-plugin-api';
import {
  EntityRefLinks,
  FavoriteEntity,
  entityRouteParams,
  entityRouteRef,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { taskCreatePermission } from '@backstage/plugin-scaffolder-common/alpha';
import { TemplateCardComponentProps } from '@backstage/plugin-scaffolder-react/alpha';
import {
  Button,
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  Flex,
  Link,
  Text,
} from '@backstage/ui';

/**
 * A template's link is followed only to the web or within the portal: its
 * metadata may carry any scheme (javascript:, data:), shown then as text.
 */
export const linkable = (url: string) => /^(https?:\/\/|\/(?!\/))/i.test(url);

/**
 * A template on the Create page: its title as a heading, what it does, its
 * tags and links, who owns it, its details page and Choose (named after the
 * template for a screen reader). One link or button per action: the stock
 * card's detail button held a link without a name (axe: nested-interactive,
 * link-name).
 */
export function PortalTemplateCard(props: TemplateCardComponentProps) {
  const { template, additionalLinks, onSelected } = props;
  const title = template.metadata.title ?? template.metadata.name;
  const owners = getEntityRelations(template, RELATION_OWNED_BY);
  const links = [
    ...(additionalLinks ?? []).map(l => ({ title: l.text, url: l.url })),
    ...(template.metadata.links ?? []).map(l => ({
      title: l.title || l.url,
      url: l.url,
    })),
  ];
  const entityRoute = useRouteRef(entityRouteRef);
  const analytics = useAnalytics();
  const { allowed: canCreate } = usePermission({
    permission: taskCreatePermission,
  });
  return (
    <Card style={{ height: '100%' }}>
      <CardHeader>
        <Flex justify="between" align="start" gap="2">
          <Flex direction="column" gap="1">
            <Text as="h3" variant="title-x-small" weight="bold">
              {title}
            </Text>
            <Text variant="body-small" color="secondary">
              {template.spec.type}
            </Text>
          </Flex>
          {/* The Create page's Starred filter lists what is starred here. */}
          <FavoriteEntity entity={template} />
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          <MarkdownContent
            content={template.metadata.description ?? 'No description'}
          />
          {!!template.metadata.tags?.length && (
            <Text variant="body-small" color="secondary">
              Tags: {template.metadata.tags.join(', ')}
            </Text>
          )}
          {links.length > 0 && (
            <Flex gap="3">
              {links.map((l, i) =>
                linkable(l.url) ? (
                  <Link
                    key={i}
                    href={l.url}
                    variant="body-small"
                    {...(l.url.startsWith('/')
                      ? {}
                      : { target: '_blank', rel: 'noopener noreferrer' })}
                  >
                    {l.title}
                  </Link>
                ) : (
                  <Text key={i} variant="body-small">
                    {l.title}
                  </Text>
                ),
              )}
            </Flex>
          )}
        </Flex>
      </CardBody>
      <CardFooter>
        <Flex justify="between" align="center" gap="3">
          <Flex direction="column" gap="1">
            {owners.length > 0 && (
              <Text variant="body-small">
                Owner:{' '}
                <EntityRefLinks
                  entityRefs={owners}
                  defaultKind="Group"
                  hideIcons
                />
              </Text>
            )}
            {entityRoute && (
              <Link
                href={entityRoute(entityRouteParams(template))}
                aria-label={`Details of ${title}`}
                variant="body-small"
              >
                Details
              </Link>
            )}
          </Flex>
          {canCreate && (
            <Button
              variant="secondary"
              size="small"
              aria-label={`Choose ${title}`}
              onPress={() => {
                analytics.captureEvent('click', 'Template has been opened');
                onSelected?.();
              }}
            >
              Choose
            </Button>
          )}
        </Flex>
      </CardFooter>
    </Card>
  );
}
