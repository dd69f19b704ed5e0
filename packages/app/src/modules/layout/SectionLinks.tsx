import { Link } from '@backstage/ui';
import { useLocation } from 'react-router-dom';

/** One of a page's sections, as the page layout gets it (href resolved). */
export interface Section {
  id: string;
  label: string;
  href: string;
}

/** The section whose href is the longest prefix of the path (a path segment boundary). */
export function activeSection(
  sections: Section[],
  pathname: string,
): string | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  let best: Section | undefined;
  for (const section of sections) {
    const href = section.href.replace(/[?#].*$/, '').replace(/\/+$/, '') || '/';
    const inside =
      path === href || path.startsWith(href === '/' ? '/' : `${href}/`);
    if (inside && (!best || href.length > best.href.length)) best = section;
  }
  return best?.id;
}

/**
 * A page's sections as a navigation landmark of links, the current one
 * marked `aria-current="page"`. They are pages, not tab panels: the stock
 * header's tab list pointed `aria-controls` at a panel that never exists.
 */
export function SectionLinks(props: { label: string; sections: Section[] }) {
  const { label, sections } = props;
  const { pathname } = useLocation();
  const active = activeSection(sections, pathname);
  const here = pathname.replace(/\/+$/, '');
  return (
    <nav aria-label={label} style={{ padding: '0 var(--bui-space-5)' }}>
      <ul
        style={{
          display: 'flex',
          gap: 'var(--bui-space-5)',
          listStyle: 'none',
          margin: 0,
          padding: 0,
          borderBottom: '1px solid var(--bui-border-1)',
        }}
      >
        {sections.map(section => {
          const current = section.id === active;
          // On the section's own page "page"; below it (a task of Tasks) "true".
          let ariaCurrent: 'page' | 'true' | undefined;
          if (current) {
            ariaCurrent =
              here === section.href.replace(/[?#].*$/, '').replace(/\/+$/, '')
                ? 'page'
                : 'true';
          }
          return (
            <li
              key={section.id}
              style={{
                padding: 'var(--bui-space-2) 0',
                borderBottom: current
                  ? '2px solid var(--bui-fg-primary)'
                  : '2px solid transparent',
              }}
            >
              <Link
                href={section.href}
                aria-current={ariaCurrent}
                color={current ? 'primary' : 'secondary'}
                weight={current ? 'bold' : 'regular'}
                standalone
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
