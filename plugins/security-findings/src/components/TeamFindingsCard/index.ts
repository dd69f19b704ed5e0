export { TeamFindingsCard } from './TeamFindingsCard';
