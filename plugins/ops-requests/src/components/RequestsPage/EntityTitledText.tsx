import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { Fragment } from 'react';

/** A full entity ref of a catalog kind, as the backend writes it into a request. */
const ENTITY_REF =
  /\b(?:component|resource|system|domain|api|group|user):[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?\/[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?/gi;

/** The text's plain parts and entity refs, in order. */
export function titleParts(
  title: string,
): Array<{ text: string } | { ref: string }> {
  const parts: Array<{ text: string } | { ref: string }> = [];
  let at = 0;
  for (const m of title.matchAll(ENTITY_REF)) {
    if (m.index! > at) parts.push({ text: title.slice(at, m.index) });
    parts.push({ ref: m[0] });
    at = m.index! + m[0].length;
  }
  if (at < title.length) parts.push({ text: title.slice(at) });
  return parts;
}

/**
 * A request's title or description as people read it: the entity refs the
 * backend wrote (`component:default/fraud-scoring-service`) shown by their
 * catalog titles (Fraud Scoring Service). The stored text, with refs, stays
 * what notifications, commits and the filter use.
 */
export function EntityTitledText(props: {
  text: string;
  /** Hover shows each entity's ref (not inside a link). */
  withRefs?: boolean;
}) {
  return (
    <>
      {titleParts(props.text).map((part, i) => (
        <Fragment key={i}>
          {'ref' in part ? (
            <EntityDisplayName
              entityRef={part.ref}
              hideIcon
              disableTooltip={!props.withRefs}
            />
          ) : (
            part.text
          )}
        </Fragment>
      ))}
    </>
  );
}
