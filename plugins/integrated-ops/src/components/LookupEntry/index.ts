export { LookupHomeWidget } from './LookupHomeWidget';
export { LookupSearchSuggestion } from './LookupSearchSuggestion';
