export { TeamCampaignsCard } from './TeamCampaignsCard';
