export { SecurityFindingsCard } from './SecurityFindingsCard';
