export { SecOpsOverviewPage } from './SecOpsOverviewPage';
