export { WhoCanReachCard } from './WhoCanReachCard';
