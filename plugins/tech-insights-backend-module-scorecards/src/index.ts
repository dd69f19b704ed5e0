/**
 * The scorecards' fact checker for Tech Insights: JSON rules engine checks
 * that must read declared facts, or startup stops naming them.
 *
 * @packageDocumentation
 */
export { techInsightsModuleScorecards as default } from './module';
