import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { SidebarLogo } from './SidebarLogo';
import MenuIcon from '@material-ui/icons/Menu';
import NotificationsIcon from '@material-ui/icons/Notifications';
import SearchIcon from '@material-ui/icons/Search';
import { SidebarSearchModal } from '@backstage/plugin-search';
import { SearchResultListItemExtensions } from '@backstage/plugin-search-react';
import {
  LookupSearchSuggestion,
  OwnershipSearchResult,
} from '@integrated-ops/plugin-integrated-ops';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';

export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));

      // Skipped items
      nav.take('page:search'); // Using search modal instead
      nav.take('page:notifications'); // Using NotificationsSidebarItem manually instead

      return (
        <Sidebar>
          <SidebarLogo />
          <SidebarGroup label="Search" icon={<SearchIcon />} to="/search">
            <SidebarSearchModal
              // What was typed may be an IP or a hostname from an alert:
              // offer the incident lookup's answer above the results.
              resultItemComponents={resultSet => (
                <>
                  <LookupSearchSuggestion />
                  {/* Entities with their three owners, then everything else. */}
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
                      r =>
                        r.type !== 'ops-ownership' && r.type !== 'ops-lookup',
                    )}
                  />
                </>
              )}
            />
          </SidebarGroup>
          <SidebarDivider />
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            {/* What an incident responder needs first, first. */}
            {nav.take('page:integrated-ops/lookup')}
            {nav.take('page:home')}
            {nav.take('page:catalog')}
            {nav.take('page:scaffolder')}
            <SidebarDivider />
            <SidebarScrollWrapper>
              {nav.rest({ sortBy: 'title' })}
            </SidebarScrollWrapper>
          </SidebarGroup>
          <SidebarSpace />
          <SidebarDivider />
          <NotificationsSidebarItem
            // New notifications pop up at the top right: at the bottom right
            // (the default) one covered a form's Next and Create buttons,
            // and under a resting pointer a snackbar never hides.
            snackbarProps={{
              enabled: true,
              autoHideDuration: 15_000,
              anchorOrigin: { vertical: 'top', horizontal: 'right' },
            }}
            // The stock item's name stays "Notifications" while it shows an
            // unread count: its label would not match what is read out.
            renderItem={({ unreadCount, to, onClick }) => (
              <SidebarItem
                to={to}
                onClick={onClick}
                icon={NotificationsIcon}
                hasNotifications={unreadCount > 0}
                text={
                  unreadCount
                    ? `Notifications (${unreadCount} unread)`
                    : 'Notifications'
                }
              />
            )}
          />
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to="/settings"
          >
            {nav.take('page:app-visualizer')}
            {nav.take('page:user-settings')}
          </SidebarGroup>
        </Sidebar>
      );
    },
  },
});
