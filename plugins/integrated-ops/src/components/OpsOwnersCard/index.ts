export { OpsOwnersCard } from './OpsOwnersCard';
