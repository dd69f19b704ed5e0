import { Link, SidebarItem } from '@backstage/core-components';
import {
  SearchBar,
  SearchContextProvider,
  SearchResult,
  SearchResultListItemExtensions,
  useSearch,
} from '@backstage/plugin-search-react';
import { Dialog, DialogBody, DialogHeader, Flex } from '@backstage/ui';
import SearchIcon from '@material-ui/icons/Search';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import {
  LookupSearchSuggestion,
  OwnershipSearchResult,
} from '@integrated-ops/plugin-integrated-ops';

/** What the dialog shows: the bar, the lookup offer, owners first, the rest. */
function SearchDialogContent() {
  const { term } = useSearch();
  return (
    <Flex direction="column" gap="2">
      {/* A dialog opened to search moves focus to its field (WAI-ARIA
          dialog pattern: focus goes into the dialog, to what it is for). */}
      {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
      <SearchBar autoFocus inputProps={{ 'aria-label': 'Search' }} />
      {term.trim() && (
        <Flex justify="end">
          <Link to={`/search?query=${encodeURIComponent(term.trim())}`}>
            View full results
          </Link>
        </Flex>
      )}
      <SearchResult>
        {resultSet => (
          <>
            {/* What was typed may be an IP or a hostname from an alert. */}
            <LookupSearchSuggestion />
            {resultSet.results
              .filter(r => r.type === 'ops-ownership')
              .map(r => (
                <OwnershipSearchResult
                  key={r.document.location}
                  result={r.document}
                />
              ))}
            {/* The engine's own lookup offer (ops-lookup) is the one above. */}
            <SearchResultListItemExtensions
              results={resultSet.results.filter(
                r => r.type !== 'ops-ownership' && r.type !== 'ops-lookup',
              )}
            />
          </>
        )}
      </SearchResult>
    </Flex>
  );
}

/**
 * The sidebar's search, in an accessible dialog (named by its heading,
 * modal on the dialog itself): the stock SidebarSearchModal's dialog has
 * no name and puts aria-modal on a presentation element. Closes when a
 * result is followed.
 */
export function SidebarSearchDialog() {
  const [open, setOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setOpen(false), [location]);
  return (
    <>
      <SidebarItem
        icon={SearchIcon}
        text="Search"
        onClick={() => setOpen(true)}
      />
      <Dialog isOpen={open} onOpenChange={setOpen} width={960}>
        <DialogHeader>Search</DialogHeader>
        <DialogBody>
          <SearchContextProvider>
            <SearchDialogContent />
          </SearchContextProvider>
        </DialogBody>
      </Dialog>
    </>
  );
}
