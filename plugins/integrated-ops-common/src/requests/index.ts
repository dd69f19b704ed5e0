export * from './changeIntent';
export { parseStrictDate } from './strictDate';
export { parseWithMessages } from './describeIssues';
