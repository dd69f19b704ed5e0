import { Link } from '@backstage/core-components';
import { ContactLink } from '@internal/plugin-integrated-ops-common';
import Box from '@material-ui/core/Box';
import ChatIcon from '@material-ui/icons/Chat';
import MenuBookIcon from '@material-ui/icons/MenuBook';
import PhoneIcon from '@material-ui/icons/Phone';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';

const ICONS = {
  chat: ChatIcon,
  pager: NotificationsActiveIcon,
  phone: PhoneIcon,
  runbook: MenuBookIcon,
};

/** Chat, pager, phone and runbook links, each with its icon and title. */
export function ContactLinks(props: { links: ContactLink[] }) {
  if (!props.links.length) return null;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 12 }}>
      {props.links.map(link => {
        const Icon = ICONS[link.type];
        return (
          <Link
            key={`${link.type}:${link.url}`}
            to={link.url}
            aria-label={`${link.type}: ${link.title ?? link.url}`}
          >
            <Box display="inline-flex" alignItems="center" style={{ gap: 4 }}>
              <Icon fontSize="small" />
              {link.title ?? link.url}
            </Box>
          </Link>
        );
      })}
    </Box>
  );
}
