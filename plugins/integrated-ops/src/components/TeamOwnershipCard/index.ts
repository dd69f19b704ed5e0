export { TeamOwnershipCard } from './TeamOwnershipCard';
