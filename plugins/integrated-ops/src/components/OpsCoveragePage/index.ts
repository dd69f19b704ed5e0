export { OpsCoveragePage } from './OpsCoveragePage';
