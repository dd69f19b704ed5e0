export { LookupFindingsSection } from './LookupFindingsSection';
