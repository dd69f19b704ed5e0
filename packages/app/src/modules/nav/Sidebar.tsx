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
import { SidebarSearchDialog } from './SidebarSearchDialog';
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
            <SidebarSearchDialog />
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
