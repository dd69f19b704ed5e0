export { OpsLookupPage } from './OpsLookupPage';
