import {
  BreadcrumbEntry,
  PageLayout,
  PageLayoutProps,
  useBreadcrumbEntries,
} from '@backstage/frontend-plugin-api';
import { SwappableComponentBlueprint } from '@backstage/plugin-app-react';
import { PluginHeader } from '@backstage/ui';
import { useMemo } from 'react';
import { useResolvedPath } from 'react-router-dom';
import { SectionLinks } from './SectionLinks';

/**
 * The stock page layout (plugin-app's core-page-layout: the BUI plugin
 * header, breadcrumbs), with a page's sub-pages as section links below the
 * header instead of the header's tab list.
 */
export function PortalPageLayout(props: PageLayoutProps) {
  const { title, icon, noHeader, titleLink, headerActions, tabs, children } =
    props;
  const parentPath = useResolvedPath('.').pathname.replace(/\/$/, '');
  const sections = useMemo(
    () =>
      tabs?.map(tab => ({
        id: tab.id,
        label: tab.label,
        href: tab.href.startsWith('/')
          ? tab.href
          : `${parentPath}/${tab.href}`.replace(/\/{2,}/g, '/'),
      })),
    [tabs, parentPath],
  );
  const { items: breadcrumbs } = useBreadcrumbEntries();
  if (noHeader) return <>{children}</>;
  const content = (
    <>
      <PluginHeader
        title={title}
        icon={icon}
        titleLink={titleLink}
        breadcrumbs={breadcrumbs}
        customActions={headerActions}
      />
      {sections && sections.length > 0 && (
        <SectionLinks
          label={`${title ?? 'Page'} sections`}
          sections={sections}
        />
      )}
      {children}
    </>
  );
  if (!title) return content;
  return (
    <BreadcrumbEntry
      entry={{ label: title, href: titleLink ?? (parentPath || '/') }}
    >
      {content}
    </BreadcrumbEntry>
  );
}

/** Swaps the app's page layout for {@link PortalPageLayout}. */
export const portalPageLayout = SwappableComponentBlueprint.make({
  name: 'core-page-layout',
  params: define =>
    define({
      component: PageLayout,
      loader: () => PortalPageLayout,
    }),
});
