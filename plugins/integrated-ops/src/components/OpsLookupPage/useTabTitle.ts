import { useEffect } from 'react';

/** A title without the "(3) " unread count Backstage's notifications put in front. */
const withoutCount = (title: string) => title.replace(/^\(\d+\)\s/, '');

/**
 * The browser tab says what was looked up, so a row of incident tabs reads.
 * Held while the page is open: the notifications' unread counter rewrites the
 * title, and when a count changes while it still remembers the title from
 * before this page set its own, it restores that one (seen in the browser
 * tests). So the page puts its title back whenever the title, count aside,
 * is no longer its own; the counter then prefixes the count to it.
 */
export function useTabTitle(q: string) {
  useEffect(() => {
    const wanted = q ? `${q} - Incident lookup` : 'Incident lookup';
    const previous = withoutCount(document.title);
    const hold = () => {
      if (withoutCount(document.title) !== wanted) document.title = wanted;
    };
    hold();
    const element = document.querySelector('title');
    const observer = element ? new MutationObserver(hold) : undefined;
    observer?.observe(element!, { characterData: true, childList: true });
    return () => {
      observer?.disconnect();
      document.title = previous;
    };
  }, [q]);
}
