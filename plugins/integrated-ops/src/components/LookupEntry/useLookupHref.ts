import { useRouteRef } from '@backstage/core-plugin-api';
import { lookupRouteRef } from '../../routes';

/** The incident lookup's answer for `q`, wherever the app mounted the page. */
export function useLookupHref(): (q: string) => string {
  const lookupPath = useRouteRef(lookupRouteRef)();
  return q => `${lookupPath}?q=${encodeURIComponent(q.trim())}`;
}
